package org.civitas.ledger.replica;

import org.apache.ratis.client.RaftClient;
import org.apache.ratis.client.RaftClientConfigKeys;
import org.apache.ratis.client.retry.RequestTypeDependentRetryPolicy;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.proto.RaftProtos.RaftClientRequestProto.TypeCase;
import org.apache.ratis.proto.RaftProtos.ReplicationLevel;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.retry.RetryPolicies;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.util.TimeDuration;
import org.civitas.ledger.Ledger;
import org.civitas.ledger.LedgerException;
import org.civitas.ledger.node.LedgerNode;
import org.civitas.sdk.ledger.SignedTransaction;
import org.civitas.sdk.ledger.SignedTreeHead;
import org.civitas.sdk.ledger.Transaction;
import org.civitas.server.CommonPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The replicated ledger: each process runs one node of a Raft group (Apache Ratis over gRPC) whose state machine
 * owns this node's {@link LedgerNode}. Writes are ordered by the Raft leader; every node applies the same batches
 * through {@link LedgerNode#apply} and so holds the same entries, tree and state. Reads are served by this node's
 * own copy ({@link #node()}), which may trail the leader by the entries it has not applied yet.
 *
 * <p><b>Writes.</b> {@link #submit} queues the transaction; a batcher thread sends what gathered as one Raft
 * request (at most {@link #MAX_BATCH} transactions and {@link #MAX_BATCH_BYTES} bytes, {@link #MAX_IN_FLIGHT}
 * requests in flight, so the next batch forms while the previous ones commit: group commit). The request goes to
 * the leader; Ratis' client finds it from any node. The leader stamps the batch with its clock, never earlier than
 * its previous stamp, into the log entry; on apply every node commits at that time (and {@link LedgerNode} never
 * goes back in time, whoever leads). The leader's apply result travels back in the Raft reply and completes each
 * submission with its outcome.
 *
 * <p><b>Retries and failover.</b> A transaction is idempotent by its hash: a retry after a lost reply is answered
 * with the entry already committed. The batches go through one Ratis client whose id stays the same while it
 * works, so Ratis' retry cache also answers a resent request (after a lost reply or a leader change) with the
 * first reply. While there is no leader (an election after the leader died) requests are retried every 100 ms;
 * after the configured submit timeout (10 s by default) the submission fails with
 * {@link LedgerException.Reason#UNAVAILABLE}, its fate unknown until it is submitted again. Ratis' ordered client
 * refuses every later request once one has run out of retries, so that client is then replaced (with a new id).
 *
 * <p><b>Tree heads with a quorum of signatures.</b> Each node signs its own head after each batch; for a given
 * size the head is the same on every node (its time is the commit time of the last entry). A gatherer per node
 * ({@link QuorumHeads}) asks other nodes to countersign this node's newest head with a read-only Ratis query (a
 * stale read that the peer's state machine answers once it has applied up to that size and found the same root),
 * checks each signature with the node key named at genesis, and once the head carries the genesis quorum of
 * signatures it becomes {@link #latestSignedHead()}, which {@link org.civitas.sdk.ledger.LedgerTrust#check}
 * accepts. Nothing about heads goes through the Raft log or the Merkle tree, and every node has its own quorum
 * heads. Lag: while a quorum is up, the head covering a batch is quorum-signed within one round after this node
 * applied it: at most {@link QuorumHeads#ROUND_INTERVAL} (50 ms) plus a round trip to a peer and the time that
 * peer needs to apply the same batch. Without a quorum the latest quorum head stays where it was.
 *
 * <p><b>Restarts, snapshots and catch-up</b> are described on {@link LedgerStateMachine}: the ledger files are the
 * state; a restarted node replays the Raft log after its last recorded index; a node behind the leader's purged
 * log fetches the missing entries from the leader and validates them again.
 *
 * <p><b>Bootstrap.</b> Ratis ignores voters with an empty log (RATIS-1995). The node that commits the genesis
 * asks Ratis to watch it reach every node; an operator bringing up a group calls {@link #awaitAllReplicated} once
 * every node is up, before relying on failover.
 *
 * <p>Thread-safe.
 */
public final class ReplicatedLedger implements Ledger {

    private static final Logger LOG = LoggerFactory.getLogger(ReplicatedLedger.class);
    /** The most transactions in one Raft entry: bounds its apply time. */
    static final int MAX_BATCH = 1024;
    /** The most transaction bytes in one Raft entry, well inside Ratis' log write buffer (8 MiB) and messages. */
    static final int MAX_BATCH_BYTES = 1024 * 1024;
    /**
     * Raft requests this node has in flight at once; further submissions gather into the next batch. Two keep the
     * leader busy while making batches large (measured: 2 beat 4 and 8 on both throughput and p99).
     */
    static final int MAX_IN_FLIGHT = 2;
    private static final TimeDuration RETRY_SLEEP = TimeDuration.valueOf(100, TimeUnit.MILLISECONDS);

    private record Pending(SignedTransaction transaction, CompletableFuture<LedgerNode.Outcome> result) { }

    private final ReplicaConfig config;
    private final RaftGroup group;
    private final LedgerStateMachine stateMachine;
    private final RaftServer server;
    /** Sends batches (ordered, pipelined); replaced when a request of it ran out of retries. */
    private volatile RaftClient writer;
    /** Countersigning, catch-up queries and watches: requests aimed at one node, each on its own. */
    private final RaftClient reader;
    private final QuorumHeads heads;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>(64 * MAX_BATCH);
    private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
    private final Thread batcher;
    private volatile boolean running = true;

    private ReplicatedLedger(ReplicaConfig config, RaftGroup group, LedgerStateMachine stateMachine, RaftServer server) {
        this.config = config;
        this.group = group;
        this.stateMachine = stateMachine;
        this.server = server;
        this.writer = client(group, config.submitTimeout());
        this.reader = client(group, config.submitTimeout());
        List<RaftPeerId> others = group.getPeers().stream().map(RaftPeer::getId)
            .filter(id -> !id.toString().equals(config.nodeId())).toList();
        this.heads = new QuorumHeads(config.nodeId(), stateMachine::node, others, reader);
        stateMachine.attach(reader, heads::applied);
        this.batcher = new Thread(this::run, "ledger-batcher-" + config.nodeId());
        batcher.setDaemon(true);
        batcher.start();
    }

    /**
     * Starts this node: opens its ledger files (cutting back what was applied after the last recorded Raft
     * index), starts its Raft server on its address and joins the group. Returns once the server runs; a leader
     * is elected once a majority of the nodes runs.
     *
     * @param clock the leader's clock for commit times
     */
    public static ReplicatedLedger start(ReplicaConfig config, Clock clock) {
        return start(config, clock, properties -> { });
    }

    /** As {@link #start(ReplicaConfig, Clock)}, with Ratis properties adjusted (tests: small log segments). */
    static ReplicatedLedger start(ReplicaConfig config, Clock clock, Consumer<RaftProperties> tuning) {
        if (!CommonPool.pooled()) {
            LOG.warn("The common fork-join pool has parallelism {}: Ratis' async steps will each start a new thread;"
                + " call CommonPool.ensureParallelism() first in main or start the JVM with -D{}={}",
                ForkJoinPool.getCommonPoolParallelism(), "java.util.concurrent.ForkJoinPool.common.parallelism", 2);
        }
        RaftGroup group = group(config);
        LedgerStateMachine stateMachine = new LedgerStateMachine(config, clock);
        RaftProperties properties = serverProperties(config);
        tuning.accept(properties);
        RaftServer server = null;
        try {
            server = RaftServer.newBuilder()
                .setServerId(RaftPeerId.valueOf(config.nodeId()))
                .setGroup(group)
                .setProperties(properties)
                .setStateMachine(stateMachine)
                .setOption(RaftStorage.StartupOption.RECOVER)
                .build();
            server.start();
            return new ReplicatedLedger(config, group, stateMachine, server);
        } catch (IOException | RuntimeException e) {
            if (server != null) {
                try {
                    server.close();
                } catch (IOException | RuntimeException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw new IllegalStateException("ledger node " + config.nodeId() + " could not start: " + e.getMessage(), e);
        }
    }

    /** The group: its id derives from the node ids, so every node of one ledger computes the same one. */
    static RaftGroup group(ReplicaConfig config) {
        String name = "civitas-ledger:" + String.join(",", new TreeSet<>(config.peers().keySet()));
        RaftGroupId id = RaftGroupId.valueOf(UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)));
        List<RaftPeer> peers = new ArrayList<>();
        config.peers().forEach((nodeId, address) ->
            peers.add(RaftPeer.newBuilder().setId(nodeId).setAddress(address).build()));
        return RaftGroup.valueOf(id, peers);
    }

    private static RaftProperties serverProperties(ReplicaConfig config) {
        RaftProperties p = new RaftProperties();
        RaftServerConfigKeys.setStorageDir(p, List.of(config.dataDirectory().resolve("raft").toFile()));
        GrpcConfigKeys.Server.setHost(p, config.host());
        GrpcConfigKeys.Server.setPort(p, config.port());
        long election = config.electionTimeout().toMillis();
        RaftServerConfigKeys.Rpc.setTimeoutMin(p, TimeDuration.valueOf(election, TimeUnit.MILLISECONDS));
        RaftServerConfigKeys.Rpc.setTimeoutMax(p, TimeDuration.valueOf(2 * election, TimeUnit.MILLISECONDS));
        // A restarted follower is retried quickly (the default backs off for seconds)
        RaftServerConfigKeys.Log.Appender.setRetryPolicy(p, "1ms,10,100ms,100000");
        // Followers behind a purged log fetch ledger entries themselves (LedgerStateMachine), no snapshot files move
        RaftServerConfigKeys.Log.Appender.setInstallSnapshotEnabled(p, false);
        RaftServerConfigKeys.Snapshot.setAutoTriggerEnabled(p, true);
        RaftServerConfigKeys.Snapshot.setAutoTriggerThreshold(p, config.snapshotInterval());
        RaftServerConfigKeys.Snapshot.setRetentionFileNum(p, 2);
        RaftServerConfigKeys.Log.setPurgeUptoSnapshotIndex(p, true);
        RaftServerConfigKeys.Log.setPurgeGap(p, (int) Math.min(1024, config.snapshotInterval()));
        return p;
    }

    /**
     * A client with its own id for its lifetime, so that Ratis' retry cache answers a resent request with the
     * first reply.
     */
    private static RaftClient client(RaftGroup group, Duration submitTimeout) {
        RaftProperties p = new RaftProperties();
        RaftClientConfigKeys.Rpc.setRequestTimeout(p, TimeDuration.valueOf(3, TimeUnit.SECONDS));
        return RaftClient.newBuilder()
            .setRaftGroup(group)
            .setProperties(p)
            .setClientId(ClientId.randomId())
            .setRetryPolicy(retryPolicy(submitTimeout))
            .build();
    }

    /**
     * Writes and watches retry with a pause until the submit timeout; reads aimed at one node (countersigning,
     * catch-up) are not retried: the caller asks again or asks another node.
     */
    private static RequestTypeDependentRetryPolicy retryPolicy(Duration submitTimeout) {
        TimeDuration timeout = TimeDuration.valueOf(submitTimeout.toMillis(), TimeUnit.MILLISECONDS);
        return RequestTypeDependentRetryPolicy.newBuilder()
            .setRetryPolicy(TypeCase.WRITE, RetryPolicies.retryForeverWithSleep(RETRY_SLEEP))
            .setRetryPolicy(TypeCase.WATCH, RetryPolicies.retryForeverWithSleep(RETRY_SLEEP))
            .setRetryPolicy(TypeCase.READ, RetryPolicies.retryForeverWithSleep(RETRY_SLEEP))
            .setRetryPolicy(TypeCase.STALEREAD, RetryPolicies.noRetry())
            .setTimeout(TypeCase.WRITE, timeout)
            .setTimeout(TypeCase.WATCH, timeout)
            .setTimeout(TypeCase.READ, timeout)
            .build();
    }

    @Override
    public CompletableFuture<LedgerNode.Outcome> submit(SignedTransaction transaction) {
        CompletableFuture<LedgerNode.Outcome> result = new CompletableFuture<>();
        if (transaction.transaction() instanceof Transaction.Genesis genesis && !namesThisGroup(genesis)) {
            result.complete(new LedgerNode.Outcome.Rejected(new LedgerException(LedgerException.Reason.MALFORMED,
                "the genesis must name exactly the nodes of this ledger's Raft group " + config.peers().keySet())));
        } else if (!running) {
            result.completeExceptionally(stopped());
        } else if (!queue.offer(new Pending(transaction, result))) {
            result.completeExceptionally(LedgerException.unavailable(
                "the ledger has " + queue.size() + " transactions waiting; retry shortly", Duration.ofMillis(200)));
        }
        return result;
    }

    private boolean namesThisGroup(Transaction.Genesis genesis) {
        Set<String> named = new TreeSet<>();
        genesis.nodes().forEach(n -> named.add(n.id()));
        return named.equals(config.peers().keySet());
    }

    private void run() {
        while (running) {
            List<Pending> batch = new ArrayList<>();
            try {
                if (!inFlight.tryAcquire(100, TimeUnit.MILLISECONDS)) continue;
                Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    inFlight.release();
                    continue;
                }
                batch.add(first);
                long bytes = size(first.transaction());
                for (Pending next; batch.size() < MAX_BATCH && (next = queue.peek()) != null
                        && bytes + size(next.transaction()) <= MAX_BATCH_BYTES; ) {
                    batch.add(queue.poll());   // this thread is the queue's only taker: poll returns next
                    bytes += size(next.transaction());
                }
                send(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                batch.forEach(p -> p.result().completeExceptionally(stopped()));
                break;
            } catch (RuntimeException e) {
                LOG.warn("A batch could not be sent", e);
                inFlight.release();
                batch.forEach(p -> p.result().completeExceptionally(unavailable(e)));
            }
        }
        Pending rest;
        while ((rest = queue.poll()) != null) rest.result().completeExceptionally(stopped());
    }

    private static long size(SignedTransaction tx) {
        return tx.payload().length + 128L * tx.signatures().size();
    }

    private void send(List<Pending> batch) {
        List<SignedTransaction> transactions = batch.stream().map(Pending::transaction).toList();
        RaftClient client = writer;
        client.async().send(Message.valueOf(RaftMessages.batch(transactions)))
            .orTimeout(config.submitTimeout().toMillis() + 5_000, TimeUnit.MILLISECONDS)
            .whenComplete((reply, failure) -> {
                inFlight.release();
                try {
                    if (failure != null) {
                        replace(client);
                        throw failure;
                    }
                    complete(batch, transactions, reply);
                    if (batch.stream().anyMatch(p -> p.result().join() instanceof LedgerNode.Outcome.Committed c
                            && c.entry().index() == 0 && !c.alreadyCommitted())) {
                        watchEveryNode(reply.getLogIndex());
                    }
                } catch (Throwable e) {
                    batch.forEach(p -> p.result().completeExceptionally(unavailable(e)));
                }
            });
    }

    /**
     * Replaces a writer whose request failed for good: Ratis' ordered client then fails every later request
     * too (its sliding window stays closed), so the next batches need a new client (with a new id).
     */
    private synchronized void replace(RaftClient failed) {
        if (writer != failed || !running) return;
        writer = client(group, config.submitTimeout());
        try {
            failed.close();
        } catch (IOException | RuntimeException e) {
            LOG.debug("Closing a failed Raft client: {}", e.toString());
        }
    }

    /**
     * Right after the genesis, asks Ratis to see the log reach every node (RATIS-1995: a voter with an empty log
     * is ignored, so losing the leader before the third node holds an entry would leave the group leaderless).
     * Best effort: {@link #awaitAllReplicated} is the call that waits and reports.
     */
    private void watchEveryNode(long index) {
        reader.async().watch(index, ReplicationLevel.ALL).whenComplete((reply, failure) -> {
            if (running && (failure != null || !reply.isSuccess())) {
                LOG.warn("The genesis has not reached every ledger node yet; start them all and call"
                    + " awaitAllReplicated before relying on failover");
            }
        });
    }

    private static void complete(List<Pending> batch, List<SignedTransaction> transactions, RaftClientReply reply) {
        if (!reply.isSuccess()) throw new IllegalStateException("the leader refused the batch: " + reply.getException());
        List<LedgerNode.Outcome> outcomes = RaftMessages.readOutcomes(reply.getMessage().getContent(), transactions);
        for (int i = 0; i < batch.size(); i++) batch.get(i).result().complete(outcomes.get(i));
    }

    private LedgerException unavailable(Throwable cause) {
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        return LedgerException.unavailable("no leader with a quorum committed this within "
            + config.submitTimeout().toMillis() + " ms (" + root.getClass().getSimpleName() + "); submit it again:"
            + " a transaction is committed at most once", Duration.ofSeconds(1));
    }

    private static LedgerException stopped() {
        return LedgerException.unavailable("this ledger node is shutting down; retry on another node",
            Duration.ofSeconds(1));
    }

    @Override
    public LedgerNode node() { return stateMachine.node(); }

    @Override
    public SignedTreeHead latestSignedHead() { return heads.latest(); }

    /** This node's id. */
    public String nodeId() { return config.nodeId(); }

    /** The id of the node this node believes leads, or {@code null} while it knows none. */
    public String leaderId() {
        try {
            RaftPeerId leader = server.getDivision(group.getGroupId()).getInfo().getLeaderId();
            return leader == null ? null : leader.toString();
        } catch (IOException e) {
            return null;
        }
    }

    /** Whether this node leads the group now. */
    public boolean isLeader() {
        try {
            return server.getDivision(group.getGroupId()).getInfo().isLeader();
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Waits until every node of the group holds the Raft log up to this node's last applied entry. Call it once
     * after a group first starts with all nodes up: Ratis ignores voters whose log is still empty (RATIS-1995),
     * so a leader lost before that would leave the group without one.
     *
     * @throws LedgerException UNAVAILABLE when not every node confirms in time
     */
    public void awaitAllReplicated(Duration timeout) {
        long index = stateMachine.getLastAppliedTermIndex().getIndex();
        try {
            RaftClientReply reply = reader.async().watch(Math.max(index, 0), ReplicationLevel.ALL)
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!reply.isSuccess()) throw new IllegalStateException(String.valueOf(reply.getException()));
        } catch (Exception e) {
            if (e instanceof InterruptedException) Thread.currentThread().interrupt();
            throw LedgerException.unavailable("not every ledger node holds the log up to index " + index + ": "
                + e.getMessage(), Duration.ofSeconds(1));
        }
    }

    /** The last Raft entry this node's ledger reflects, and the ledger size it left. */
    AppliedMark.Mark appliedMark() { return stateMachine.mark(); }

    /** How many times this node caught up past the leader's purged log by fetching entries. */
    int catchUps() { return stateMachine.catchUps(); }

    /** Asks this node's Raft server for a snapshot now (operators, tests); returns its index. */
    long takeSnapshot() {
        try {
            RaftClientReply reply = reader.getSnapshotManagementApi(RaftPeerId.valueOf(config.nodeId()))
                .create(30_000);
            if (!reply.isSuccess()) throw new IllegalStateException(String.valueOf(reply.getException()));
            return reply.getLogIndex();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            batcher.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        heads.close();
        for (RaftClient client : List.of(writer, reader)) {
            try {
                client.close();
            } catch (IOException e) {
                LOG.warn("Closing a Raft client of {} failed: {}", config.nodeId(), e.toString());
            }
        }
        try {
            server.close();
        } catch (IOException e) {
            LOG.warn("Closing the Raft server of {} failed: {}", config.nodeId(), e.toString());
        }
    }
}
