package org.civitas.sdk.ledger;

import org.bouncycastle.crypto.digests.SM3Digest;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The hash function of a ledger's Merkle tree, fixed at genesis, with the domain-separated leaf and node hashes of
 * RFC 9162 §2.1.1: {@code leaf = H(0x00 ‖ data)}, {@code node = H(0x01 ‖ left ‖ right)}, and the empty tree's root
 * {@code H("")}. The enum's methods are thread-safe; a {@link Hasher} reuses one digest for many hashes and is not.
 */
public enum LedgerHash {

    /** SHA-256 (FIPS 180-4), through the platform's MessageDigest (fast on the JVM and Android). */
    SHA_256("SHA-256"),

    /** SM3 (GB/T 32905-2016), through BouncyCastle. */
    SM3("SM3");

    /** Every digest here is 32 bytes. */
    public static final int SIZE = 32;
    private static final int NO_PREFIX = -1;
    private static final int LEAF_PREFIX = 0x00;
    private static final int NODE_PREFIX = 0x01;

    private final String algorithm;

    LedgerHash(String algorithm) { this.algorithm = algorithm; }

    /** The algorithm's name as written in tree heads and genesis: {@code SHA-256} or {@code SM3}. */
    public String algorithm() { return algorithm; }

    /** The hash with this algorithm name, or {@code null}. */
    public static LedgerHash byAlgorithm(String name) {
        for (LedgerHash hash : values()) if (hash.algorithm.equals(name)) return hash;
        return null;
    }

    /** {@code H(data)}: transaction hashes, ledger ids. */
    public byte[] digest(byte[] data) { return newHasher().digest(data); }

    /** RFC 9162 §2.1.1: the hash of a leaf, {@code H(0x00 ‖ data)}. */
    public byte[] leafHash(byte[] data) { return newHasher().leafHash(data); }

    /** RFC 9162 §2.1.1: the hash of an inner node, {@code H(0x01 ‖ left ‖ right)}. */
    public byte[] nodeHash(byte[] left, byte[] right) { return newHasher().nodeHash(left, right); }

    /** The root of the empty tree, {@code H("")} (RFC 9162 §2.1.1). */
    public byte[] emptyRoot() { return digest(new byte[0]); }

    /** A hasher for many hashes in a row on one thread (proof verification, tree building). */
    public Hasher newHasher() {
        return this == SM3 ? new Sm3Hasher() : new Sha256Hasher();
    }

    /** Hashes with one reusable digest. Not thread-safe. */
    public abstract static class Hasher {
        private Hasher() { }

        public byte[] digest(byte[] data) { return hash(NO_PREFIX, data, null); }

        public byte[] leafHash(byte[] data) { return hash(LEAF_PREFIX, data, null); }

        public byte[] nodeHash(byte[] left, byte[] right) { return hash(NODE_PREFIX, left, right); }

        abstract byte[] hash(int prefix, byte[] first, byte[] second);
    }

    private static final class Sha256Hasher extends Hasher {
        private final MessageDigest sha256;

        Sha256Hasher() {
            try {
                sha256 = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every Java platform has SHA-256", e);
            }
        }

        @Override
        byte[] hash(int prefix, byte[] first, byte[] second) {
            if (prefix != NO_PREFIX) sha256.update((byte) prefix);
            sha256.update(first);
            if (second != null) sha256.update(second);
            return sha256.digest();
        }
    }

    private static final class Sm3Hasher extends Hasher {
        private final SM3Digest sm3 = new SM3Digest();

        @Override
        byte[] hash(int prefix, byte[] first, byte[] second) {
            if (prefix != NO_PREFIX) sm3.update((byte) prefix);
            sm3.update(first, 0, first.length);
            if (second != null) sm3.update(second, 0, second.length);
            byte[] out = new byte[SIZE];
            sm3.doFinal(out, 0);
            return out;
        }
    }
}
