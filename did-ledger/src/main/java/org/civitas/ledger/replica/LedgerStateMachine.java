package org.civitas.ledger.replica;

import org.apache.ratis.client.RaftClient;
import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.proto.RaftProtos.RoleInfoProto;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.storage.FileInfo;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.StateMachineStorage;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.statemachine.impl.BaseStateMachine;
import org.apache.ratis.statemachine.impl.SimpleStateMachineStorage;
import org.apache.ratis.statemachine.impl.SingleFileSnapshotInfo;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.util.LifeCycle;
import org.apache.ratis.util.MD5FileUtil;
import org.civitas.ledger.LedgerException;
import org.civitas.ledger.node.LedgerNode;
import org.civitas.sdk.FormatException;
import org.civitas.sdk.ledger.LedgerEntry;
import org.civitas.sdk.ledger.LedgerHash;
import org.civitas.sdk.ledger.SignedTransaction;
import org.civitas.sdk.ledger.Transaction;
import org.civitas.sdk.ledger.TreeHead;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The Ratis state machine of one replicated ledger node. It owns the node's {@link LedgerNode}: every Raft log
 * entry is a batch, which {@link #applyTransaction} hands to {@link LedgerNode#apply} with the commit time the
 * leader stamped on it, so every node reaches the same entries.
 *
 * <p><b>Durable state and restarts.</b> The ledger's own files are the state; {@link AppliedMark} records which
 * Raft entry they reflect. Neither is forced when an entry is applied: the Raft log, forced on a quorum before
 * the entry commits, is the durable record, and a forced ledger write per batch on every node only made every
 * commit wait for the slowest disk flush (flushes of 10-40 ms under write load held whole batches). On start the
 * ledger is cut back to the mark's size (what was applied after the last mark that reached the disk) and Ratis
 * replays the Raft log from its latest snapshot: entries up to the mark are skipped, later ones applied. If the
 * ledger holds fewer entries than the mark (a power loss kept the mark's page but not all of the ledger's), the
 * node falls back to its latest snapshot's pairing and replays everything after it. A snapshot is that pairing
 * made durable: the ledger files are forced, then the mark, and a small file records the term, index and ledger
 * size; the Raft log is then purged up to it.
 *
 * <p><b>Catching up past a purged log.</b> Ratis runs in notification mode (no snapshot files are shipped): when a
 * follower needs entries the leader has purged, {@link #notifyInstallSnapshotFromLeader} asks the leader for its
 * last applied index and ledger size, fetches the missing ledger entries from the leader with read-only queries,
 * and applies them through {@link LedgerNode#apply} at their original commit times, grouped as they were
 * committed, so this node's rules check each one again and the resulting entries must equal the leader's byte for
 * byte. The follower then records the leader's index as its snapshot and Ratis goes on from there. What is not
 * supported: shipping the ledger files themselves, which a very large catch-up would prefer (it re-validates every
 * entry), and changing the group's members.
 *
 * <p><b>Lifecycle.</b> {@link #pause} moves PAUSING → PAUSED and {@link #reinitialize} PAUSED → STARTING →
 * RUNNING, as Ratis asserts when it reloads a state machine after a snapshot was installed.
 */
final class LedgerStateMachine extends BaseStateMachine {

    private static final Logger LOG = LoggerFactory.getLogger(LedgerStateMachine.class);
    /** How long a countersigning node waits to reach the head's size before it declines. */
    private static final Duration COUNTERSIGN_WAIT = Duration.ofMillis(500);
    /** Bounds one entries reply, well inside Ratis' message size limit. */
    private static final int ENTRIES_REPLY_BYTES = 4 * 1024 * 1024;

    private final ReplicaConfig config;
    private final Clock clock;
    private final SimpleStateMachineStorage storage = new SimpleStateMachineStorage();
    /** The leader's last stamp, in milliseconds: stamps never go back, whatever the clock does. */
    private final AtomicLong lastStamp = new AtomicLong();
    /** Apply, catch-up and snapshot take turns. */
    private final Object applying = new Object();
    private final TreeMap<Long, List<CompletableFuture<Void>>> sizeWaiters = new TreeMap<>();
    private final ExecutorService catchUp = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "ledger-catch-up");
        t.setDaemon(true);
        return t;
    });
    private volatile LedgerNode node;
    private volatile AppliedMark marks;
    private volatile RaftClient client;
    private volatile Runnable onApplied = () -> { };
    private final AtomicInteger catchUps = new AtomicInteger();

    LedgerStateMachine(ReplicaConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    /** The client used to ask the leader for missing entries; set once the server runs. */
    void attach(RaftClient raftClient, Runnable appliedListener) {
        this.client = raftClient;
        this.onApplied = appliedListener;
    }

    LedgerNode node() { return node; }

    AppliedMark.Mark mark() { return marks.read(); }

    @Override
    public StateMachineStorage getStateMachineStorage() { return storage; }

    @Override
    public void initialize(RaftServer server, RaftGroupId groupId, RaftStorage raftStorage) throws IOException {
        getLifeCycle().startAndTransition(() -> {
            super.initialize(server, groupId, raftStorage);
            storage.init(raftStorage);
            openLedger();
            SingleFileSnapshotInfo snapshot = storage.getLatestSnapshot();
            if (snapshot != null && snapshot.getIndex() > marks.read().index()) {
                throw new IOException("the snapshot at Raft index " + snapshot.getIndex() + " is newer than the"
                    + " ledger's applied index " + marks.read().index() + ": the data directory is damaged;"
                    + " restore it from a replica");
            }
            if (snapshot != null) setLastAppliedTermIndex(snapshot.getTermIndex());
        }, IOException.class);
    }

    private void openLedger() throws IOException {
        Path markFile = config.dataDirectory().resolve("replica").resolve("applied");
        boolean replicaBefore = Files.exists(markFile);
        marks = AppliedMark.open(markFile);
        AppliedMark.Mark mark = marks.read();
        if (replicaBefore) {
            long held = LedgerNode.truncateAtMost(config.dataDirectory(), mark.ledgerSize());
            if (held < mark.ledgerSize()) {
                AppliedMark.Mark snapshot = snapshotMark();
                if (held < snapshot.ledgerSize()) {
                    throw new IOException("the ledger in " + config.dataDirectory() + " holds " + held + " entries, fewer"
                        + " than its latest snapshot's " + snapshot.ledgerSize() + ": restore the data directory from"
                        + " a replica");
                }
                LOG.warn("The ledger holds {} entries but its applied mark says {} (the last writes were not forced):"
                    + " going back to the snapshot at Raft index {} and applying the rest again", held,
                    mark.ledgerSize(), snapshot.index());
                marks.write(snapshot);
                marks.force();
                LedgerNode.truncate(config.dataDirectory(), snapshot.ledgerSize());
            }
        }
        node = LedgerNode.openDeferred(config.dataDirectory(), config.nodeId(), config.nodeKey());
        if (!replicaBefore && node.size() > 0) {
            node.close();
            throw new IOException(config.dataDirectory() + " holds " + node.size() + " ledger entries that no Raft log"
                + " ordered (an embedded node's directory?): a replicated node starts from an empty directory");
        }
        if (node.size() > 0) lastStamp.set(node.entry(node.size() - 1).committedAt().toEpochMilli());
        LOG.info("Ledger node {} opened at {} entries, Raft index {}", config.nodeId(), node.size(), mark.index());
    }

    /** The pairing the latest snapshot made durable (term, index, ledger size), or none before the first. */
    private AppliedMark.Mark snapshotMark() throws IOException {
        SingleFileSnapshotInfo snapshot = storage.getLatestSnapshot();
        if (snapshot == null) return AppliedMark.Mark.NONE;
        for (String line : Files.readAllLines(snapshot.getFile().getPath(), StandardCharsets.UTF_8)) {
            if (line.startsWith("ledgerSize=")) {
                return new AppliedMark.Mark(snapshot.getTerm(), snapshot.getIndex(),
                    Long.parseLong(line.substring("ledgerSize=".length())));
            }
        }
        throw new IOException("the snapshot file " + snapshot.getFile().getPath() + " names no ledger size");
    }

    @Override
    public void pause() {
        getLifeCycle().transition(LifeCycle.State.PAUSING);
        getLifeCycle().transition(LifeCycle.State.PAUSED);
    }

    @Override
    public void reinitialize() throws IOException {
        getLifeCycle().transition(LifeCycle.State.STARTING);
        SingleFileSnapshotInfo snapshot = storage.loadLatestSnapshot();
        if (snapshot != null) setLastAppliedTermIndex(snapshot.getTermIndex());
        getLifeCycle().transition(LifeCycle.State.RUNNING);
    }

    /** On the leader: turns a batch request into the log entry, stamped with this leader's clock. */
    @Override
    public TransactionContext startTransaction(RaftClientRequest request) throws IOException {
        ByteString content = request.getMessage().getContent();
        TransactionContext.Builder context = TransactionContext.newBuilder().setStateMachine(this)
            .setClientRequest(request);
        try {
            RaftMessages.checkBatch(content);
        } catch (IllegalArgumentException e) {
            TransactionContext refused = context.build();
            refused.setException(e);
            return refused;
        }
        long stamp = lastStamp.updateAndGet(previous -> Math.max(previous, clock.millis()));
        return context.setLogData(RaftMessages.entry(Instant.ofEpochMilli(stamp), content)).build();
    }

    @Override
    public CompletableFuture<Message> applyTransaction(TransactionContext trx) {
        LogEntryProto entry = trx.getLogEntry();
        TermIndex termIndex = TermIndex.valueOf(entry);
        RaftMessages.Batch batch = RaftMessages.readEntry(entry.getStateMachineLogEntry().getLogData());
        List<LedgerNode.Outcome> outcomes;
        synchronized (applying) {
            if (termIndex.getIndex() <= marks.read().index()) {
                outcomes = outcomesOfApplied(batch);
            } else {
                outcomes = apply(batch);
                marks.write(new AppliedMark.Mark(termIndex.getTerm(), termIndex.getIndex(), node.size()));
            }
            updateLastAppliedTermIndex(termIndex);
        }
        lastStamp.accumulateAndGet(batch.timestamp().toEpochMilli(), Math::max);
        released(node.size());
        onApplied.run();
        return CompletableFuture.completedFuture(Message.valueOf(RaftMessages.outcomes(outcomes)));
    }

    /**
     * Applies a batch. A ledger failure (a disk error, a node not named at genesis) is thrown, which makes Ratis
     * stop this server: a node must not go on with a state its disk may not have.
     */
    private List<LedgerNode.Outcome> apply(RaftMessages.Batch batch) {
        List<SignedTransaction> readable = new ArrayList<>(batch.transactions().size());
        for (SignedTransaction tx : batch.transactions()) if (tx != null) readable.add(tx);
        // Signatures are verified on every core first; the rules then apply one transaction after the other
        if (readable.size() > 1) readable.parallelStream().forEach(node::precheck);
        Iterator<LedgerNode.Outcome> applied = node.apply(batch.timestamp(), readable).iterator();
        List<LedgerNode.Outcome> outcomes = new ArrayList<>(batch.transactions().size());
        for (int i = 0; i < batch.transactions().size(); i++) {
            outcomes.add(batch.transactions().get(i) == null
                ? new LedgerNode.Outcome.Rejected(new LedgerException(LedgerException.Reason.MALFORMED,
                    "the transaction does not read: " + batch.problems().get(i)))
                : applied.next());
        }
        return outcomes;
    }

    /**
     * The outcomes of a batch applied before this node restarted, as far as the ledger tells them: committed
     * transactions with their entries; for the others the verdict was not kept, so a client is told to retry,
     * which gives the verdict again.
     */
    private List<LedgerNode.Outcome> outcomesOfApplied(RaftMessages.Batch batch) {
        List<LedgerNode.Outcome> outcomes = new ArrayList<>();
        for (SignedTransaction tx : batch.transactions()) {
            Long index = tx == null || node.size() == 0 ? null
                : node.state().entryIndexOf(tx.hash(hash(tx))).orElse(null);
            outcomes.add(index != null ? new LedgerNode.Outcome.Committed(node.entry(index), true)
                : new LedgerNode.Outcome.Rejected(LedgerException.unavailable(
                    "the verdict on this transaction was given before the node restarted; submit it again",
                    Duration.ZERO)));
        }
        return outcomes;
    }

    private LedgerHash hash(SignedTransaction tx) {
        if (node.size() == 0) return tx.transaction() instanceof Transaction.Genesis g ? g.hash() : LedgerHash.SHA_256;
        return node.state().genesis().hash();
    }

    @Override
    public void notifyTermIndexUpdated(long term, long index) {
        synchronized (applying) {
            if (index > marks.read().index()) marks.write(new AppliedMark.Mark(term, index, node.size()));
            if (index > getLastAppliedTermIndex().getIndex()) updateLastAppliedTermIndex(term, index);
        }
    }

    @Override
    public long takeSnapshot() throws IOException {
        synchronized (applying) {
            TermIndex applied = getLastAppliedTermIndex();
            if (applied == null || applied.getIndex() < 0) return -1;
            node.force();
            marks.force();
            writeSnapshot(applied, marks.read().ledgerSize());
            return applied.getIndex();
        }
    }

    /**
     * A snapshot file: a Raft index whose effects the ledger files hold (they are the state), with the ledger size
     * and root at the time it was taken, for operators.
     */
    private void writeSnapshot(TermIndex at, long ledgerSize) throws IOException {
        File file = storage.getSnapshotFile(at.getTerm(), at.getIndex());
        String root = ledgerSize == 0 ? "" : Base64.getUrlEncoder().withoutPadding().encodeToString(node.root(ledgerSize));
        Files.writeString(file.toPath(), "ledgerSize=" + ledgerSize + "\nroot=" + root + "\n", StandardCharsets.UTF_8,
            StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE,
            StandardOpenOption.SYNC);
        storage.updateLatestSnapshot(new SingleFileSnapshotInfo(
            new FileInfo(file.toPath(), MD5FileUtil.computeAndSaveMd5ForFile(file)), at));
    }

    @Override
    public CompletableFuture<Message> query(Message request) {
        ByteString content = request.getContent();
        try {
            return switch (RaftMessages.kind(content)) {
                case RaftMessages.COUNTERSIGN -> countersign(RaftMessages.readCountersign(content));
                case RaftMessages.STATUS -> {
                    AppliedMark.Mark mark = marks.read();
                    yield CompletableFuture.completedFuture(Message.valueOf(RaftMessages.status(
                        new RaftMessages.Status(mark.term(), mark.index(), mark.ledgerSize()))));
                }
                case RaftMessages.ENTRIES -> CompletableFuture.completedFuture(
                    Message.valueOf(entries(RaftMessages.readEntriesQuery(content))));
                default -> throw new IllegalArgumentException("unknown query kind " + RaftMessages.kind(content));
            };
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * Signs another node's head once this node has reached its size, if this node computes the same root and
     * the head's time is the commit time of its last entry (so heads of a size are the same on every node).
     */
    private CompletableFuture<Message> countersign(TreeHead head) {
        if (head.treeSize() < 1) return CompletableFuture.failedFuture(new IllegalArgumentException("an empty head"));
        return sizeReached(head.treeSize()).thenApply(reached -> {
            LedgerNode current = node;
            Instant last = current.entry(head.treeSize() - 1).committedAt();
            if (!last.equals(head.timestamp())) {
                throw new IllegalArgumentException("the head's time is not the commit time of entry "
                    + (head.treeSize() - 1));
            }
            return Message.valueOf(ByteString.copyFrom(current.countersign(head)));
        });
    }

    private CompletableFuture<Void> sizeReached(long size) {
        synchronized (sizeWaiters) {
            if (node.size() >= size) return CompletableFuture.completedFuture(null);
            CompletableFuture<Void> reached = new CompletableFuture<>();
            sizeWaiters.computeIfAbsent(size, s -> new ArrayList<>()).add(reached);
            return reached.orTimeout(COUNTERSIGN_WAIT.toMillis(), TimeUnit.MILLISECONDS).whenComplete((v, e) -> {
                synchronized (sizeWaiters) {
                    List<CompletableFuture<Void>> waiting = sizeWaiters.get(size);
                    if (waiting != null && waiting.remove(reached) && waiting.isEmpty()) sizeWaiters.remove(size);
                }
            });
        }
    }

    private void released(long size) {
        List<CompletableFuture<Void>> ready = new ArrayList<>();
        synchronized (sizeWaiters) {
            Map<Long, List<CompletableFuture<Void>>> reached = sizeWaiters.headMap(size, true);
            reached.values().forEach(ready::addAll);
            reached.clear();
        }
        ready.forEach(f -> f.complete(null));
    }

    private ByteString entries(long[] range) {
        long from = range[0];
        long to = Math.min(range[1], marks.read().ledgerSize());
        List<byte[]> leaves = new ArrayList<>();
        long bytes = 0;
        for (long i = from; i < to && (leaves.isEmpty() || bytes < ENTRIES_REPLY_BYTES); i++) {
            byte[] leaf = node.entry(i).leafData();
            leaves.add(leaf);
            bytes += leaf.length;
        }
        return RaftMessages.entries(leaves);
    }

    @Override
    public CompletableFuture<TermIndex> notifyInstallSnapshotFromLeader(RoleInfoProto roleInfo,
                                                                        TermIndex firstTermIndexInLog) {
        RaftPeerId leader = RaftPeerId.valueOf(roleInfo.getFollowerInfo().getLeaderInfo().getId().getId());
        LOG.info("Node {} is behind the leader's log (which starts at {}): fetching ledger entries from {}",
            config.nodeId(), firstTermIndexInLog, leader);
        return CompletableFuture.supplyAsync(() -> {
            try {
                return catchUpFrom(leader);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, catchUp);
    }

    private TermIndex catchUpFrom(RaftPeerId leader) throws IOException {
        RaftMessages.Status status = RaftMessages.readStatus(ask(leader, RaftMessages.statusQuery()));
        while (node.size() < status.ledgerSize()) {
            List<byte[]> leaves = RaftMessages.readEntries(ask(leader,
                RaftMessages.entriesQuery(node.size(), status.ledgerSize())));
            if (leaves.isEmpty()) throw new IOException("the leader sent no entries from " + node.size());
            synchronized (applying) {
                replay(leaves);
            }
        }
        if (node.size() != status.ledgerSize()) {
            throw new IOException("this node holds " + node.size() + " entries, more than the leader's "
                + status.ledgerSize() + " at its index " + status.index());
        }
        TermIndex at = TermIndex.valueOf(status.term(), status.index());
        synchronized (applying) {
            marks.write(new AppliedMark.Mark(status.term(), status.index(), node.size()));
            node.force();
            marks.force();
            writeSnapshot(at, node.size());
        }
        released(node.size());
        onApplied.run();
        catchUps.incrementAndGet();
        LOG.info("Node {} caught up to {} entries at Raft index {}", config.nodeId(), node.size(), at);
        return at;
    }

    /** Applies the leader's entries in groups of one commit time; each must come out exactly as the leader's. */
    private void replay(List<byte[]> leaves) throws IOException {
        int from = 0;
        while (from < leaves.size()) {
            List<LedgerEntry> group = new ArrayList<>();
            try {
                LedgerEntry first = LedgerEntry.parse(leaves.get(from));
                group.add(first);
                for (int i = from + 1; i < leaves.size(); i++) {
                    LedgerEntry next = LedgerEntry.parse(leaves.get(i));
                    if (!next.committedAt().equals(first.committedAt())) break;
                    group.add(next);
                }
            } catch (FormatException e) {
                throw new IOException("the leader sent an entry that does not read: " + e.getMessage(), e);
            }
            List<LedgerNode.Outcome> outcomes = node.apply(group.get(0).committedAt(),
                group.stream().map(LedgerEntry::signedTransaction).toList());
            for (int i = 0; i < group.size(); i++) {
                boolean same = outcomes.get(i) instanceof LedgerNode.Outcome.Committed c && !c.alreadyCommitted()
                    && Arrays.equals(c.entry().leafData(), group.get(i).leafData());
                if (!same) {
                    throw new IOException("entry " + group.get(i).index() + " from the leader does not commit the same"
                        + " here (" + outcomes.get(i) + "): the ledgers differ; restore this node from a replica");
                }
            }
            from += group.size();
        }
    }

    private ByteString ask(RaftPeerId peer, ByteString query) throws IOException {
        RaftClientReply reply = client.io().sendStaleRead(Message.valueOf(query), 0, peer);
        if (!reply.isSuccess()) throw new IOException("node " + peer + " did not answer: " + reply.getException());
        return reply.getMessage().getContent();
    }

    /** How many times this node caught up by fetching entries from the leader. */
    int catchUps() { return catchUps.get(); }

    @Override
    public void close() {
        catchUp.shutdownNow();
        synchronized (applying) {
            if (node != null) node.close();
            if (marks != null) marks.close();
        }
        released(Long.MAX_VALUE);
    }
}
