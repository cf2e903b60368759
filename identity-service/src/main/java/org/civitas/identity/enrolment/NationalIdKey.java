package org.civitas.identity.enrolment;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * The secret key of the national id's keyed hash, HMAC-SHA-256 (RFC 2104, FIPS 198-1): the service finds a
 * person by the hash and never keeps the number, and without the key the hashes cannot be brute-forced over the
 * small space of identity numbers. The key never leaves this object: no accessor, a redacted {@link #toString}.
 * Thread-safe.
 */
public final class NationalIdKey {

    private static final Logger LOG = LoggerFactory.getLogger(NationalIdKey.class);
    /** At least the hash's output size (RFC 2104 §3). */
    static final int MIN_KEY_BYTES = 32;
    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;
    private final ThreadLocal<Mac> macs;

    private NationalIdKey(byte[] secret) {
        this.key = new SecretKeySpec(secret, ALGORITHM);
        Arrays.fill(secret, (byte) 0);
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    /** A key from its raw bytes (at least 32). */
    public static NationalIdKey of(byte[] secret) {
        if (secret.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("the national id key needs at least " + MIN_KEY_BYTES + " bytes");
        }
        return new NationalIdKey(secret.clone());
    }

    /**
     * Reads the key file (base64 of the key bytes), creating it with a fresh random key and owner-only permissions
     * when it does not exist.
     */
    public static NationalIdKey fromFile(Path file) {
        try {
            if (!Files.exists(file)) create(file);
            byte[] secret = Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).trim());
            try {
                return of(secret);
            } finally {
                Arrays.fill(secret, (byte) 0);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the national id key file " + file, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the national id key file " + file + " must hold base64 of at least "
                + MIN_KEY_BYTES + " bytes");
        }
    }

    private static void create(Path file) throws IOException {
        byte[] secret = new byte[MIN_KEY_BYTES];
        new SecureRandom().nextBytes(secret);
        if (file.toAbsolutePath().getParent() != null) Files.createDirectories(file.toAbsolutePath().getParent());
        try {
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(file);
            }
            Files.writeString(file, Base64.getEncoder().encodeToString(secret) + "\n", StandardCharsets.US_ASCII);
            LOG.warn("Created a new national id key at {}: back it up with the database; without it no enrolled "
                + "person can be matched again", file);
        } catch (FileAlreadyExistsException raced) {
            // another replica created it first: read theirs
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    /** The keyed hash of a number: 32 bytes, equal for equal numbers. */
    public NationalIdHash hash(NationalId id) {
        return new NationalIdHash(macs.get().doFinal(id.digits().getBytes(StandardCharsets.US_ASCII)));
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA-256 is unavailable", e);
        }
    }

    @Override
    public String toString() { return "NationalIdKey[HMAC-SHA-256, redacted]"; }
}
