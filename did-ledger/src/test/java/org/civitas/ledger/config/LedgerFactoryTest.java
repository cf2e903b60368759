package org.civitas.ledger.config;

import io.micronaut.context.exceptions.ConfigurationException;
import org.civitas.ledger.Ledger;
import org.civitas.ledger.fixtures.Nodes;
import org.civitas.sdk.key.KeyType;
import org.civitas.sdk.ledger.LedgerHash;
import org.civitas.sdk.ledger.LedgerTrust;
import org.civitas.sdk.ledger.SignedTransaction;
import org.civitas.sdk.ledger.SignedTreeHead;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The ledger a node's configuration opens: one embedded node, or a member of a Raft group founded from its files. */
class LedgerFactoryTest {

    @TempDir
    Path dir;

    @Test
    void embeddedMode_emptyDirectory_commitsTheGenesisOnce() throws Exception {
        LedgerInit.Founded founded = LedgerInit.create(dir.resolve("files"), "test", 1, LedgerHash.SHA_256,
            KeyType.ED25519, Clock.systemUTC());
        LedgerConfiguration config = new LedgerConfiguration("embedded", dir.resolve("node-1"), "node-1",
            founded.nodeKeyFiles().get(0), founded.genesisFile(), null, null, null);
        try (Ledger ledger = new LedgerFactory().ledger(config, Clock.systemUTC())) {
            assertEquals(1, ledger.node().size());
        }
        try (Ledger reopened = new LedgerFactory().ledger(config, Clock.systemUTC())) {
            assertEquals(1, reopened.node().size(), "the genesis is not committed again on reopening");
        }
    }

    @Test
    void unknownMode_isRefusedNamingTheChoices() throws Exception {
        LedgerInit.Founded founded = LedgerInit.create(dir.resolve("files"), "test", 1, LedgerHash.SHA_256,
            KeyType.ED25519, Clock.systemUTC());
        LedgerConfiguration config = new LedgerConfiguration("sharded", dir.resolve("node-1"), "node-1",
            founded.nodeKeyFiles().get(0), founded.genesisFile(), null, null, null);
        ConfigurationException e = assertThrows(ConfigurationException.class,
            () -> new LedgerFactory().ledger(config, Clock.systemUTC()));
        assertTrue(e.getMessage().contains("'embedded' or 'replicated'"), e.getMessage());
    }

    @Test
    void replicatedMode_withoutPeers_isRefusedSayingWhatToSet() throws Exception {
        LedgerInit.Founded founded = LedgerInit.create(dir.resolve("files"), "test", 3, LedgerHash.SHA_256,
            KeyType.ED25519, Clock.systemUTC());
        LedgerConfiguration config = new LedgerConfiguration("replicated", dir.resolve("node-1"), "node-1",
            founded.nodeKeyFiles().get(0), founded.genesisFile(), Map.of(), null, null);
        ConfigurationException e = assertThrows(ConfigurationException.class,
            () -> new LedgerFactory().ledger(config, Clock.systemUTC()));
        assertTrue(e.getMessage().contains("civitas.ledger.peers.<node id>"), e.getMessage());
    }

    @Test
    void replicatedMode_threeNodesStartedApart_commitTheGenesisAndSignHeadsWithAQuorum() throws Exception {
        LedgerInit.Founded founded = LedgerInit.create(dir.resolve("files"), "test", 3, LedgerHash.SHA_256,
            KeyType.ED25519, Clock.systemUTC());
        Map<String, String> peers = Nodes.loopback(3);
        LedgerTrust trust = LedgerTrust.fromGenesis(SignedTransaction.parseJson(
            Files.readString(founded.genesisFile(), StandardCharsets.UTF_8)));
        List<Ledger> nodes = new ArrayList<>();
        try {
            for (int i = 1; i <= 3; i++) {
                LedgerConfiguration config = new LedgerConfiguration("replicated", dir.resolve("node-" + i),
                    "node-" + i, founded.nodeKeyFiles().get(i - 1), founded.genesisFile(), peers,
                    Duration.ofMillis(150), null);
                nodes.add(new LedgerFactory().ledger(config, Clock.systemUTC()));
            }
            for (Ledger node : nodes) {
                SignedTreeHead head = awaitQuorumHead(node);
                assertEquals(1, head.head().treeSize());
                assertTrue(trust.check(head).trusted(), () -> trust.check(head).reason().en());
            }
        } finally {
            for (Ledger node : nodes) node.close();
        }
    }

    private static SignedTreeHead awaitQuorumHead(Ledger node) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            SignedTreeHead head = node.latestSignedHead();
            if (head != null && head.head().treeSize() > 0) return head;
            Thread.sleep(50);
        }
        throw new AssertionError("no quorum-signed head within 30 s");
    }
}
