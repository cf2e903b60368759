package org.civitas.ledger.replica;

import org.civitas.ledger.fixtures.Actor;
import org.civitas.ledger.fixtures.ChildJvm;
import org.civitas.ledger.fixtures.LedgerCluster;
import org.civitas.ledger.fixtures.LedgerProcess;
import org.civitas.ledger.fixtures.Nodes;
import org.civitas.ledger.node.LedgerNode;
import org.civitas.sdk.key.KeyType;
import org.civitas.sdk.ledger.Digest;
import org.civitas.sdk.ledger.LedgerHash;
import org.civitas.sdk.ledger.SignedTransaction;
import org.civitas.sdk.ledger.Transaction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real crash: three nodes in three JVMs on loopback; the leader is killed with SIGKILL while clients write
 * through every node, the survivors go on, the dead node is respawned on its directory and port and catches up.
 * Nothing acknowledged is lost and the ledgers end up identical.
 */
class ReplicatedCrashTest {

    @TempDir Path dir;
    /** The nodes' logs, kept after the run (a respawned node appends to its first life's log). */
    final Path logs = Path.of("target", "child-logs", getClass().getSimpleName());
    final Map<String, String> peers = Nodes.loopback(3);
    final Map<String, ChildJvm> nodes = new ConcurrentHashMap<>();
    /** Transaction hash → the index its acknowledgement gave. */
    final Map<String, Long> acknowledged = new ConcurrentHashMap<>();
    final AtomicInteger refused = new AtomicInteger();

    @AfterEach
    void stopAll() {
        nodes.values().forEach(ChildJvm::close);
    }

    private ChildJvm spawn(String id) {
        ChildJvm child = ChildJvm.start(logs.resolve(id + ".log"), this::answer, "replicated", id,
            dir.resolve(id).toString(), Nodes.format(peers));
        nodes.put(id, child);
        return child;
    }

    private void answer(String line) {
        String[] parts = line.split(" ");
        if (parts[0].equals("ACK")) acknowledged.put(parts[1], Long.parseLong(parts[2]));
        if (parts[0].equals("REJ")) refused.incrementAndGet();
    }

    private void submit(ChildJvm node, SignedTransaction tx) {
        node.send("submit " + LedgerProcess.encode(tx));
    }

    private void awaitAcknowledged(int count) {
        LedgerCluster.await(() -> acknowledged.size() >= count, count + " acknowledged transactions");
    }

    @Test
    void leaderKilledWhileClientsWrite_survivorsGoOn_andTheRespawnedNodeCatchesUpLosingNothingAcknowledged()
            throws Exception {
        resetLogs();
        peers.keySet().parallelStream().forEach(this::spawn);
        Actor root = Actor.generate(KeyType.ED25519);
        Actor issuer = Actor.generate(KeyType.ED25519);
        ChildJvm first = nodes.get("node-1");
        submit(first, root.sign(new Transaction.Genesis("civitas-test", LedgerHash.SHA_256,
            Nodes.genesisNodes(peers.keySet()), 2, root.document(), Instant.now(), Actor.nonce())));
        awaitAcknowledged(1);
        submit(first, issuer.create());
        awaitAcknowledged(2);
        assertEquals("OK", first.ask("await-all", "OK"));
        String leader = leader();
        String[][] head = new String[1][];
        LedgerCluster.await(() -> !(head[0] = nodes.get(leader).ask("status", "STATUS").split(" "))[4].equals("0"),
            "a quorum head");
        String[] headBefore = head[0];

        Writer writer = new Writer(issuer);
        Thread writing = new Thread(writer, "writer");
        writing.start();
        awaitAcknowledged(100);
        nodes.get(leader).kill();
        int atKill = acknowledged.size();
        awaitAcknowledged(atKill + 150);
        spawn(leader);
        awaitAcknowledged(acknowledged.size() + 100);
        writer.running = false;
        writing.join();

        Map<String, String> status = converged();
        for (ChildJvm node : nodes.values()) node.close();
        nodes.clear();

        assertEquals(0, refused.get(), "no transaction was refused");
        assertTrue(status.values().stream().distinct().count() == 1, "every node has the same size and digest: " + status);
        Map<String, LedgerNode> reopened = new LinkedHashMap<>();
        try {
            for (String id : peers.keySet()) reopened.put(id, LedgerNode.open(dir.resolve(id), id, Nodes.key(id)));
            LedgerNode any = reopened.get("node-1");
            long size = any.size();
            Digest digest = any.state().digest();
            for (LedgerNode node : reopened.values()) {
                assertEquals(size, node.size(), node.nodeId());
                assertEquals(digest, node.state().digest(), node.nodeId());
                assertArrayEquals(any.root(size), node.root(size), node.nodeId());
                acknowledged.forEach((hash, index) -> assertEquals(index, node.state().entryIndexOf(digest(hash))
                    .orElseThrow(() -> new AssertionError("acknowledged " + hash + " is missing on " + node.nodeId())),
                    hash));
            }
            long sizeBefore = Long.parseLong(headBefore[4]);
            byte[] rootBefore = Base64.getUrlDecoder().decode(headBefore[5]);
            assertTrue(any.consistencyProof(sizeBefore, size).verify(LedgerHash.SHA_256, rootBefore, any.root(size)),
                "the quorum head before the crash is consistent with the final tree");
        } finally {
            reopened.values().forEach(LedgerNode::close);
        }
    }

    private static Digest digest(String base64Url) {
        return Digest.of(Base64.getUrlDecoder().decode(base64Url));
    }

    private String leader() {
        String[] found = new String[1];
        LedgerCluster.await(() -> {
            for (Map.Entry<String, ChildJvm> node : nodes.entrySet()) {
                if (node.getValue().ask("status", "STATUS").startsWith("STATUS 1 ")) {
                    found[0] = node.getKey();
                    return true;
                }
            }
            return false;
        }, "a leader");
        return found[0];
    }

    /**
     * Waits until every node reports the same size and state digest; returns id → "size digest". The respawned
     * node replays its log and catches up while the others go on, on a machine busy with three JVMs: it gets a
     * minute.
     */
    private Map<String, String> converged() {
        Map<String, String> status = new LinkedHashMap<>();
        LedgerCluster.await(() -> {
            status.clear();
            nodes.forEach((id, node) -> {
                String[] parts = node.ask("status", "STATUS").split(" ");
                status.put(id, parts[2] + " " + parts[3]);
            });
            return status.values().stream().distinct().count() == 1;
        }, Duration.ofSeconds(60), () -> "the nodes to converge; last status (size digest): " + status
            + "; the nodes' logs are in " + logs.toAbsolutePath() + ", their warnings: " + warnings());
        return status;
    }

    private void resetLogs() throws IOException {
        Files.createDirectories(logs);
        for (String id : peers.keySet()) Files.deleteIfExists(logs.resolve(id + ".log"));
    }

    /** The WARN and ERROR lines of every node's log, for a failure message. */
    private String warnings() {
        StringBuilder found = new StringBuilder();
        for (String id : peers.keySet()) {
            try (Stream<String> lines = Files.lines(logs.resolve(id + ".log"))) {
                lines.filter(l -> l.contains("WARN") || l.contains("ERROR") || l.startsWith("Caused by"))
                    .limit(20).forEach(l -> found.append("\n  ").append(id).append(": ").append(l));
            } catch (IOException | UncheckedIOException e) {
                found.append("\n  ").append(id).append(": log unreadable: ").append(e);
            }
        }
        return found.toString();
    }

    /** Submits anchors of fresh status lists round robin to the live nodes, about two hundred a second. */
    private final class Writer implements Runnable {
        private final Actor issuer;
        volatile boolean running = true;

        Writer(Actor issuer) {
            this.issuer = issuer;
        }

        @Override
        public void run() {
            int list = 0;
            while (running) {
                List<ChildJvm> live = new ArrayList<>();
                nodes.values().forEach(n -> {
                    if (n.isAlive()) live.add(n);
                });
                for (int i = 0; i < 10 && !live.isEmpty(); i++) {
                    ChildJvm node = live.get(list % live.size());
                    try {
                        submit(node, issuer.anchor("https://issuer.example/status/" + list++, 1));
                    } catch (RuntimeException e) {
                        // that node just died; the transaction was never acknowledged
                    }
                }
                try {
                    Thread.sleep(Duration.ofMillis(50).toMillis());
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }
}
