package org.civitas.ledger.log;

import org.civitas.sdk.ledger.ConsistencyProof;
import org.civitas.sdk.ledger.InclusionProof;
import org.civitas.sdk.ledger.LedgerHash;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The Merkle tree of the log (RFC 9162 §2.1), kept as the hashes of every complete aligned subtree: level
 * {@code k} holds the roots of subtrees of 2^k leaves, in a file per level. Roots of any size and inclusion and
 * consistency proofs are built from those, with the ragged right edge computed on the fly (at most
 * log2(n) extra hashes). Storage is about 64 bytes per entry, read through the page cache, not the heap.
 * One writer; proofs may be asked for from other threads for sizes already appended.
 */
public final class MerkleLog implements AutoCloseable {

    private static final int MAX_LEVELS = 63;

    private final LedgerHash hash;
    private final Path directory;
    private final List<HashFile> levels = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile long size;

    private MerkleLog(LedgerHash hash, Path directory) {
        this.hash = hash;
        this.directory = directory;
    }

    /**
     * Opens the tree files in {@code directory}, trimmed to at most {@code logSize} leaves and to a consistent
     * state (a level never holds more nodes than the level below can make). Leaves the log has but the tree
     * lacks must then be appended again by the caller ({@link #size()} says from where).
     */
    public static MerkleLog open(Path directory, LedgerHash hash, long logSize) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        MerkleLog log = new MerkleLog(hash, directory);
        HashFile leaves = log.level(0);
        long leafCount = Math.min(leaves.size(), logSize);
        leaves.truncate(leafCount);
        for (int k = 1; k < MAX_LEVELS && Files.exists(directory.resolve(fileName(k))); k++) {
            log.level(k).truncate(Math.min(log.level(k).size(), leafCount >> k));
        }
        // Levels above may lag (their writes were not flushed): rebuild them from the level below.
        for (int k = 1; (leafCount >> k) > 0; k++) {
            HashFile below = log.level(k - 1);
            HashFile level = log.level(k);
            LedgerHash.Hasher hasher = hash.newHasher();
            for (long i = level.size(); i < leafCount >> k; i++) {
                level.append(hasher.nodeHash(below.get(2 * i), below.get(2 * i + 1)));
            }
        }
        log.size = leafCount;
        return log;
    }

    public LedgerHash hash() { return hash; }

    public long size() { return size; }

    /** Appends a leaf hash and the subtree roots it completes. */
    public void append(byte[] leafHash) {
        if (leafHash.length != LedgerHash.SIZE) throw new IllegalArgumentException("leaf hash is 32 bytes");
        long index = size;
        level(0).append(leafHash);
        byte[] node = leafHash;
        LedgerHash.Hasher hasher = null;
        for (int k = 1; (index & 1) == 1; k++) {
            if (hasher == null) hasher = hash.newHasher();
            node = hasher.nodeHash(level(k - 1).get(2 * (index >> 1)), node);
            level(k).append(node);
            index >>= 1;
        }
        size++;
    }

    /** Writes buffered hashes to the files (no fsync: they can be recomputed from the log). */
    public void flush() {
        for (HashFile level : levels) level.flush();
    }

    public byte[] leafHash(long index) { return level(0).get(index); }

    /** The root of the tree of the first {@code treeSize} leaves (RFC 9162 §2.1.1 MTH). */
    public byte[] root(long treeSize) {
        requireSize(treeSize);
        return treeSize == 0 ? hash.emptyRoot() : subtree(0, treeSize);
    }

    /** RFC 9162 §2.1.3.1 PATH(m, D[n]). */
    public InclusionProof inclusionProof(long leafIndex, long treeSize) {
        requireSize(treeSize);
        if (leafIndex < 0 || leafIndex >= treeSize) {
            throw new IllegalArgumentException("leaf " + leafIndex + " is not below tree size " + treeSize);
        }
        List<byte[]> path = new ArrayList<>();
        path(leafIndex, 0, treeSize, path);
        return new InclusionProof(leafIndex, treeSize, path);
    }

    /** RFC 9162 §2.1.4.1 PROOF(m, D[n]). */
    public ConsistencyProof consistencyProof(long firstSize, long secondSize) {
        requireSize(secondSize);
        if (firstSize < 0 || firstSize > secondSize) {
            throw new IllegalArgumentException("first size " + firstSize + " is not within 0.." + secondSize);
        }
        List<byte[]> path = new ArrayList<>();
        if (firstSize > 0 && firstSize < secondSize) subproof(firstSize, 0, secondSize, true, path);
        return new ConsistencyProof(firstSize, secondSize, path);
    }

    private void path(long m, long from, long to, List<byte[]> out) {
        long n = to - from;
        if (n <= 1) return;
        long k = split(n);
        if (m < k) {
            path(m, from, from + k, out);
            out.add(subtree(from + k, to));
        } else {
            path(m - k, from + k, to, out);
            out.add(subtree(from, from + k));
        }
    }

    private void subproof(long m, long from, long to, boolean complete, List<byte[]> out) {
        long n = to - from;
        if (m == n) {
            if (!complete) out.add(subtree(from, to));
            return;
        }
        long k = split(n);
        if (m <= k) {
            subproof(m, from, from + k, complete, out);
            out.add(subtree(from + k, to));
        } else {
            subproof(m - k, from + k, to, false, out);
            out.add(subtree(from, from + k));
        }
    }

    /** MTH of leaves [from, to): a stored node when the range is an aligned power of two, else split. */
    private byte[] subtree(long from, long to) {
        long n = to - from;
        if (Long.bitCount(n) == 1 && from % n == 0) {
            return level(Long.numberOfTrailingZeros(n)).get(from / n);
        }
        long k = split(n);
        return hash.nodeHash(subtree(from, from + k), subtree(from + k, to));
    }

    /** The largest power of two strictly below n (RFC 9162 §2.1.1). */
    private static long split(long n) {
        long k = Long.highestOneBit(n);
        return k == n ? k >> 1 : k;
    }

    private void requireSize(long treeSize) {
        if (treeSize < 0 || treeSize > size) {
            throw new IllegalArgumentException("tree size " + treeSize + " is beyond the log (" + size + ")");
        }
    }

    private HashFile level(int k) {
        while (levels.size() <= k) levels.add(HashFile.open(directory.resolve(fileName(levels.size()))));
        return levels.get(k);
    }

    private static String fileName(int level) {
        return String.format("level-%02d.hashes", level);
    }

    @Override
    public void close() {
        for (HashFile level : levels) level.close();
    }
}
