package org.civitas.bench;

import java.util.List;

/**
 * RFC 9162 §2.1 PATH and SUBPROOF written as the recursion over subtrees, with the subtree hash (MTH) left to the
 * tree at hand: streamed leaves ({@link LedgerProofBenchmark}) or a ledger of which only some leaves are known
 * ({@link ProvinceBundle}).
 */
abstract class RecursiveTree {

    /** MTH of the leaves {@code [from, to)}. */
    abstract byte[] mth(long from, long to);

    /** PATH of leaf {@code m} (an absolute index) in the leaves {@code [from, to)}, leaf first. */
    void path(long m, long from, long to, List<byte[]> out) {
        long n = to - from;
        if (n <= 1) return;
        long k = split(n);
        if (m - from < k) {
            path(m, from, from + k, out);
            out.add(mth(from + k, to));
        } else {
            path(m, from + k, to, out);
            out.add(mth(from, from + k));
        }
    }

    /** SUBPROOF(m, D[from:to], complete) of §2.1.4.1. */
    void subproof(long m, long from, long to, boolean complete, List<byte[]> out) {
        long n = to - from;
        if (m == n) {
            if (!complete) out.add(mth(from, to));
            return;
        }
        long k = split(n);
        if (m <= k) {
            subproof(m, from, from + k, complete, out);
            out.add(mth(from + k, to));
        } else {
            subproof(m - k, from + k, to, false, out);
            out.add(mth(from, from + k));
        }
    }

    /** The largest power of two below {@code n} (§2.1.1). */
    static long split(long n) {
        long k = Long.highestOneBit(n);
        return k == n ? k >> 1 : k;
    }
}
