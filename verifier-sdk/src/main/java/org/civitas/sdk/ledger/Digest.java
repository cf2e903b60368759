package org.civitas.sdk.ledger;

import org.civitas.sdk.FormatException;

import java.util.Arrays;
import java.util.Base64;

/** A 32-byte hash (SHA-256 or SM3), written as base64url without padding. Immutable. */
public final class Digest {

    private final byte[] bytes;

    private Digest(byte[] bytes) { this.bytes = bytes; }

    public static Digest of(byte[] bytes) {
        if (bytes.length != LedgerHash.SIZE) throw new IllegalArgumentException("a digest is 32 bytes");
        return new Digest(bytes.clone());
    }

    /** Reads base64url text; anything but 32 bytes is a {@link FormatException}. */
    public static Digest parse(String subject, String base64Url) throws FormatException {
        try {
            byte[] bytes = Base64.getUrlDecoder().decode(base64Url);
            if (bytes.length != LedgerHash.SIZE) throw new FormatException(subject, "a digest is 32 bytes");
            return new Digest(bytes);
        } catch (IllegalArgumentException e) {
            throw new FormatException(subject, "not base64url");
        }
    }

    public byte[] bytes() { return bytes.clone(); }

    @Override public boolean equals(Object o) { return o instanceof Digest d && Arrays.equals(bytes, d.bytes); }

    @Override public int hashCode() { return Arrays.hashCode(bytes); }

    /** Base64url without padding. */
    @Override public String toString() { return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes); }
}
