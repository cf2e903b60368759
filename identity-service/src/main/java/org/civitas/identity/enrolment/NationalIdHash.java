package org.civitas.identity.enrolment;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;

/**
 * The keyed hash of a national id number ({@link NationalIdKey#hash}): what the citizen record keeps instead of
 * the number, and what the store looks people up by (an exact index match, so no comparison ever runs on the
 * number itself). Immutable.
 */
public final class NationalIdHash {

    private final byte[] bytes;

    NationalIdHash(byte[] bytes) {
        if (bytes.length != 32) throw new IllegalArgumentException("an HMAC-SHA-256 is 32 bytes");
        this.bytes = bytes.clone();
    }

    /** A stored hash read back. */
    public static NationalIdHash of(byte[] bytes) { return new NationalIdHash(bytes); }

    public byte[] bytes() { return bytes.clone(); }

    /** Constant-time comparison. */
    @Override
    public boolean equals(Object o) {
        return o instanceof NationalIdHash other && MessageDigest.isEqual(bytes, other.bytes);
    }

    @Override
    public int hashCode() { return Arrays.hashCode(bytes); }

    /** Base64url: safe to show in a request fingerprint, meaningless without the key. */
    @Override
    public String toString() { return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes); }
}
