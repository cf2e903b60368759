package org.civitas.sdk.ledger;

import java.util.ArrayList;
import java.util.List;

/**
 * RFC 9162 §2.1 written out literally (MTH, PATH, PROOF/SUBPROOF), recursive and slow: the reference the proof
 * verifiers are checked against.
 */
public final class ReferenceTree {

    private final LedgerHash hash;
    private final List<byte[]> leaves;

    public ReferenceTree(LedgerHash hash, List<byte[]> leaves) {
        this.hash = hash;
        this.leaves = leaves;
    }

    public byte[] root(int n) { return mth(0, n); }

    /** PATH(m, D[n]) of §2.1.3.1. */
    public List<byte[]> path(int m, int n) { return path(m, 0, n); }

    /** PROOF(m, D[n]) of §2.1.4.1. */
    public List<byte[]> consistency(int m, int n) { return subproof(m, 0, n, true); }

    private byte[] mth(int from, int to) {
        int n = to - from;
        if (n == 0) return hash.emptyRoot();
        if (n == 1) return hash.leafHash(leaves.get(from));
        int k = largestPowerOfTwoBelow(n);
        return hash.nodeHash(mth(from, from + k), mth(from + k, to));
    }

    private List<byte[]> path(int m, int from, int to) {
        int n = to - from;
        List<byte[]> out = new ArrayList<>();
        if (n <= 1) return out;
        int k = largestPowerOfTwoBelow(n);
        if (m < k) {
            out.addAll(path(m, from, from + k));
            out.add(mth(from + k, to));
        } else {
            out.addAll(path(m - k, from + k, to));
            out.add(mth(from, from + k));
        }
        return out;
    }

    private List<byte[]> subproof(int m, int from, int to, boolean b) {
        int n = to - from;
        List<byte[]> out = new ArrayList<>();
        if (m == n) {
            if (!b) out.add(mth(from, to));
            return out;
        }
        int k = largestPowerOfTwoBelow(n);
        if (m <= k) {
            out.addAll(subproof(m, from, from + k, b));
            out.add(mth(from + k, to));
        } else {
            out.addAll(subproof(m - k, from + k, to, false));
            out.add(mth(from, from + k));
        }
        return out;
    }

    private static int largestPowerOfTwoBelow(int n) {
        int k = Integer.highestOneBit(n);
        return k == n ? k / 2 : k;
    }
}
