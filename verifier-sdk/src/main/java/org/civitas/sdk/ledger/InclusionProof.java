package org.civitas.sdk.ledger;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A proof that a leaf is in a tree of a given size (RFC 9162 §2.1.3): the sibling hashes from the leaf to the
 * root. Immutable: the hashes are copied in and out.
 */
public final class InclusionProof {

    private final long leafIndex;
    private final long treeSize;
    private final List<byte[]> auditPath;

    public InclusionProof(long leafIndex, long treeSize, List<byte[]> auditPath) {
        if (leafIndex < 0 || treeSize < 0) throw new IllegalArgumentException("negative index or size");
        this.leafIndex = leafIndex;
        this.treeSize = treeSize;
        this.auditPath = copy(auditPath);
    }

    public long leafIndex() { return leafIndex; }

    public long treeSize() { return treeSize; }

    /** The sibling hashes, leaf first. Copies. */
    public List<byte[]> auditPath() { return copy(auditPath); }

    /**
     * Checks the proof for a leaf hash against a root (RFC 9162 §2.1.3.2). False for any inconsistency: index
     * not below the size, a path too short or too long, a hash of the wrong size, a different root.
     */
    public boolean verify(LedgerHash hash, byte[] leafHash, byte[] root) {
        byte[] computed = rootFor(hash, leafHash);
        return computed != null && Arrays.equals(computed, root);
    }

    /** The root the proof leads to from the leaf hash, or {@code null} when the proof is malformed. */
    public byte[] rootFor(LedgerHash hash, byte[] leafHash) {
        if (leafIndex >= treeSize || leafHash.length != LedgerHash.SIZE) return null;
        LedgerHash.Hasher hasher = hash.newHasher();
        long fn = leafIndex;
        long sn = treeSize - 1;
        byte[] r = leafHash;
        for (byte[] p : auditPath) {
            if (sn == 0 || p.length != LedgerHash.SIZE) return null;
            if ((fn & 1) == 1 || fn == sn) {
                r = hasher.nodeHash(p, r);
                if ((fn & 1) == 0) {
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            } else {
                r = hasher.nodeHash(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 ? r : null;
    }

    static List<byte[]> copy(List<byte[]> hashes) {
        List<byte[]> copy = new ArrayList<>(hashes.size());
        for (byte[] h : hashes) copy.add(h.clone());
        return Collections.unmodifiableList(copy);
    }

    @Override
    public String toString() {
        return "InclusionProof[leaf " + leafIndex + " of " + treeSize + ", " + auditPath.size() + " hashes]";
    }
}
