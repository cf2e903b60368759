package org.civitas.ledger.node;

import org.civitas.ledger.fixtures.ChildJvm;
import org.civitas.ledger.fixtures.LedgerCluster;
import org.civitas.ledger.fixtures.LedgerProcess;
import org.civitas.ledger.fixtures.Nodes;
import org.civitas.ledger.state.LedgerState;
import org.civitas.sdk.ledger.Digest;
import org.civitas.sdk.ledger.LedgerEntry;
import org.civitas.sdk.ledger.LedgerHash;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real crash of the single-node mode: a child JVM commits a burst and prints each acknowledged index; it is
 * killed with SIGKILL mid-burst, and the reopened directory must hold every acknowledged entry.
 */
class EmbeddedCrashTest {

    private static final int BURST = 20_000;

    @TempDir Path dir;

    @Test
    void killedMidBurst_reopensWithEveryAcknowledgedEntry_noTornEntry_andTheStateOfAFreshReplay() {
        Map<String, Long> acknowledged = new ConcurrentHashMap<>();
        Path data = dir.resolve("node");
        ChildJvm child = ChildJvm.start(dir.resolve("node.log"), line -> {
            String[] parts = line.split(" ");
            if (parts[0].equals("ACK")) acknowledged.put(parts[1], Long.parseLong(parts[2]));
        }, "embedded", data.toString(), Integer.toString(BURST));
        LedgerCluster.await(() -> acknowledged.size() >= 500, "500 acknowledged entries");
        child.kill();
        int seen = acknowledged.size();

        try (LedgerNode node = LedgerNode.open(data, "node-1", Nodes.key("node-1"),
                LedgerProcess.EMBEDDED_SNAPSHOT_INTERVAL)) {
            long size = node.size();
            assertTrue(size < 2 + BURST, "the kill came mid-burst (" + size + " entries)");
            assertTrue(size >= 2 + seen, size + " entries hold the " + seen + " acknowledged ones");
            LedgerState replay = new LedgerState();
            List<byte[]> leaves = new ArrayList<>();
            for (long i = 0; i < size; i++) {
                LedgerEntry entry = node.entry(i);   // every entry parses: nothing torn was kept
                assertEquals(i, entry.index());
                replay.apply(entry);
                leaves.add(LedgerHash.SHA_256.leafHash(entry.leafData()));
            }
            acknowledged.forEach((hash, index) -> assertEquals(index,
                node.state().entryIndexOf(Digest.of(Base64.getUrlDecoder().decode(hash))).orElseThrow(
                    () -> new AssertionError("acknowledged " + hash + " at " + index + " is missing"))));
            assertEquals(replay.digest(), node.state().digest());
            assertArrayEquals(root(leaves, 0, leaves.size()), node.root(size), "the tree files match the log");
        }
    }

    /** RFC 9162 §2.1.1 Merkle tree hash, computed from scratch. */
    private static byte[] root(List<byte[]> leaves, int from, int to) {
        if (to - from == 1) return leaves.get(from);
        int k = Integer.highestOneBit(to - from - 1);
        return LedgerHash.SHA_256.nodeHash(root(leaves, from, from + k), root(leaves, from + k, to));
    }
}
