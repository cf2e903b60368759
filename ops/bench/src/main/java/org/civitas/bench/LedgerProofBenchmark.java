package org.civitas.bench;

import org.civitas.sdk.ledger.ConsistencyProof;
import org.civitas.sdk.ledger.InclusionProof;
import org.civitas.sdk.ledger.LedgerHash;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What a phone does with a ledger proof: check that an entry is in a tree of {@code treeSize} leaves (RFC 9162
 * inclusion) and that one signed tree extends another (consistency), with the SDK's verifiers. The trees are
 * built once in setup, streaming the leaves (about 20 million hashes for 10 million entries), so only the
 * proofs are kept in memory.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class LedgerProofBenchmark {

    @State(Scope.Benchmark)
    public static class Tree {
        @Param({"10000000"})
        public long treeSize;

        @Param({"SHA_256", "SM3"})
        public LedgerHash hash;

        InclusionProof inclusion;
        byte[] leafHash;
        byte[] root;
        ConsistencyProof consistency;
        byte[] firstRoot;

        @Setup(Level.Trial)
        public void build() {
            // the leaf with the longest audit path: just left of the last complete subtree boundary
            long leaf = Long.highestOneBit(treeSize) - 1;
            leafHash = hash.leafHash(leafData(leaf));
            Streaming tree = new Streaming(hash);
            List<byte[]> path = new ArrayList<>();
            tree.path(leaf, 0, treeSize, path);
            inclusion = new InclusionProof(leaf, treeSize, path);
            root = tree.mth(0, treeSize);
            long first = treeSize / 3;
            List<byte[]> consistencyPath = new ArrayList<>();
            tree.subproof(first, 0, treeSize, true, consistencyPath);
            consistency = new ConsistencyProof(first, treeSize, consistencyPath);
            firstRoot = tree.mth(0, first);
            if (!inclusion.verify(hash, leafHash, root) || !consistency.verify(hash, firstRoot, root)) {
                throw new IllegalStateException("the proofs built do not verify");
            }
            System.out.printf("%n%s tree of %,d entries: inclusion proof %d hashes = %d bytes; consistency proof %d"
                    + " hashes = %d bytes%n", hash, treeSize, path.size(), path.size() * LedgerHash.SIZE,
                consistencyPath.size(), consistencyPath.size() * LedgerHash.SIZE);
        }
    }

    @Benchmark
    public boolean verifyInclusion(Tree tree) {
        return tree.inclusion.verify(tree.hash, tree.leafHash, tree.root);
    }

    @Benchmark
    public boolean verifyConsistency(Tree tree) {
        return tree.consistency.verify(tree.hash, tree.firstRoot, tree.root);
    }

    /** Leaf {@code i}'s data: its index as 8 bytes (what it holds does not matter to the proofs). */
    static byte[] leafData(long i) {
        return ByteBuffer.allocate(8).putLong(i).array();
    }

    /** RFC 9162 §2.1 MTH, PATH and SUBPROOF over streamed leaves, recursion depth log2(n). */
    static final class Streaming extends RecursiveTree {
        private final LedgerHash.Hasher hasher;

        Streaming(LedgerHash hash) { this.hasher = hash.newHasher(); }

        @Override
        byte[] mth(long from, long to) {
            long n = to - from;
            if (n == 1) return hasher.leafHash(leafData(from));
            long k = split(n);
            return hasher.nodeHash(mth(from, from + k), mth(from + k, to));
        }
    }
}
