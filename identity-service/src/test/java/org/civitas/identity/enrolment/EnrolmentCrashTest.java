package org.civitas.identity.enrolment;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.bson.Document;
import org.civitas.identity.agency.TrustRegistry;
import org.civitas.identity.config.CrashPoint;
import org.civitas.identity.fixtures.Actor;
import org.civitas.identity.fixtures.ChildService;
import org.civitas.identity.fixtures.Requests;
import org.civitas.identity.fixtures.Wallet;
import org.civitas.identity.fixtures.World;
import org.civitas.proto.identity.v1.CreateChallengeResponse;
import org.civitas.proto.identity.v1.EnrolCitizenRequest;
import org.civitas.proto.identity.v1.EnrolCitizenResponse;
import org.civitas.proto.identity.v1.IdentityGrpc;
import org.civitas.sdk.did.Did;
import org.civitas.sdk.ledger.CivitasDid;
import org.civitas.server.ledger.LedgerClient;
import org.civitas.server.ledger.LedgerProtos;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.civitas.identity.fixtures.Errors.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The process dies between the ledger commit of a citizen's DID and the completion of its record (halted at
 * {@link CrashPoint#ENROLMENT_AFTER_LEDGER} in a child JVM): the record is completed from the ledger at the next
 * start, never left half-enrolled. (Completion by the next request, and the roll-back of a write the ledger refuses,
 * are in {@code PendingWritesTest}, in-process.)
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EnrolmentCrashTest {

    World world;
    MongoClient mongo;
    Actor registrar;
    ChildService restarted;

    @BeforeAll
    void setUp() {
        world = World.start();
        mongo = MongoClients.create(world.mongo.uri());
        Actor root = world.provincialRoot(List.of(World.SHANGHAI));
        registrar = world.accreditedAgency(root, List.of(TrustRegistry.CITIZEN_ENROLMENT), List.of(World.SHANGHAI));
    }

    @AfterAll
    void tearDown() {
        if (restarted != null) restarted.close();
        mongo.close();
        world.close();
    }

    @Test
    void crashAfterTheLedgerCommit_leavesAPendingRecord_thatTheNextStartCompletes() throws Exception {
        Wallet wallet = Wallet.p256();
        String nationalId = Requests.nationalId();
        EnrolCitizenRequest lost = crashWhileEnrolling(wallet, nationalId);
        Did did = CivitasDid.of(wallet.key.verificationKey());
        assertEquals("PENDING", record(did).getString("state"));

        restarted = ChildService.start(world, null);

        Document record = awaitState(did, "ACTIVE");
        LedgerClient.Resolution onLedger = world.ledgerClient().resolve(did, null);
        assertEquals(onLedger.proof().entry().committedAt(), record.getDate("enrolledAt").toInstant());
        assertEquals(did + "#device-1", record.getList("devices", Document.class).get(0).getString("method"));
        assertRefused(Status.Code.ALREADY_EXISTS, "PERSON_ALREADY_ENROLLED",
            () -> enrolThrough(restarted, Wallet.p256(), nationalId));
        // the registrar's retry of the call that died gets the enrolment the restart completed
        EnrolCitizenResponse retried = IdentityGrpc.newBlockingStub(restarted.channel().channel())
            .withDeadlineAfter(30, TimeUnit.SECONDS).withCallCredentials(registrar.credentials()).enrolCitizen(lost);
        assertEquals(did.toString(), retried.getCitizenDid());
        assertEquals(onLedger.proof().entry().index(), retried.getDidEntry().getIndex());
        assertEquals(onLedger.proof().entry(), LedgerProtos.fromProto(retried.getDidEntry()));
    }

    /** Enrols through a child armed to halt after the ledger commit; answers the request that got no answer. */
    private EnrolCitizenRequest crashWhileEnrolling(Wallet wallet, String nationalId) throws InterruptedException {
        EnrolCitizenRequest[] sent = new EnrolCitizenRequest[1];
        try (ChildService doomed = ChildService.start(world, CrashPoint.ENROLMENT_AFTER_LEDGER)) {
            StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                () -> enrolThrough(doomed, wallet, nationalId, sent));
            assertEquals(Status.Code.UNAVAILABLE, e.getStatus().getCode(), doomed.output());
            assertEquals(137, doomed.awaitExit());
        }
        Did did = CivitasDid.of(wallet.key.verificationKey());
        assertEquals(did, world.ledgerClient().resolve(did, null).document().id(), "the DID is on the ledger");
        return sent[0];
    }

    private void enrolThrough(ChildService child, Wallet wallet, String nationalId) {
        enrolThrough(child, wallet, nationalId, new EnrolCitizenRequest[1]);
    }

    /** Sends an enrolment; {@code sent[0]} holds the request even when the call fails. */
    private EnrolCitizenRequest enrolThrough(ChildService child, Wallet wallet, String nationalId,
                                             EnrolCitizenRequest[] sent) {
        var stub = IdentityGrpc.newBlockingStub(child.channel().channel()).withDeadlineAfter(30, TimeUnit.SECONDS);
        CreateChallengeResponse challenge = stub.createChallenge(Requests.enrolChallenge(wallet));
        sent[0] = Requests.enrol(challenge.getChallengeId(), wallet.sign(challenge), nationalId).build();
        stub.withCallCredentials(registrar.credentials()).enrolCitizen(sent[0]);
        return sent[0];
    }

    private Document record(Did did) {
        return mongo.getDatabase("identity").getCollection("citizens").find(new Document("_id", did.toString()))
            .first();
    }

    private Document awaitState(Did did, String state) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        Document record = record(did);
        while (!state.equals(record.getString("state")) && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
            record = record(did);
        }
        assertEquals(state, record.getString("state"), restarted.output());
        return record;
    }
}
