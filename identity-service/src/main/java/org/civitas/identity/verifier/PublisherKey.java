package org.civitas.identity.verifier;

import org.civitas.sdk.FormatException;
import org.civitas.sdk.did.Did;
import org.civitas.sdk.did.DidKey;
import org.civitas.sdk.key.VerificationKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The pinned key of the trust bundle publisher: configured as a did:key, or read from the file the default
 * deployment's issuer writes it to (which may appear after this service starts; read until found).
 */
public final class PublisherKey implements Supplier<Optional<VerificationKey>> {

    private static final Logger LOG = LoggerFactory.getLogger(PublisherKey.class);

    private final String configured;
    private final Path file;
    private volatile VerificationKey key;

    public PublisherKey(String configured, Path file) {
        this.configured = configured;
        this.file = file;
    }

    @Override
    public Optional<VerificationKey> get() {
        if (key != null) return Optional.of(key);
        String did = configured;
        if (did == null || did.isBlank()) {
            if (file == null || !Files.isRegularFile(file)) return Optional.empty();
            try {
                did = Files.readString(file).trim();
            } catch (IOException e) {
                return Optional.empty();
            }
        }
        try {
            key = DidKey.key(Did.parse(did.trim()));
            LOG.info("The online verifier trusts bundles signed by {}", did.trim());
            return Optional.of(key);
        } catch (FormatException e) {
            throw new IllegalStateException("civitas.verifier.bundle-publisher is not a did:key: " + e.getMessage(), e);
        }
    }
}
