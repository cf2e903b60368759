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
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Gathers, for one node, tree heads signed by a quorum: whenever this node's own head has grown past the
 * latest quorum head, it asks its peers to countersign it (a read-only Ratis query each peer's state machine
 * answers once it has reached that size and computes the same root), and publishes the head once a quorum of
 * valid node signatures, checked with {@link LedgerTrust#check}, is on it. One round at a time, at most one
 * every {@link #ROUND_INTERVAL}; a peer that has not answered the previous round is not asked again meanwhile.
 */
final class QuorumHeads implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(QuorumHeads.class);
    /** The pause between rounds: bounds the countersigning traffic to 50 rounds a second per node. */
    static final Duration ROUND_INTERVAL = Duration.ofMillis(20);
    /** How long a round waits for countersignatures. */
    private static final Duration ROUND_TIMEOUT = Duration.ofSeconds(2);

    private final String nodeId;
    private final Supplier<LedgerNode> node;
    private final List<RaftPeerId> peers;
    private final RaftClient client;
    private final ExecutorService askers;
    private final Set<RaftPeerId> asking = ConcurrentHashMap.newKeySet();
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

    /** The head with a quorum of signatures, or {@code null} if the peers did not give enough in time. */
    private SignedTreeHead collect(LedgerTrust trust, SignedTreeHead own) throws InterruptedException {
        int needed = trust.quorum() - 1;
        if (needed <= 0) return trust.check(own).trusted() ? own : null;
        Map<String, byte[]> signatures = new ConcurrentHashMap<>(own.signatures());
        byte[] input = own.head().signingInput();
        CountDownLatch enough = new CountDownLatch(needed);
        CountDownLatch answered = new CountDownLatch(peers.size());
        for (RaftPeerId peer : peers) {
            VerificationKey key = trust.nodes().get(peer.toString());
            if (key == null || !asking.add(peer)) {
                answered.countDown();
                continue;
            }
            askers.execute(() -> {
                try {
                    RaftClientReply reply = client.io().sendStaleRead(
                        Message.valueOf(RaftMessages.countersign(own.head())), 0, peer);
                    byte[] signature = reply.isSuccess() ? reply.getMessage().getContent().toByteArray() : null;
                    if (signature != null && key.verify(input, signature)) {
                        signatures.put(peer.toString(), signature);
                        enough.countDown();
                    }
                } catch (Exception e) {
                    LOG.debug("Node {} did not countersign: {}", peer, e.toString());
                } finally {
                    asking.remove(peer);
                    answered.countDown();
                }
            });
        }
        long deadline = System.nanoTime() + ROUND_TIMEOUT.toNanos();
        while (!enough.await(2, TimeUnit.MILLISECONDS)) {
            if (answered.getCount() == 0 || System.nanoTime() > deadline) break;
        }
        if (signatures.size() < trust.quorum()) return null;
        SignedTreeHead signed = new SignedTreeHead(own.head(), signatures);
        return trust.check(signed).trusted() ? signed : null;
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
