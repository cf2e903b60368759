package org.civitas.sdk.ledger;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A proof that the tree of {@code firstSize} leaves is a prefix of the tree of {@code secondSize} leaves
 * (RFC 9162 §2.1.4): an offline verifier holding an older head accepts a newer one only with it, so the log can
 * never be rewritten under it. Immutable.
 */
public final class ConsistencyProof {

    private final long firstSize;
    private final long secondSize;
    private final List<byte[]> path;

    public ConsistencyProof(long firstSize, long secondSize, List<byte[]> path) {
        if (firstSize < 0 || secondSize < 0) throw new IllegalArgumentException("negative size");
        this.firstSize = firstSize;
        this.secondSize = secondSize;
        this.path = InclusionProof.copy(path);
    }

    public long firstSize() { return firstSize; }

    public long secondSize() { return secondSize; }

    public List<byte[]> path() { return InclusionProof.copy(path); }

    /** Checks the proof between two roots (RFC 9162 §2.1.4.2). False for any inconsistency. */
    public boolean verify(LedgerHash hash, byte[] firstRoot, byte[] secondRoot) {
        if (firstSize > secondSize) return false;
        if (firstSize == secondSize) return path.isEmpty() && Arrays.equals(firstRoot, secondRoot);
        // From the empty tree there is nothing to prove: a verifier without a head has nothing to be consistent
        // with, so such a "proof" is refused rather than accepted vacuously (as transparency-dev/merkle does).
        if (firstSize == 0) return false;
        for (byte[] p : path) if (p.length != LedgerHash.SIZE) return false;
        List<byte[]> nodes = new ArrayList<>(path);
        if (Long.bitCount(firstSize) == 1) nodes.add(0, firstRoot);   // step 1: first tree is a complete subtree
        if (nodes.isEmpty()) return false;
        long fn = firstSize - 1;
        long sn = secondSize - 1;
        while ((fn & 1) == 1) {
            fn >>= 1;
            sn >>= 1;
        }
        LedgerHash.Hasher hasher = hash.newHasher();
        byte[] fr = nodes.get(0);
        byte[] sr = nodes.get(0);
        for (int i = 1; i < nodes.size(); i++) {
            byte[] c = nodes.get(i);
            if (sn == 0) return false;
            if ((fn & 1) == 1 || fn == sn) {
                fr = hasher.nodeHash(c, fr);
                sr = hasher.nodeHash(c, sr);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            } else {
                sr = hasher.nodeHash(sr, c);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return Arrays.equals(fr, firstRoot) && Arrays.equals(sr, secondRoot) && sn == 0;
    }

    @Override
    public String toString() {
        return "ConsistencyProof[" + firstSize + " -> " + secondSize + ", " + path.size() + " hashes]";
    }
}
