package org.civitas.issuer.audit;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.civitas.issuer.store.AuditStore;
import org.civitas.sdk.did.Did;
import org.civitas.sdk.ledger.LedgerHash;
import org.civitas.testkit.InProcessMongo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The head shortcut is saved every {@link AuditLog#SAVE_HEAD_EVERY} links; a restarted log finds the real head. */
class AuditLogTest {

    private static final Did AGENCY = new Did("civitas", "agency-1");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T08:00:00Z"), ZoneOffset.UTC);

    private InProcessMongo mongo;
    private MongoClient client;
    private AuditStore store;

    @BeforeEach
    void start() {
        mongo = InProcessMongo.start();
        client = MongoClients.create(mongo.uri());
        store = new AuditStore(client.getDatabase("audit-log-test"));
    }

    @AfterEach
    void stop() {
        client.close();
        mongo.close();
    }

    @Test
    void aRestartedLog_walksFromTheGenesisWhenNoHeadWasSaved() {
        AuditLog first = new AuditLog(store, LedgerHash.SHA_256, CLOCK);
        first.append(AGENCY, events(0, 3), false);
        first.append(AGENCY, events(3, 2), false);

        AuditLog restarted = new AuditLog(store, LedgerHash.SHA_256, CLOCK);
        assertEquals(5, restarted.head(AGENCY).sequence());
        assertArrayEquals(first.head(AGENCY).hash(), restarted.head(AGENCY).hash());
        assertTrue(store.head(AGENCY).isEmpty(), "fewer links than SAVE_HEAD_EVERY: no shortcut saved yet");

        restarted.append(AGENCY, events(5, 1), false);
        AuditLog.Verification chain = restarted.verify(AGENCY, Set.of());
        assertTrue(chain.intact());
        assertEquals(6, chain.entriesChecked());
    }

    @Test
    void aRestartedLog_walksForwardFromALaggingSavedHead() {
        AuditLog first = new AuditLog(store, LedgerHash.SHA_256, CLOCK);
        int saved = (int) AuditLog.SAVE_HEAD_EVERY;
        first.append(AGENCY, events(0, saved), false);
        first.append(AGENCY, events(saved, 3), false);
        assertEquals(saved, store.head(AGENCY).orElseThrow().sequence(), "saved at the first SAVE_HEAD_EVERY links only");

        AuditLog restarted = new AuditLog(store, LedgerHash.SHA_256, CLOCK);
        assertEquals(saved + 3, restarted.head(AGENCY).sequence());
        assertArrayEquals(first.head(AGENCY).hash(), restarted.head(AGENCY).hash());
        restarted.append(AGENCY, events(saved + 3, 1), false);
        assertTrue(restarted.verify(AGENCY, Set.of()).intact());
    }

    private static List<AuditLog.Event> events(int from, int count) {
        List<AuditLog.Event> events = new ArrayList<>(count);
        for (int i = from; i < from + count; i++) {
            events.add(new AuditLog.Event("issue urn:uuid:" + i, "issue", "urn:uuid:" + i, "Diploma", AGENCY));
        }
        return events;
    }
}
