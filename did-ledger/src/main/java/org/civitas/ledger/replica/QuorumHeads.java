package org.civitas.ledger.replica;

import org.apache.ratis.client.RaftClient;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftPeerId;
import org.civitas.ledger.node.LedgerNode;
import org.civitas.sdk.key.VerificationKey;
import org.civitas.sdk.ledger.LedgerTrust;
import org.civitas.sdk.ledger.SignedTreeHead;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Gathers, for one node, tree heads signed by a quorum: whenever this node's own head has grown past the
 * latest quorum head, it asks peers to countersign it (a read-only Ratis query each peer's state machine answers
 * once it has reached that size and computes the same root), checks each countersignature with that node's
 * genesis key, and publishes the head once it carries the genesis quorum of signatures. One round at a time, at
 * most one every {@link #ROUND_INTERVAL}; each round asks only as many peers as signatures are missing, and a
 * peer that has not answered an earlier round is not asked again meanwhile.
 */
final class QuorumHeads implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(QuorumHeads.class);
    /** The pause between rounds: bounds the countersigning traffic to 20 rounds a second per node. */
    static final Duration ROUND_INTERVAL = Duration.ofMillis(50);
    /** How long a round waits for countersignatures. */
    private static final Duration ROUND_TIMEOUT = Duration.ofSeconds(2);

    private final String nodeId;
    private final Supplier<LedgerNode> node;
    private final List<RaftPeerId> peers;
    private final RaftClient client;
    private final ExecutorService askers;
    private final Set<RaftPeerId> asking = ConcurrentHashMap.newKeySet();
    private final Map<RaftPeerId, Long> lastSigned = new ConcurrentHashMap<>();
    private final Thread thread;
    private final Object signal = new Object();
    private long applied;
    private volatile boolean running = true;
    private volatile SignedTreeHead latest;

    QuorumHeads(String nodeId, Supplier<LedgerNode> node, List<RaftPeerId> peers, RaftClient client) {
        this.nodeId = nodeId;
        this.node = node;
        this.peers = List.copyOf(peers);
        this.client = client;
        this.askers = Executors.newFixedThreadPool(Math.max(1, peers.size()), r -> {
            Thread t = new Thread(r, "ledger-countersign-" + nodeId);
            t.setDaemon(true);
            return t;
        });
        this.thread = new Thread(this::run, "ledger-heads-" + nodeId);
        thread.setDaemon(true);
        thread.start();
    }

    /** The latest head signed by a quorum, or {@code null} before any. */
    SignedTreeHead latest() { return latest; }

    /** Wakes the gatherer: this node applied more entries. */
    void applied() {
        synchronized (signal) {
            applied++;
            signal.notifyAll();
        }
    }

    private void run() {
        while (running) {
            long seen;
            synchronized (signal) {
                seen = applied;
            }
            try {
                LedgerNode current = node.get();
                SignedTreeHead own = current == null ? null : current.ownHead();
                SignedTreeHead quorum = latest;
                if (own != null && (quorum == null || own.head().treeSize() > quorum.head().treeSize())) {
                    SignedTreeHead signed = collect(current.trust(), own);
                    if (signed != null) latest = signed;
                    Thread.sleep(ROUND_INTERVAL.toMillis());
                    continue;
                }
                synchronized (signal) {
                    while (running && applied == seen) signal.wait(ROUND_INTERVAL.toMillis() * 10);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.debug("Node {} could not gather head signatures this round: {}", nodeId, e.toString());
            }
        }
    }

    /**
     * The head with a quorum of signatures, or {@code null} if the peers did not give enough in time. Only as many
     * peers as signatures are missing are asked at once, those that signed most recently first; a peer that
     * fails or declines is replaced by the next.
     */
    private SignedTreeHead collect(LedgerTrust trust, SignedTreeHead own) throws InterruptedException {
        if (trust.quorum() <= 1) return own;
        Map<String, byte[]> signatures = new ConcurrentHashMap<>(own.signatures());
        byte[] input = own.head().signingInput();
        Message query = Message.valueOf(RaftMessages.countersign(own.head()));
        List<RaftPeerId> order = new ArrayList<>(peers);
        order.sort(Comparator.comparingLong(peer -> -lastSigned.getOrDefault(peer, 0L)));
        Semaphore answers = new Semaphore(0);
        long deadline = System.nanoTime() + ROUND_TIMEOUT.toNanos();
        int next = 0;
        int pending = 0;
        while (signatures.size() < trust.quorum()) {
            while (pending < trust.quorum() - signatures.size() && next < order.size()) {
                RaftPeerId peer = order.get(next++);
                VerificationKey key = trust.nodes().get(peer.toString());
                if (key != null && asking.add(peer)) {
                    askers.execute(() -> ask(peer, key, query, input, signatures, answers));
                    pending++;
                }
            }
            long left = deadline - System.nanoTime();
            if (pending == 0 || left <= 0 || !answers.tryAcquire(left, TimeUnit.NANOSECONDS)) break;
            pending--;
        }
        // Each countersignature was verified with its node's genesis key as it came; this node's own is its own
        return signatures.size() < trust.quorum() ? null : new SignedTreeHead(own.head(), signatures);
    }

    private void ask(RaftPeerId peer, VerificationKey key, Message query, byte[] input, Map<String, byte[]> signatures,
                     Semaphore answers) {
        try {
            RaftClientReply reply = client.io().sendStaleRead(query, 0, peer);
            byte[] signature = reply.isSuccess() ? reply.getMessage().getContent().toByteArray() : null;
            if (signature != null && key.verify(input, signature)) {
                signatures.put(peer.toString(), signature);
                lastSigned.put(peer, System.nanoTime());
            }
        } catch (Exception e) {
            LOG.debug("Node {} did not countersign: {}", peer, e.toString());
        } finally {
            asking.remove(peer);
            answers.release();
        }
    }

    @Override
    public void close() {
        running = false;
        synchronized (signal) {
            signal.notifyAll();
        }
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        askers.shutdownNow();
    }
}
