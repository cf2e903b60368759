package org.civitas.ledger.node;

import org.civitas.ledger.fixtures.Actor;
import org.civitas.ledger.fixtures.TestLedger;
import org.civitas.ledger.state.LedgerState;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LedgerNodeTest {

    @TempDir Path dir;

    @ParameterizedTest
    @EnumSource(LedgerHash.class)
    void reopen_rebuildsExactlyTheSameStateTreeAndEntries(LedgerHash hash) {
        List<Digest> digests = new ArrayList<>();
        List<byte[]> roots = new ArrayList<>();
        try (TestLedger ledger = TestLedger.start(dir, hash)) {
            populate(ledger, 40);
            digests.add(ledger.node.state().digest());
            roots.add(ledger.node.root(ledger.node.size()));
            ledger.reopen();
            digests.add(ledger.node.state().digest());
            roots.add(ledger.node.root(ledger.node.size()));
            assertEquals(41, ledger.node.size());
        }
        assertEquals(digests.get(0), digests.get(1), "replaying the log rebuilds the same state");
        assertArrayEquals(roots.get(0), roots.get(1));
    }

    @Test
    void replayOfTheLogIntoAFreshState_equalsTheLiveState() throws Exception {
        try (TestLedger ledger = TestLedger.start(dir, LedgerHash.SHA_256)) {
            populate(ledger, 25);
            LedgerState replayed = new LedgerState();
            for (long i = 0; i < ledger.node.size(); i++) replayed.apply(ledger.node.entry(i));

            assertEquals(ledger.node.state().digest(), replayed.digest());
        }
    }

    @Test
    void snapshotWrittenInTheBackground_isWhereTheNextOpenStarts_andGivesTheSameState() throws Exception {
        Digest digest;
        try (TestLedger ledger = TestLedger.start(dir, LedgerHash.SM3)) {
            ledger.node.close();
            ledger.node = LedgerNode.open(dir, "node-1", ledger.nodeKey, 10);
            populate(ledger, 24);
            digest = ledger.node.state().digest();
        }
        List<Path> snapshots = snapshotFiles();
        assertTrue(!snapshots.isEmpty() && snapshots.size() <= 2, "the newest snapshots are kept: " + snapshots);

        try (LedgerNode node = LedgerNode.open(dir, "node-1", TestLedger.nodeKey(), 10)) {
            assertTrue(node.restoredFromSnapshot() >= 10, "restored from " + node.restoredFromSnapshot());
            assertEquals(digest, node.state().digest(), "snapshot + replayed tail = the state of a full replay");
            assertEquals(25, node.size());
        }
    }

    @Test
    void damagedSnapshot_isSkippedAndTheLogReplayed() throws Exception {
        Digest digest;
        try (TestLedger ledger = TestLedger.start(dir, LedgerHash.SHA_256)) {
            ledger.node.close();
            ledger.node = LedgerNode.open(dir, "node-1", ledger.nodeKey, 10);
            populate(ledger, 12);
            digest = ledger.node.state().digest();
        }
        for (Path snapshot : snapshotFiles()) {
            byte[] bytes = Files.readAllBytes(snapshot);
            bytes[bytes.length / 2] ^= 0x55;
            Files.write(snapshot, bytes);
        }

        try (LedgerNode node = LedgerNode.open(dir, "node-1", TestLedger.nodeKey(), 10)) {
            assertEquals(0, node.restoredFromSnapshot(), "a damaged snapshot is never used");
            assertEquals(digest, node.state().digest());
        }
    }

    @Test
    void snapshotOfALogThatWasCutAndGrewDifferently_isSkipped() throws Exception {
        try (TestLedger ledger = TestLedger.start(dir, LedgerHash.SHA_256)) {
            ledger.node.close();
            ledger.node = LedgerNode.open(dir, "node-1", ledger.nodeKey, 10);
            populate(ledger, 12);
        }
        LedgerNode.truncate(dir, 5);
        Digest digest;
        try (TestLedger ledger = TestLedger.reopen(dir)) {
            populate(ledger, 10);    // other entries at the snapshot's positions
            digest = ledger.node.state().digest();
        }

        try (LedgerNode node = LedgerNode.open(dir, "node-1", TestLedger.nodeKey(), 0)) {
            assertEquals(0, node.restoredFromSnapshot(), "the snapshot's last entry is not the log's any more");
            assertEquals(digest, node.state().digest());
        }
    }

    private List<Path> snapshotFiles() throws Exception {
        // written in the background: wait for the file to appear under its final name
        Path directory = dir.resolve("snapshot");
        for (int i = 0; i < 100; i++) {
            if (Files.isDirectory(directory)) {
                try (Stream<Path> files = Files.list(directory)) {
                    List<Path> done = files.filter(p -> p.toString().endsWith(".snap")).toList();
                    if (!done.isEmpty()) return done;
                }
            }
            Thread.sleep(50);
        }
        return List.of();
    }

    @Test
    void lostTreeFiles_areRebuiltFromTheLog() throws IOException {
        byte[] root;
        try (TestLedger ledger = TestLedger.start(dir, LedgerHash.SHA_256)) {
            populate(ledger, 30);
            root = ledger.node.root(ledger.node.size());
            ledger.node.close();
            try (Stream<Path> files = Files.list(dir.resolve("tree"))) {
                for (Path f : files.toList()) Files.delete(f);
            }
            ledger.node = LedgerNode.open(dir, "node-1", ledger.nodeKey);

            assertArrayEquals(root, ledger.node.root(ledger.node.size()));
        }
    }

    @Test
    void truncate_thenReopen_rebuildsTheStateAndTreeOfThatSize() {
        Digest digest;
        byte[] root;
        try (TestLedger ledger = TestLedger.start(dir, LedgerHash.SHA_256)) {
            populate(ledger, 20);
            digest = ledger.node.state().digest();
            root = ledger.node.root(21);
            populate(ledger, 10);
        }

        LedgerNode.truncate(dir, 21);

        try (TestLedger reopened = reopen()) {
            assertEquals(21, reopened.node.size());
            assertEquals(digest, reopened.node.state().digest());
            assertArrayEquals(root, reopened.node.root(21));
        }
        assertThrows(IllegalStateException.class, () -> LedgerNode.truncate(dir, 22),
            "a log shorter than what was applied is damage, not something to cut");
    }

    @Test
    void tornRecordAtTheEnd_isCutOffAndEverythingBeforeItKept() throws IOException {
        long size;
        Digest digest;
        try (TestLedger ledger = TestLedger.start(dir, LedgerHash.SHA_256)) {
            populate(ledger, 10);
            size = ledger.node.size();
            digest = ledger.node.state().digest();
        }
        Path segment = onlySegment();
        long intact = Files.size(segment);
        try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            // a record header promising 500 bytes, followed by only 20 of them: a write cut by a crash
            channel.write(ByteBuffer.allocate(16 + 20).putInt(500).putInt(7).putLong(size).rewind());
        }

        try (TestLedger reopened = reopen()) {
            assertEquals(size, reopened.node.size());
            assertEquals(digest, reopened.node.state().digest());
            assertEquals(intact, Files.size(segment), "the torn tail is gone from the file");
            reopened.commit(Actor.generate(KeyType.ED25519).create());
            assertEquals(size + 1, reopened.node.size(), "and the ledger goes on after it");
        }
    }

    @Test
    void corruptionBeforeTheEnd_stopsTheNodeInsteadOfLosingEntries() throws IOException {
        try (TestLedger ledger = TestLedger.start(dir, LedgerHash.SHA_256)) {
            populate(ledger, 10);
        }
        Path segment = onlySegment();
        try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(new byte[] {(byte) 0xFF}), 100);
        }

        java.io.UncheckedIOException e = assertThrows(java.io.UncheckedIOException.class, this::reopenNode);
        assertTrue(rootMessage(e).contains("restore"), rootMessage(e));
    }

    @Test
    void proofsFromTheNode_verifyWithTheSdkAgainstItsSignedHead() {
        try (TestLedger ledger = TestLedger.start(dir, LedgerHash.SM3)) {
            populate(ledger, 20);
            SignedTreeHead head = ledger.node.ownHead();
            LedgerTrust trust = new LedgerTrust(ledger.node.state().ledgerId().bytes(), LedgerHash.SM3,
                Map.of("node-1", ledger.nodeKey.verificationKey()), 1);
            long size = head.head().treeSize();

            for (long i = 0; i < size; i++) {
                LedgerEntry entry = ledger.node.entry(i);
                InclusionProof proof = ledger.node.inclusionProof(i, size);
                assertTrue(new ProvenEntry(entry, proof, head).check(trust).proven(), "entry " + i);
            }
            for (long m = 1; m < size; m++) {
                ConsistencyProof proof = ledger.node.consistencyProof(m, size);
                assertTrue(proof.verify(LedgerHash.SM3, ledger.node.root(m), head.head().rootHash()), m + " -> " + size);
            }
        }
    }

    @Test
    void batchWithDuplicatesAndRejections_commitsEachValidTransactionOnce() {
        try (TestLedger ledger = TestLedger.start(dir, LedgerHash.SHA_256)) {
            Actor a = Actor.generate(KeyType.ED25519);
            SignedTransaction create = a.create();
            List<LedgerNode.Outcome> outcomes = ledger.node.apply(ledger.now().plusSeconds(5),
                List.of(create, a.anchor("https://l/1", 1), create, a.anchor("https://l/1", 5)));

            assertTrue(outcomes.get(0) instanceof LedgerNode.Outcome.Committed c && !c.alreadyCommitted());
            assertTrue(outcomes.get(1) instanceof LedgerNode.Outcome.Committed, "sees the DID created earlier in the batch");
            assertTrue(outcomes.get(2) instanceof LedgerNode.Outcome.Committed c && c.alreadyCommitted());
            assertTrue(outcomes.get(3) instanceof LedgerNode.Outcome.Rejected);
            assertEquals(3, ledger.node.size());
        }
    }

    /** Creates DIDs and anchors: {@code count} entries after the genesis. */
    static void populate(TestLedger ledger, int count) {
        Actor issuer = Actor.generate(KeyType.ED25519);
        ledger.commit(issuer.create());
        for (int i = 1; i < count; i++) {
            if (i % 2 == 0) ledger.commit(Actor.generate(i % 3 == 0 ? KeyType.SM2 : KeyType.P256).create());
            else ledger.commit(issuer.anchor("https://issuer.example/status/1", (i + 1) / 2));
        }
    }

    private Path onlySegment() throws IOException {
        try (Stream<Path> files = Files.list(dir.resolve("log"))) {
            return files.filter(p -> p.toString().endsWith(".segment")).findFirst().orElseThrow();
        }
    }

    private TestLedger reopen() {
        return TestLedger.reopen(dir);
    }

    private void reopenNode() {
        TestLedger.reopen(dir).close();
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        StringBuilder all = new StringBuilder();
        while (t != null) {
            all.append(t.getMessage()).append(" | ");
            t = t.getCause();
        }
        return all.toString();
    }
}
