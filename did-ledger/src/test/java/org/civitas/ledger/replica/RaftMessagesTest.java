package org.civitas.ledger.replica;

import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.civitas.ledger.LedgerException;
import org.civitas.ledger.fixtures.Actor;
import org.civitas.ledger.node.LedgerNode;
import org.civitas.sdk.key.KeyType;
import org.civitas.sdk.ledger.LedgerEntry;
import org.civitas.sdk.ledger.SignedTransaction;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RaftMessagesTest {

    private final Actor issuer = Actor.generate(KeyType.ED25519);
    private final Instant at = Instant.parse("2026-12-01T08:00:00.123Z");

    @Test
    void batchStampedIntoAnEntry_readsBackTheSameTransactionsAndTime() {
        List<SignedTransaction> batch = List.of(issuer.create(), issuer.anchor("https://l/1", 1));
        ByteString request = RaftMessages.batch(batch);
        RaftMessages.checkBatch(request);

        RaftMessages.Batch entry = RaftMessages.readEntry(RaftMessages.entry(at, request));

        assertEquals(at, entry.timestamp());
        assertEquals(2, entry.transactions().size());
        for (int i = 0; i < 2; i++) {
            assertArrayEquals(batch.get(i).payload(), entry.transactions().get(i).payload());
            assertEquals(batch.get(i).signatures(), entry.transactions().get(i).signatures());
        }
    }

    @Test
    void batchCutShort_isRefusedBeforeItReachesTheLog() {
        ByteString request = RaftMessages.batch(List.of(issuer.create()));
        ByteString cut = request.substring(0, request.size() - 3);
        ByteString longer = request.concat(ByteString.copyFromUtf8("x"));

        assertThrows(IllegalArgumentException.class, () -> RaftMessages.checkBatch(cut));
        assertThrows(IllegalArgumentException.class, () -> RaftMessages.checkBatch(longer));
    }

    @Test
    void entryWithAPayloadThatDoesNotParse_keepsItsPlaceAsAProblem() {
        byte[] request = RaftMessages.batch(List.of(issuer.anchor("https://l/1", 1))).toByteArray();
        request[1 + 4 + 4] = '[';   // the payload's first byte, after kind, count and length: no longer an object

        RaftMessages.Batch entry = RaftMessages.readEntry(RaftMessages.entry(at, ByteString.copyFrom(request)));

        assertNull(entry.transactions().get(0));
        assertTrue(entry.problems().get(0) != null);
    }

    @Test
    void outcomes_travelBackAsCommittedAlreadyCommittedAndRejected() {
        SignedTransaction created = issuer.create();
        SignedTransaction anchored = issuer.anchor("https://l/1", 1);
        SignedTransaction refused = issuer.anchor("https://l/1", 5);
        LedgerEntry first = LedgerEntry.of(7, at, created);
        LedgerEntry earlier = LedgerEntry.of(3, at.minusSeconds(9), anchored);
        List<LedgerNode.Outcome> outcomes = List.of(new LedgerNode.Outcome.Committed(first, false),
            new LedgerNode.Outcome.Committed(earlier, true),
            new LedgerNode.Outcome.Rejected(new LedgerException(LedgerException.Reason.CONFLICT, "version gap")));

        List<LedgerNode.Outcome> read = RaftMessages.readOutcomes(RaftMessages.outcomes(outcomes),
            List.of(created, anchored, refused));

        assertEquals(first, assertInstanceOf(LedgerNode.Outcome.Committed.class, read.get(0)).entry());
        LedgerNode.Outcome.Committed again = assertInstanceOf(LedgerNode.Outcome.Committed.class, read.get(1));
        assertTrue(again.alreadyCommitted());
        assertEquals(earlier, again.entry());
        LedgerException reason = assertInstanceOf(LedgerNode.Outcome.Rejected.class, read.get(2)).reason();
        assertEquals(LedgerException.Reason.CONFLICT, reason.ledgerReason());
        assertEquals("version gap", reason.getMessage());
    }

    @Test
    void outcomesForAnotherNumberOfTransactions_areRefused() {
        ByteString reply = RaftMessages.outcomes(List.of());

        assertThrows(IllegalStateException.class, () -> RaftMessages.readOutcomes(reply, List.of(issuer.create())));
    }
}
