package org.civitas.ledger.replica;

import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.util.SizeInBytes;
import org.civitas.ledger.Ledger;
import org.civitas.ledger.LedgerException;
import org.civitas.ledger.fixtures.Actor;
import org.civitas.ledger.fixtures.EmbeddedCluster;
import org.civitas.ledger.fixtures.LedgerCluster;
import org.civitas.ledger.fixtures.Nodes;
import org.civitas.ledger.fixtures.ReplicatedCluster;
import org.civitas.ledger.node.LedgerNode;
import org.civitas.sdk.key.KeyType;
import org.civitas.sdk.ledger.ConsistencyProof;
import org.civitas.sdk.ledger.Digest;
import org.civitas.sdk.ledger.LedgerEntry;
import org.civitas.sdk.ledger.LedgerHash;
import org.civitas.sdk.ledger.LedgerTrust;
import org.civitas.sdk.ledger.SignedTransaction;
import org.civitas.sdk.ledger.SignedTreeHead;
import org.civitas.sdk.ledger.Transaction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.civitas.ledger.fixtures.LedgerCluster.awaitSignedHead;
import static org.civitas.ledger.fixtures.LedgerCluster.commit;
import static org.civitas.ledger.fixtures.LedgerCluster.submit;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Three replicated nodes in this JVM on loopback: failover, forwarding, restarts and catch-up. */
class ReplicatedLedgerTest {

    @TempDir Path dir;
    ReplicatedCluster cluster;
    Actor root = Actor.generate(KeyType.ED25519);
    Actor issuer = Actor.generate(KeyType.ED25519);
    int version;

    @AfterEach
    void stop() {
        if (cluster != null) cluster.close();
    }

    /** Three nodes with the genesis and an issuer DID, replicated to all three. */
    private void startWithGenesis(ReplicatedCluster started) {
        cluster = started;
        commit(cluster.leader(), cluster.genesis(root, LedgerHash.SHA_256));
        commit(cluster.leader(), issuer.create());
        cluster.leader().awaitAllReplicated(Duration.ofSeconds(10));
    }

    /** Commits {@code count} anchors one at a time (each its own Raft entry) through {@code ledger}. */
    private List<LedgerEntry> anchors(Ledger ledger, int count) {
        List<LedgerEntry> entries = new ArrayList<>();
        for (int i = 0; i < count; i++) entries.add(commit(ledger, issuer.anchor("https://issuer.example/s/1", ++version)));
        return entries;
    }

    @Test
    void leaderStopped_survivorsKeepCommitting_andTheRestartedNodeCatchesUpWithEverything() {
        startWithGenesis(ReplicatedCluster.start(dir, 3));
        List<LedgerEntry> acknowledged = new ArrayList<>(anchors(cluster.leader(), 6));
        SignedTreeHead before = awaitSignedHead(cluster.leader(), 8);
        String stopped = cluster.leader().nodeId();

        cluster.stopNode(stopped);
        acknowledged.addAll(anchors(cluster.running().get(0), 10));
        ReplicatedLedger restarted = cluster.startNode(stopped);
        acknowledged.addAll(anchors(cluster.leader(), 5));

        long size = 2 + acknowledged.size();
        cluster.awaitSize(size);
        assertNotEquals(stopped, cluster.leader().nodeId(), "a survivor took over");
        assertSameLedger(size);
        for (ReplicatedLedger node : cluster.running()) {
            for (LedgerEntry entry : acknowledged) assertEquals(entry, node.node().entry(entry.index()), node.nodeId());
        }
        SignedTreeHead after = awaitSignedHead(restarted, size);
        ConsistencyProof proof = restarted.node().consistencyProof(before.head().treeSize(), after.head().treeSize());
        assertTrue(proof.verify(LedgerHash.SHA_256, before.head().rootHash(), after.head().rootHash()));
        assertTrue(restarted.node().trust().check(after).trusted());
    }

    @Test
    void submissionOnAFollower_isForwardedToTheLeader_andAnsweredWithItsEntry() {
        startWithGenesis(ReplicatedCluster.start(dir, 3));
        ReplicatedLedger follower = cluster.follower();

        LedgerEntry entry = commit(follower, issuer.anchor("https://issuer.example/s/2", 1));

        cluster.awaitSize(entry.index() + 1);
        assertEquals(entry, cluster.leader().node().entry(entry.index()));
        assertEquals(entry, follower.node().entry(entry.index()));
    }

    @Test
    void withoutAQuorum_aSubmissionFailsUnavailable_andCommitsOnceAQuorumIsBack() throws Exception {
        startWithGenesis(ReplicatedCluster.start(dir, 3, c -> c.withSubmitTimeout(Duration.ofMillis(1500))));
        ReplicatedLedger survivor = cluster.follower();
        List<String> others = cluster.running().stream().map(ReplicatedLedger::nodeId)
            .filter(id -> !id.equals(survivor.nodeId())).toList();
        others.forEach(cluster::stopNode);
        SignedTransaction anchor = issuer.anchor("https://issuer.example/s/3", 1);

        ExecutionException e = assertThrows(ExecutionException.class,
            () -> survivor.submit(anchor).get(30, TimeUnit.SECONDS));
        LedgerException unavailable = assertInstanceOf(LedgerException.class, e.getCause());
        assertEquals(LedgerException.Reason.UNAVAILABLE, unavailable.ledgerReason());

        others.forEach(cluster::startNode);
        cluster.leader();
        LedgerNode.Outcome retried = submit(survivor, anchor);
        assertInstanceOf(LedgerNode.Outcome.Committed.class, retried);
        assertEquals(1, cluster.leader().node().state().anchors(issuer.did(), "https://issuer.example/s/3").size(),
            "the anchor is committed once");
    }

    @Test
    void genesisNotNamingTheRaftGroup_isRefusedBeforeItIsOrdered() {
        cluster = ReplicatedCluster.start(dir, 3);
        SignedTransaction twoNodes = root.sign(new Transaction.Genesis("civitas-test", LedgerHash.SHA_256,
            Nodes.genesisNodes(List.of("node-1", "node-2")), 2, root.document(),
            Instant.now(), Actor.nonce()));

        LedgerNode.Outcome outcome = submit(cluster.leader(), twoNodes);

        assertEquals(LedgerException.Reason.MALFORMED,
            assertInstanceOf(LedgerNode.Outcome.Rejected.class, outcome).reason().ledgerReason());
        assertEquals(0, cluster.leader().node().size());
    }

    @Test
    void followerBehindThePurgedLog_fetchesTheMissingEntriesFromTheLeaderAndChecksThem() {
        startWithGenesis(ReplicatedCluster.start(dir, 3, c -> c.withSnapshotInterval(8), (config, clock) ->
            ReplicatedLedger.start(config, clock, p -> RaftServerConfigKeys.Log.setSegmentSizeMax(p,
                SizeInBytes.valueOf("8KB")))));
        ReplicatedLedger lagging = cluster.follower();
        String id = lagging.nodeId();
        cluster.stopNode(id);
        anchors(cluster.leader(), 40);
        for (ReplicatedLedger node : cluster.running()) node.takeSnapshot();

        ReplicatedLedger restarted = cluster.startNode(id);
        long size = 2 + 40;
        cluster.awaitSize(size);

        LedgerCluster.await(() -> restarted.catchUps() > 0, "the node to fetch entries from the leader: its log is gone");
        assertSameLedger(size);
        anchors(cluster.leader(), 3);
        cluster.awaitSize(size + 3);
        assertSameLedger(size + 3);
    }

    @Test
    void restartWithTheAppliedMarkBehindTheLedger_cutsBackAndAppliesTheSameEntriesAgain() throws IOException {
        startWithGenesis(ReplicatedCluster.start(dir, 3));
        anchors(cluster.leader(), 10);
        cluster.awaitSize(12);
        AppliedMark.Mark older = cluster.node("node-2").appliedMark();
        anchors(cluster.leader(), 10);
        cluster.awaitSize(22);
        cluster.close();
        // As after a crash that lost the last mark writes (they are not forced): the ledger is ahead of the mark,
        // and no snapshot was taken after it
        Path node2 = dir.resolve("node-2");
        try (AppliedMark mark = AppliedMark.open(node2.resolve("replica").resolve("applied"))) {
            mark.write(older);
            mark.write(older);
        }
        try (Stream<Path> files = Files.walk(node2.resolve("raft"))) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith("snapshot.")).toList()) Files.delete(f);
        }

        for (String id : cluster.nodeIds()) cluster.startNode(id);
        anchors(cluster.leader(), 2);

        cluster.awaitSize(24);
        assertSameLedger(24);
    }

    @Test
    void restartWithTheLedgerBehindTheAppliedMark_andNoSnapshot_appliesTheRaftLogAgainFromTheStart() throws IOException {
        startWithGenesis(ReplicatedCluster.start(dir, 3));
        anchors(cluster.leader(), 20);
        cluster.awaitSize(22);
        LedgerCluster.await(() -> cluster.node("node-2").appliedMark().ledgerSize() == 22, "node-2 to apply 22 entries");
        cluster.close();
        // As after a power loss that kept the mark's page but not the ledger's last (unforced) writes, before any
        // snapshot (a clean stop takes one, removed here)
        Path node2 = dir.resolve("node-2");
        try (Stream<Path> files = Files.walk(node2.resolve("raft"))) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith("snapshot.")).toList()) Files.delete(f);
        }
        LedgerNode.truncate(node2, 15);
        try (AppliedMark mark = AppliedMark.open(node2.resolve("replica").resolve("applied"))) {
            assertEquals(22, mark.read().ledgerSize());
        }

        for (String id : cluster.nodeIds()) cluster.startNode(id);
        anchors(cluster.leader(), 2);

        cluster.awaitSize(24);
        assertSameLedger(24);
    }

    @Test
    void directoryOfAnEmbeddedNode_isRefusedAndLeftAsItWas() {
        Path data = dir.resolve("node-1");
        try (EmbeddedCluster embedded = EmbeddedCluster.start(data)) {
            commit(embedded.writer(), embedded.genesis(root, LedgerHash.SHA_256));
            commit(embedded.writer(), issuer.create());
        }
        ReplicaConfig config = ReplicaConfig.of("node-1", Nodes.loopback(3), data, Nodes.key("node-1"));

        IllegalStateException e = assertThrows(IllegalStateException.class,
            () -> ReplicatedLedger.start(config, Clock.systemUTC()));

        assertTrue(String.valueOf(e.getMessage()).contains("no Raft log"), e.getMessage());
        try (LedgerNode node = LedgerNode.open(data, "node-1", Nodes.key("node-1"))) {
            assertEquals(2, node.size());
        }
    }

    @Test
    void quorumHead_onEveryNode_isSignedByAtLeastTwoOfTheThreeNodes() {
        startWithGenesis(ReplicatedCluster.start(dir, 3));
        anchors(cluster.leader(), 3);
        cluster.awaitSize(5);

        for (ReplicatedLedger node : cluster.running()) {
            SignedTreeHead head = awaitSignedHead(node, 5);
            LedgerTrust.HeadCheck check = node.node().trust().check(head);
            assertTrue(check.trusted(), check.reason().en());
            assertTrue(check.validSignatures() >= 2);
            assertEquals(node.node().ownHead().head(), head.head());
        }
    }

    private void assertSameLedger(long size) {
        List<ReplicatedLedger> nodes = cluster.running();
        Digest digest = nodes.get(0).node().state().digest();
        byte[] root = nodes.get(0).node().root(size);
        for (ReplicatedLedger node : nodes) {
            assertEquals(size, node.node().size(), node.nodeId());
            assertEquals(digest, node.node().state().digest(), node.nodeId());
            assertArrayEquals(root, node.node().root(size), node.nodeId());
        }
        LedgerCluster.await(() -> nodes.stream().allMatch(n -> n.appliedMark().ledgerSize() == size), "marks");
    }
}
