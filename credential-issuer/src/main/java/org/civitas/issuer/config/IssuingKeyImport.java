package org.civitas.issuer.config;

import org.civitas.issuer.key.Pkcs12AgencyKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One pass over the import directory ({@code civitas.issuer.keystore.import-dir}): agencies' Multikey files dropped
 * there are moved into the keystore and deleted, at start and then every
 * {@code civitas.issuer.keystore.import-interval}, so that an agency onboarded while the service runs can issue
 * without a restart. Never throws: a failed pass is logged and the next one tries again.
 */
final class IssuingKeyImport implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(IssuingKeyImport.class);

    private final Pkcs12AgencyKeys keys;
    private final Path directory;

    IssuingKeyImport(Pkcs12AgencyKeys keys, Path directory) {
        this.keys = keys;
        this.directory = directory;
    }

    @Override
    public void run() {
        if (!Files.isDirectory(directory)) return;
        try {
            Pkcs12AgencyKeys.Imported imported = keys.importDirectory(directory);
            if (imported.added() > 0) LOG.info("Imported {} issuing key(s) from {}", imported.added(), directory);
            for (String file : imported.rejected()) {
                LOG.warn("Not an agency's Multikey document with its secret, left as *.rejected: {}", file);
            }
        } catch (IOException | RuntimeException e) {
            LOG.error("Importing issuing keys from {} failed: {}", directory, e.toString());
        }
    }
}
