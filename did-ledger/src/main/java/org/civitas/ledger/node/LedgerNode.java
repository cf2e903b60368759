package org.civitas.ledger.node;

import org.civitas.ledger.LedgerException;
import org.civitas.ledger.log.MerkleLog;
import org.civitas.ledger.state.LedgerState;
import org.civitas.ledger.state.TransactionRules;
import org.civitas.ledger.state.VerifiedSignatures;
import org.civitas.ledger.store.SegmentLog;
import org.civitas.sdk.FormatException;
import org.civitas.sdk.key.SigningKey;
import org.civitas.sdk.key.VerificationKey;
import org.civitas.sdk.ledger.ConsistencyProof;
import org.civitas.sdk.ledger.Digest;
import org.civitas.sdk.ledger.InclusionProof;
import org.civitas.sdk.ledger.LedgerEntry;
import org.civitas.sdk.ledger.LedgerHash;
import org.civitas.sdk.ledger.LedgerTrust;
import org.civitas.sdk.ledger.SignedTransaction;
import org.civitas.sdk.ledger.SignedTreeHead;
import org.civitas.sdk.ledger.Transaction;
import org.civitas.sdk.ledger.TreeHead;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongFunction;

/**
 * One ledger node's copy of the ledger, and the one code path both modes share: a batch of transactions, in an
 * order fixed by the caller (the embedded sequencer or the Raft log) with a commit time fixed by the caller,
 * is validated against the state transaction by transaction, the accepted ones are made durable, added to the
 * Merkle tree and the state, and the node signs the new tree head. The same batches in the same order give
 * every node the same entries, tree and state.
 *
 * <p>Single writer: {@link #apply} is called by one thread at a time. Reads may come from any thread.
 */
public final class LedgerNode implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LedgerNode.class);

    /** What became of one transaction of a batch. */
    public sealed interface Outcome {
        /** Committed now, or earlier (a retry of a committed transaction: {@code alreadyCommitted}). */
        record Committed(LedgerEntry entry, boolean alreadyCommitted) implements Outcome { }

        /** Refused by the rules; it never entered the log. */
        record Rejected(LedgerException reason) implements Outcome { }
    }

    private final String nodeId;
    private final SigningKey nodeKey;
    private final SegmentLog log;
    private final LedgerState state;
    private final VerifiedSignatures signatures = new VerifiedSignatures();
    private MerkleLog tree;
    private volatile SignedTreeHead ownHead;
    private volatile Instant lastCommit = Instant.EPOCH;

    private final Path dataDirectory;
    private final Snapshots snapshots;
    private final long restoredFromSnapshot;

    private LedgerNode(Path dataDirectory, String nodeId, SigningKey nodeKey, SegmentLog log, LedgerState state,
                       Snapshots snapshots, long restoredFromSnapshot) {
        this.dataDirectory = dataDirectory;
        this.nodeId = nodeId;
        this.nodeKey = nodeKey;
        this.log = log;
        this.state = state;
        this.snapshots = snapshots;
        this.restoredFromSnapshot = restoredFromSnapshot;
    }

    /** Entries between two state snapshots by default: a restart replays at most this many. */
    public static final long DEFAULT_SNAPSHOT_INTERVAL = 50_000;

    /** {@link #open(Path, String, SigningKey, long)} with a snapshot every {@link #DEFAULT_SNAPSHOT_INTERVAL} entries. */
    public static LedgerNode open(Path dataDirectory, String nodeId, SigningKey nodeKey) {
        return open(dataDirectory, nodeId, nodeKey, DEFAULT_SNAPSHOT_INTERVAL);
    }

    /**
     * Opens the node's data directory: checks the log (cutting a torn tail), rebuilds the state from the newest
     * snapshot that matches the log and replays the entries after it (or the whole log when none matches),
     * brings the tree files up to the log, and re-signs the latest head.
     *
     * @param snapshotInterval entries between two state snapshots written in the background; 0 for none
     */
    public static LedgerNode open(Path dataDirectory, String nodeId, SigningKey nodeKey, long snapshotInterval) {
        return open(dataDirectory, nodeId, nodeKey, snapshotInterval, SegmentLog.open(dataDirectory.resolve("log")));
    }

    /**
     * Opens a node whose log is forced only by {@link #force()}, not by every batch: for the replicated mode, where
     * the Raft log on a quorum already holds every entry before it is applied, and a node cut back after a power
     * loss applies the missing entries again from it. A torn or missing tail is cut off on open.
     */
    public static LedgerNode openDeferred(Path dataDirectory, String nodeId, SigningKey nodeKey) {
        return open(dataDirectory, nodeId, nodeKey, DEFAULT_SNAPSHOT_INTERVAL,
            SegmentLog.openDeferred(dataDirectory.resolve("log")));
    }

    private static LedgerNode open(Path dataDirectory, String nodeId, SigningKey nodeKey, long snapshotInterval,
                                   SegmentLog log) {
        Objects.requireNonNull(nodeId, "nodeId");
        Snapshots snapshots = new Snapshots(dataDirectory, snapshotInterval);
        long started = System.nanoTime();
        Snapshots.Restored restored = log.size() == 0 ? null
            : snapshots.newestMatching(log.size(), leafHashes(log)).orElse(null);
        LedgerState state = restored == null ? new LedgerState() : restored.state();
        long from = restored == null ? 0 : restored.size();
        LedgerNode node = new LedgerNode(dataDirectory, nodeId, nodeKey, log, state, snapshots, from);
        for (long i = from; i < log.size(); i++) node.state.apply(node.readEntry(i));
        if (log.size() > 0) {
            node.lastCommit = node.readEntry(log.size() - 1).committedAt();
            LOG.info("Rebuilt the ledger state of {} entries ({}) in {} ms", log.size(),
                from == 0 ? "replayed the log" : "snapshot at " + from + ", then replayed " + (log.size() - from),
                (System.nanoTime() - started) / 1_000_000);
            node.requireNamedAtGenesis();
            node.openTree();
            node.signHead();
        }
        return node;
    }

    /**
     * Cuts a closed node's data directory back to its first {@code size} entries; the tree files follow on the
     * next {@link #open}. For the replicated mode only: what a node applied after the last Raft index it
     * recorded is cut and applied again from the Raft log, which gives the same entries byte for byte.
     *
     * @throws IllegalStateException if the log holds fewer than {@code size} entries: acknowledged entries are
     *                               missing and the directory must be restored
     */
    public static void truncate(Path dataDirectory, long size) {
        long held = truncateAtMost(dataDirectory, size);
        if (held < size) {
            throw new IllegalStateException("the ledger log in " + dataDirectory + " holds " + held
                + " entries but " + size + " were applied: restore the data directory from a replica or backup");
        }
    }

    /**
     * Cuts a closed node's log back to {@code size} entries if it holds that many (after cutting an unforced tail,
     * see {@link #openDeferred}); returns how many it holds now. One pass over the log, where asking its size and
     * then cutting it would read it twice at every start.
     */
    public static long truncateAtMost(Path dataDirectory, long size) {
        try (SegmentLog log = SegmentLog.openDeferred(dataDirectory.resolve("log"))) {
            if (log.size() > size) {
                LOG.warn("Cutting the ledger log back from {} to {} entries, to apply the rest again", log.size(), size);
                log.truncate(size);
            }
            return log.size();
        }
    }

    /** Forces every committed entry to disk: a no-op for a node opened by {@link #open}, which forces each batch. */
    public void force() {
        log.force();
    }

    /** The leaf hash of the log's entry at an index, in the hash the genesis chose. */
    private static LongFunction<byte[]> leafHashes(SegmentLog log) {
        LedgerHash hash;
        try {
            hash = ((Transaction.Genesis) LedgerEntry.parse(log.read(0)).transaction()).hash();
        } catch (FormatException | ClassCastException e) {
            throw new IllegalStateException("the first entry of the log is not a genesis: " + e.getMessage(), e);
        }
        return index -> hash.leafHash(log.read(index));
    }

    private void openTree() {
        LedgerHash hash = state.genesis().hash();
        tree = MerkleLog.open(dataDirectory.resolve("tree"), hash, log.size());
        for (long i = tree.size(); i < log.size(); i++) tree.append(hash.leafHash(log.read(i)));
        tree.flush();
    }

    private void requireNamedAtGenesis() {
        Transaction.Genesis genesis = state.genesis();
        boolean named = genesis.nodes().stream().anyMatch(n -> n.id().equals(nodeId)
            && n.key().equals(nodeKey.verificationKey()));
        if (!named) {
            throw new IllegalStateException("node '" + nodeId + "' with key " + nodeKey.verificationKey().toMultibase()
                + " is not one of the nodes named at this ledger's genesis; check the node id and key file");
        }
    }

    /**
     * Verifies a transaction's signatures ahead of {@link #apply}, on the caller's thread, so that the single
     * writer can take the result instead of verifying them itself. Any thread, any time; it never changes a
     * verdict (see {@link VerifiedSignatures}).
     */
    public void precheck(SignedTransaction tx) {
        try {
            signatures.precheck(tx);
        } catch (RuntimeException e) {
            LOG.debug("A signature precheck failed; the rules will verify it themselves: {}", e.toString());
        }
    }

    /**
     * Validates and commits a batch at one commit time (never earlier than the previous batch's). Returns one
     * outcome per transaction, in order. Everything committed is on disk when this returns (for a node opened by
     * {@link #openDeferred}, once {@link #force()} returns); readers see none of
     * the batch until then. An I/O failure is fatal: it propagates, and the node must be closed and reopened,
     * which recovers exactly what reached the disk.
     */
    public List<Outcome> apply(Instant timestamp, List<SignedTransaction> batch) {
        return state.exclusively(() -> applyExclusively(timestamp, batch));
    }

    private List<Outcome> applyExclusively(Instant timestamp, List<SignedTransaction> batch) {
        Instant at = timestamp.isBefore(lastCommit) ? lastCommit : timestamp;
        List<Outcome> outcomes = new ArrayList<>(batch.size());
        List<LedgerEntry> committed = new ArrayList<>();
        Map<Digest, LedgerEntry> inBatch = new HashMap<>();
        for (SignedTransaction tx : batch) {
            LedgerHash hash = state.size() == 0 && tx.transaction() instanceof Transaction.Genesis g
                ? g.hash() : state.size() == 0 ? LedgerHash.SHA_256 : state.genesis().hash();
            Digest txHash = tx.hash(hash);
            LedgerEntry earlier = inBatch.get(txHash);
            if (earlier == null) earlier = state.entryIndexOf(txHash).map(this::entry).orElse(null);
            if (earlier != null) {
                outcomes.add(new Outcome.Committed(earlier, true));
                continue;
            }
            try {
                TransactionRules.check(tx, state, at, signatures);
            } catch (LedgerException e) {
                outcomes.add(new Outcome.Rejected(e));
                continue;
            }
            LedgerEntry entry = LedgerEntry.of(state.size(), at, tx);
            state.apply(entry);   // later transactions of the batch see this one
            committed.add(entry);
            inBatch.put(txHash, entry);
            outcomes.add(new Outcome.Committed(entry, false));
        }
        if (!committed.isEmpty()) {
            log.append(committed.stream().map(LedgerEntry::leafData).toList());
            if (tree == null) {
                requireNamedAtGenesis();
                openTree();
            } else {
                LedgerHash.Hasher hasher = tree.hash().newHasher();
                for (LedgerEntry entry : committed) tree.append(hasher.leafHash(entry.leafData()));
                tree.flush();
            }
            lastCommit = at;
            signHead();
            snapshots.maybeWrite(state, log.size(), tree::leafHash);
        }
        return outcomes;
    }

    private void signHead() {
        ownHead = headAt(log.size());
    }

    /**
     * The head of the tree of {@code treeSize} entries, signed by this node. A head is a pure function of the
     * log (its time is the commit time of its last entry), so every node computes the same head for a size and
     * can sign any size it has reached.
     */
    public SignedTreeHead headAt(long treeSize) {
        TreeHead head = treeHead(treeSize);
        return new SignedTreeHead(head, Map.of(nodeId, nodeKey.sign(head.signingInput())));
    }

    /** The unsigned head of the tree of {@code treeSize} entries (1 ≤ size ≤ this node's size). */
    public TreeHead treeHead(long treeSize) {
        if (treeSize < 1 || treeSize > tree.size()) {
            throw new IllegalArgumentException("tree size " + treeSize + " is not within 1.." + tree.size());
        }
        return new TreeHead(state.ledgerId().bytes(), treeSize, tree.root(treeSize),
            entry(treeSize - 1).committedAt(), tree.hash());
    }

    /** This node's signature over a head another node proposes, if this node computes the same head. */
    public byte[] countersign(TreeHead head) {
        if (!treeHead(head.treeSize()).equals(head)) {
            throw new IllegalArgumentException("this node's head differs at size " + head.treeSize());
        }
        return nodeKey.sign(head.signingInput());
    }

    /**
     * What a verifier trusts about this ledger, fixed at its genesis: the ledger id, its hash, the node keys and
     * the quorum of node signatures a head needs. {@code null} before the genesis.
     */
    public LedgerTrust trust() {
        Transaction.Genesis genesis = state.genesis();
        if (genesis == null) return null;
        Map<String, VerificationKey> keys = new LinkedHashMap<>();
        genesis.nodes().forEach(n -> keys.put(n.id(), n.key()));
        return new LedgerTrust(state.ledgerId().bytes(), genesis.hash(), keys, genesis.quorum());
    }

    /** The latest head, signed by this node only. {@code null} before the genesis. */
    public SignedTreeHead ownHead() { return ownHead; }

    public String nodeId() { return nodeId; }

    public LedgerState state() { return state; }

    public long size() { return log.size(); }

    /** The size of the snapshot this node's state was restored from when it opened; 0 when it replayed the log. */
    public long restoredFromSnapshot() { return restoredFromSnapshot; }

    public LedgerEntry entry(long index) {
        return readEntry(index);
    }

    private LedgerEntry readEntry(long index) {
        try {
            return LedgerEntry.parse(log.read(index));
        } catch (FormatException e) {
            throw new IllegalStateException("entry " + index + " in the log does not parse: " + e.getMessage(), e);
        }
    }

    public InclusionProof inclusionProof(long index, long treeSize) { return tree.inclusionProof(index, treeSize); }

    public ConsistencyProof consistencyProof(long first, long second) { return tree.consistencyProof(first, second); }

    public byte[] root(long treeSize) { return tree.root(treeSize); }

    @Override
    public void close() {
        snapshots.close();
        if (tree != null) tree.close();
        log.close();
    }
}
