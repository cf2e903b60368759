package org.civitas.server.ledger;

import org.civitas.sdk.FormatException;
import org.civitas.sdk.did.Did;
import org.civitas.sdk.key.KeyType;
import org.civitas.sdk.key.SigningKey;
import org.civitas.sdk.ledger.Digest;
import org.civitas.sdk.ledger.LedgerEntry;
import org.civitas.sdk.ledger.LedgerHash;
import org.civitas.sdk.ledger.SignedTransaction;
import org.civitas.sdk.ledger.Transaction;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Reading the ledger's answer to a submitted transaction: the same entry whether built or parsed. */
class LedgerProtosTest {

    private static final Instant COMMITTED = Instant.parse("2026-12-03T10:15:30.120Z");

    @Test
    void answerForTheSubmittedTransaction_isTheEntryTheLeafParsesTo() throws Exception {
        SignedTransaction submitted = deactivation("a");
        var proto = LedgerProtos.toProto(LedgerEntry.of(12, COMMITTED, submitted), LedgerHash.SHA_256);

        LedgerEntry read = LedgerProtos.fromProto(proto, submitted);

        LedgerEntry parsed = LedgerProtos.fromProto(proto);
        assertEquals(parsed, read);
        assertEquals(12, read.index());
        assertEquals(COMMITTED, read.committedAt());
        assertArrayEquals(parsed.leafData(), read.leafData());
        assertArrayEquals(submitted.payload(), read.signedTransaction().payload());
    }

    @Test
    void answerHoldingAnotherTransaction_isReadFromItsLeaf() throws Exception {
        SignedTransaction submitted = deactivation("a");
        LedgerEntry other = LedgerEntry.of(12, COMMITTED, deactivation("b"));

        LedgerEntry read = LedgerProtos.fromProto(LedgerProtos.toProto(other, LedgerHash.SHA_256), submitted);

        assertEquals(other, read);
        assertArrayEquals(other.signedTransaction().payload(), read.signedTransaction().payload());
    }

    @Test
    void answerWhoseIndexDisagreesWithItsLeaf_isRefusedAsBefore() {
        SignedTransaction submitted = deactivation("a");
        var proto = LedgerProtos.toProto(LedgerEntry.of(12, COMMITTED, submitted), LedgerHash.SHA_256).toBuilder()
            .setIndex(13).build();

        assertThrows(FormatException.class, () -> LedgerProtos.fromProto(proto, submitted));
    }

    @Test
    void answerWhoseTimeDisagreesWithItsLeaf_isTheLeafsEntry() throws Exception {
        SignedTransaction submitted = deactivation("a");
        LedgerEntry committed = LedgerEntry.of(12, COMMITTED, submitted);
        var proto = LedgerProtos.toProto(committed, LedgerHash.SHA_256).toBuilder()
            .setCommittedAt(LedgerProtos.timestamp(COMMITTED.plusSeconds(1))).build();

        assertEquals(committed, LedgerProtos.fromProto(proto, submitted));
        assertEquals(COMMITTED, LedgerProtos.fromProto(proto, submitted).committedAt());
    }

    private static SignedTransaction deactivation(String nonce) {
        Did did = new Did("civitas", "z6MkSubject");
        byte[] previous = new byte[32];
        previous[0] = 1;
        SigningKey key = SigningKey.generate(KeyType.ED25519).signingKey();
        return SignedTransaction.sign(new Transaction.DidDeactivate(did, Digest.of(previous), nonce),
            Map.of(did + "#key-1", key));
    }
}
