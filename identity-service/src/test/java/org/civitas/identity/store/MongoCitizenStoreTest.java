package org.civitas.identity.store;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import org.bson.Document;
import org.civitas.identity.citizen.Citizen;
import org.civitas.identity.citizen.CitizenState;
import org.civitas.identity.citizen.CitizenStore;
import org.civitas.identity.citizen.Device;
import org.civitas.identity.citizen.DeviceInfo;
import org.civitas.identity.citizen.DeviceState;
import org.civitas.identity.citizen.EnrolmentRecord;
import org.civitas.identity.citizen.PendingWrite;
import org.civitas.identity.did.CitizenDocuments;
import org.civitas.identity.enrolment.NationalIdHash;
import org.civitas.sdk.did.Did;
import org.civitas.sdk.did.DidDocument;
import org.civitas.sdk.key.KeyType;
import org.civitas.sdk.key.SigningKey;
import org.civitas.sdk.ledger.LedgerEntry;
import org.civitas.sdk.ledger.SignedTransaction;
import org.civitas.sdk.ledger.Transaction;
import org.civitas.testkit.InProcessMongo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The citizen record as its EnrolCitizen request's idempotency record, against the embedded MongoDB. */
class MongoCitizenStoreTest {

    private static final Did REGISTRAR = new Did("civitas", "registrar");
    private static final SecureRandom RANDOM = new SecureRandom();

    InProcessMongo mongo;
    MongoClient client;
    MongoCitizenStore store;

    @BeforeEach
    void start() {
        mongo = InProcessMongo.start();
        client = MongoClients.create(mongo.uri());
        store = new MongoCitizenStore(client.getDatabase("identity"));
    }

    @AfterEach
    void stop() {
        client.close();
        mongo.close();
    }

    @Test
    void pendingEnrolment_isFoundByItsRequestKey_notYetComplete() {
        Citizen pending = pending("EnrolCitizen|r|1");
        byte[] fingerprint = fingerprint();

        assertEquals(CitizenStore.Conflict.NONE, store.insertPending(pending, fingerprint));

        EnrolmentRecord record = store.findEnrolment("EnrolCitizen|r|1").orElseThrow();
        assertEquals(pending.did(), record.did());
        assertArrayEquals(fingerprint, record.fingerprint());
        assertEquals("EnrolCitizen|r|1", record.write().requestKey());
        assertArrayEquals(pending.pending().transaction().payload(), record.write().transaction().payload());
        assertFalse(record.complete());
        assertTrue(store.findEnrolment("EnrolCitizen|r|2").isEmpty());
    }

    @Test
    void secondRecordWithTheSameRequestKey_isARequestConflict_evenForAnotherDidAndPerson() {
        store.insertPending(pending("EnrolCitizen|r|1"), fingerprint());

        assertEquals(CitizenStore.Conflict.REQUEST, store.insertPending(pending("EnrolCitizen|r|1"), fingerprint()));
    }

    @Test
    void otherRequestForTheSameDidOrPerson_isADidOrNationalIdConflict() {
        Citizen first = pending("EnrolCitizen|r|1");
        store.insertPending(first, fingerprint());
        Citizen samePerson = pending("EnrolCitizen|r|2", first.nationalIdHash());
        Citizen sameDid = new Citizen(first.did(), CitizenState.PENDING, nationalIdHash(), first.region(), REGISTRAR,
            2, "in-person", first.proofedAt(), null, List.of(), withKey(first.pending(), "EnrolCitizen|r|3"),
            List.of(), List.of());

        assertEquals(CitizenStore.Conflict.NATIONAL_ID, store.insertPending(samePerson, fingerprint()));
        assertEquals(CitizenStore.Conflict.DID, store.insertPending(sameDid, fingerprint()));
    }

    @Test
    void completedEnrolment_answersWithTheCommittedEntry_andKeepsNoPendingWrite() {
        Citizen pending = pending("EnrolCitizen|r|1");
        store.insertPending(pending, fingerprint());
        LedgerEntry committed = LedgerEntry.of(41, Instant.parse("2026-12-03T10:15:30.123Z"),
            pending.pending().transaction());

        assertTrue(store.complete(pending.did(), pending.pending(), committed));

        EnrolmentRecord record = store.findEnrolment("EnrolCitizen|r|1").orElseThrow();
        assertTrue(record.complete());
        assertEquals(committed, record.didEntry());
        assertEquals(pending.pending().device().verificationMethod(), record.write().device().verificationMethod());
        Citizen citizen = store.find(pending.did()).orElseThrow();
        assertEquals(CitizenState.ACTIVE, citizen.state());
        assertNull(citizen.pending());
        assertTrue(store.withPendingWritesSince(Instant.now().plusSeconds(60)).isEmpty());
    }

    @Test
    void answer_survivesWritesThatReplaceTheWholeRecord() {
        Citizen pending = pending("EnrolCitizen|r|1");
        store.insertPending(pending, fingerprint());
        LedgerEntry committed = LedgerEntry.of(7, Instant.parse("2026-12-03T10:15:30Z"),
            pending.pending().transaction());
        store.complete(pending.did(), pending.pending(), committed);

        store.setPushToken(pending.did(), "device-1", "token-1");

        assertEquals("token-1", store.find(pending.did()).orElseThrow().devices().get(0).pushToken());
        assertEquals(committed, store.findEnrolment("EnrolCitizen|r|1").orElseThrow().didEntry());
    }

    @Test
    void abandonedEnrolment_freesItsRequestKey() {
        Citizen pending = pending("EnrolCitizen|r|1");
        store.insertPending(pending, fingerprint());

        store.abandon(pending.did(), pending.pending());

        assertTrue(store.findEnrolment("EnrolCitizen|r|1").isEmpty());
        assertEquals(CitizenStore.Conflict.NONE, store.insertPending(pending, fingerprint()));
    }

    @Test
    void recordsMadeBeforeRequestsWereKept_doNotCollideWithEachOther() {
        MongoCollection<Document> citizens = client.getDatabase("identity").getCollection("citizens");
        for (String requestKey : List.of("EnrolCitizen|r|1", "EnrolCitizen|r|2")) {
            Citizen citizen = pending(requestKey);
            assertEquals(CitizenStore.Conflict.NONE, store.insertPending(citizen, fingerprint()));
            citizens.updateOne(new Document("_id", citizen.did().toString()),
                new Document("$unset", new Document("enrolRequest", "").append("enrolFingerprint", "")));
        }

        assertEquals(CitizenStore.Conflict.NONE, store.insertPending(pending("EnrolCitizen|r|3"), fingerprint()));
        assertEquals(3, citizens.countDocuments());
    }

    private static Citizen pending(String requestKey) { return pending(requestKey, nationalIdHash()); }

    private static Citizen pending(String requestKey, NationalIdHash person) {
        SigningKey key = SigningKey.generate(KeyType.P256).signingKey();
        DidDocument document = CitizenDocuments.initial(key.verificationKey());
        String method = document.id() + "#device-1";
        SignedTransaction create = SignedTransaction.sign(new Transaction.DidCreate(document, "nonce-" + requestKey),
            Map.of(method, key));
        PendingWrite write = new PendingWrite(PendingWrite.Operation.ENROL, requestKey, create, Instant.now(),
            new Device("device-1", method, key.verificationKey().toMultibase(), 1, DeviceState.ACTIVE,
                DeviceInfo.unnamed(), null, null, null));
        return new Citizen(document.id(), CitizenState.PENDING, person, "310000", REGISTRAR, 2, "in-person",
            Instant.parse("2026-12-03T09:00:00Z"), null, List.of(), write, List.of(), List.of());
    }

    private static PendingWrite withKey(PendingWrite write, String requestKey) {
        return new PendingWrite(write.operation(), requestKey, write.transaction(), write.since(), write.device());
    }

    private static NationalIdHash nationalIdHash() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return NationalIdHash.of(bytes);
    }

    private static byte[] fingerprint() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
