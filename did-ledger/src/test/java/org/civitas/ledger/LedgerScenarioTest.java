package org.civitas.ledger;

import org.civitas.ledger.LedgerException.Reason;
import org.civitas.ledger.fixtures.Actor;
import org.civitas.ledger.fixtures.LedgerCluster;
import org.civitas.ledger.node.LedgerNode;
import org.civitas.sdk.key.KeyType;
import org.civitas.sdk.ledger.ConsistencyProof;
import org.civitas.sdk.ledger.Digest;
import org.civitas.sdk.ledger.InclusionProof;
import org.civitas.sdk.ledger.LedgerEntry;
import org.civitas.sdk.ledger.LedgerHash;
import org.civitas.sdk.ledger.LedgerTrust;
import org.civitas.sdk.ledger.ProvenEntry;
import org.civitas.sdk.ledger.SignedTransaction;
import org.civitas.sdk.ledger.SignedTreeHead;
import org.civitas.sdk.ledger.Transaction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.civitas.ledger.fixtures.LedgerCluster.awaitSignedHead;
import static org.civitas.ledger.fixtures.LedgerCluster.commit;
import static org.civitas.ledger.fixtures.LedgerCluster.submit;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The ledger's behaviour as a client sees it through {@link Ledger#submit}, the same in both modes: each
 * subclass supplies the nodes (one embedded node; three replicated nodes on loopback).
 */
abstract class LedgerScenarioTest {

    private static final String SHANGHAI = "310000";

    @TempDir Path dir;
    LedgerCluster cluster;
    Actor root;
    LedgerEntry genesis;

    /** Starts the nodes of a ledger without a genesis yet. */
    abstract LedgerCluster start(Path directory);

    @BeforeEach
    void startLedger() {
        cluster = start(dir);
        root = Actor.generate(KeyType.ED25519);
        genesis = commit(cluster.writer(), cluster.genesis(root, LedgerHash.SHA_256));
    }

    @AfterEach
    void stopLedger() { cluster.close(); }

    @Test
    void genesis_namesTheNodesAndQuorum_andEveryNodeDerivesTheSameTrust() {
        cluster.awaitSize(1);
        for (Ledger ledger : cluster.nodes()) {
            LedgerTrust trust = ledger.node().trust();
            assertEquals(cluster.nodeIds().size(), trust.nodes().size());
            assertEquals(cluster.nodeIds().size() / 2 + 1, trust.quorum());
            assertEquals(genesis, ledger.node().entry(0));
            assertArrayEquals(cluster.nodes().get(0).node().trust().ledgerId(), trust.ledgerId());
        }
    }

    @Test
    void didsAccreditationsAndAnchors_committedThroughSubmit_areReadableOnEveryNode() {
        Actor province = Actor.generate(KeyType.SM2);
        Actor hospital = Actor.generate(KeyType.P256);
        Ledger writer = cluster.writer();
        commit(writer, province.create());
        commit(writer, hospital.create());
        Instant from = Instant.now().minusSeconds(60);
        commit(writer, root.grant(province, Transaction.Tier.PROVINCIAL_ROOT, List.of("*"), List.of(SHANGHAI), from));
        LedgerEntry agency = commit(writer, province.grant(hospital, Transaction.Tier.AGENCY,
            List.of("VaccinationCertificate"), List.of("310101"), from));
        LedgerEntry anchor = commit(writer, hospital.anchor("https://hospital.example/status/1", 1));

        cluster.awaitSize(anchor.index() + 1);
        for (Ledger ledger : cluster.nodes()) {
            var state = ledger.node().state();
            assertTrue(state.did(hospital.did()).isPresent(), ledger.node().nodeId());
            assertTrue(state.isAccreditedAgency(hospital.did(), "VaccinationCertificate", "310101", Instant.now()));
            assertEquals(1, state.anchors(hospital.did(), "https://hospital.example/status/1").size());
            assertEquals(agency, ledger.node().entry(agency.index()));
        }
    }

    @Test
    void resubmittedTransaction_isAnsweredWithTheFirstEntry_andCommittedOnce() {
        SignedTransaction create = Actor.generate(KeyType.ED25519).create();

        LedgerEntry first = commit(cluster.writer(), create);
        LedgerNode.Outcome again = submit(cluster.writer(), create);

        LedgerNode.Outcome.Committed committed = assertInstanceOf(LedgerNode.Outcome.Committed.class, again);
        assertTrue(committed.alreadyCommitted());
        assertEquals(first, committed.entry());
        assertEquals(first.index() + 1, cluster.writer().node().size());
    }

    @Test
    void invalidTransactions_areRejectedWithTheirReasons_andNeverEnterTheLog() {
        Actor issuer = Actor.generate(KeyType.ED25519);
        commit(cluster.writer(), issuer.create());
        Actor stranger = Actor.generate(KeyType.ED25519);
        long size = cluster.writer().node().size();

        assertEquals(Reason.CONFLICT, rejection(issuer.sign(new Transaction.DidCreate(issuer.document(), "again"))));
        assertEquals(Reason.REFERENCE_NOT_FOUND, rejection(stranger.anchor("https://l/1", 1)));
        assertEquals(Reason.CONFLICT, rejection(issuer.anchor("https://l/1", 2)));
        assertEquals(Reason.NOT_ACCREDITED, rejection(issuer.grant(issuer, Transaction.Tier.AGENCY,
            List.of("Diploma"), List.of(SHANGHAI), Instant.now())));
        assertEquals(Reason.CONFLICT, rejection(cluster.genesis(root, LedgerHash.SHA_256)));
        assertEquals(size, cluster.writer().node().size());
    }

    @Test
    void concurrentSubmissions_allCommitOnce_andEveryNodeHoldsTheSameStateAndRoot() throws Exception {
        Actor issuer = Actor.generate(KeyType.ED25519);
        commit(cluster.writer(), issuer.create());
        List<SignedTransaction> transactions = new ArrayList<>();
        for (int i = 0; i < 300; i++) transactions.add(issuer.anchor("https://issuer.example/status/" + i, 1));
        List<CompletableFuture<LedgerNode.Outcome>> outcomes = new ArrayList<>();
        for (int i = 0; i < transactions.size(); i++) {
            Ledger through = cluster.nodes().get(i % cluster.nodes().size());
            outcomes.add(through.submit(transactions.get(i)));
            if (i % 7 == 0) outcomes.add(through.submit(transactions.get(i)));   // a concurrent retry
        }
        Set<Long> indexes = new HashSet<>();
        for (CompletableFuture<LedgerNode.Outcome> outcome : outcomes) {
            indexes.add(assertInstanceOf(LedgerNode.Outcome.Committed.class, outcome.get(20, TimeUnit.SECONDS))
                .entry().index());
        }

        assertEquals(transactions.size(), indexes.size(), "each transaction has one entry, retries included");
        long size = 2 + transactions.size();
        cluster.awaitSize(size);
        Digest digest = cluster.nodes().get(0).node().state().digest();
        byte[] root = cluster.nodes().get(0).node().root(size);
        for (Ledger ledger : cluster.nodes()) {
            assertEquals(size, ledger.node().size(), ledger.node().nodeId());
            assertEquals(digest, ledger.node().state().digest(), ledger.node().nodeId());
            assertArrayEquals(root, ledger.node().root(size), ledger.node().nodeId());
        }
    }

    @Test
    void quorumSignedHeads_beforeAndAfterMoreWrites_areProvablyConsistent() {
        Actor issuer = Actor.generate(KeyType.P256);
        LedgerEntry created = commit(cluster.writer(), issuer.create());
        SignedTreeHead before = awaitSignedHead(cluster.writer(), created.index() + 1);
        LedgerEntry last = null;
        for (int version = 1; version <= 20; version++) {
            last = commit(cluster.writer(), issuer.anchor("https://l/9", version));
        }
        cluster.awaitSize(last.index() + 1);

        for (Ledger ledger : cluster.nodes()) {
            SignedTreeHead after = awaitSignedHead(ledger, last.index() + 1);
            LedgerTrust trust = ledger.node().trust();
            assertTrue(trust.check(before).trusted());
            assertTrue(trust.check(after).trusted(), trust.check(after).reason().en());
            ConsistencyProof proof = ledger.node().consistencyProof(before.head().treeSize(), after.head().treeSize());
            assertTrue(proof.verify(trust.hash(), before.head().rootHash(), after.head().rootHash()),
                before + " → " + after + " on " + ledger.node().nodeId());
            assertFalse(proof.verify(trust.hash(), after.head().rootHash(), before.head().rootHash()));
        }
    }

    @Test
    void everyEntry_isProvenAgainstAQuorumSignedHeadFromAnyNode_andAnAlteredEntryIsNot() throws Exception {
        Actor issuer = Actor.generate(KeyType.SM2);
        commit(cluster.writer(), issuer.create());
        LedgerEntry last = commit(cluster.writer(), issuer.anchor("https://l/2", 1));
        cluster.awaitSize(last.index() + 1);

        for (Ledger ledger : cluster.nodes()) {
            SignedTreeHead head = awaitSignedHead(ledger, last.index() + 1);
            long size = head.head().treeSize();
            LedgerTrust trust = ledger.node().trust();
            for (long i = 0; i < size; i++) {
                InclusionProof proof = ledger.node().inclusionProof(i, size);
                ProvenEntry.Verdict verdict = new ProvenEntry(ledger.node().entry(i), proof, head).check(trust);
                assertTrue(verdict.proven(), verdict.reason().en());
            }
            LedgerEntry altered = LedgerEntry.of(last.index(), last.committedAt().plusSeconds(1), last.signedTransaction());
            assertFalse(new ProvenEntry(altered, ledger.node().inclusionProof(last.index(), size), head)
                .check(trust).proven());
        }
    }

    private Reason rejection(SignedTransaction tx) {
        LedgerNode.Outcome outcome = submit(cluster.writer(), tx);
        return assertInstanceOf(LedgerNode.Outcome.Rejected.class, outcome, String.valueOf(outcome)).reason()
            .ledgerReason();
    }
}
