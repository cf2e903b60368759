package org.civitas.identity.citizen;

import io.grpc.Status;
import io.micronaut.grpc.server.GrpcEmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.civitas.identity.agency.TrustRegistry;
import org.civitas.identity.did.CitizenDocuments;
import org.civitas.identity.enrolment.NationalId;
import org.civitas.identity.enrolment.NationalIdKey;
import org.civitas.identity.fixtures.Actor;
import org.civitas.identity.fixtures.Citizens;
import org.civitas.identity.fixtures.Requests;
import org.civitas.identity.fixtures.Wallet;
import org.civitas.identity.fixtures.World;
import org.civitas.proto.identity.v1.CreateChallengeResponse;
import org.civitas.proto.identity.v1.IdentityGrpc;
import org.civitas.sdk.did.DidDocument;
import org.civitas.sdk.ledger.SignedTransaction;
import org.civitas.sdk.ledger.Transaction;
import org.civitas.testkit.LoopbackChannel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.civitas.identity.fixtures.Errors.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Pending enrolments left by a process that died (recorded as it would have left them): whoever meets one next
 * completes it from the ledger, or drops it when the ledger refuses its transaction for good.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PendingWritesTest implements TestPropertyProvider {

    World world;
    @Inject GrpcEmbeddedServer server;
    @Inject CitizenStore citizens;
    @Inject CitizenWrites writes;
    @Inject NationalIdKey nationalIdKey;
    LoopbackChannel loopback;
    Actor registrar;

    @Override
    public Map<String, String> getProperties() {
        world = World.start();
        return world.properties();
    }

    @BeforeAll
    void setUp() {
        loopback = LoopbackChannel.to(server.getPort());
        Actor root = world.provincialRoot(List.of(World.SHANGHAI));
        registrar = world.accreditedAgency(root, List.of(TrustRegistry.CITIZEN_ENROLMENT), List.of(World.SHANGHAI));
    }

    @AfterAll
    void tearDown() {
        loopback.close();
        world.close();
    }

    @Test
    void pendingEnrolmentCommittedOnTheLedger_isCompletedByTheNextRequestForThatPerson() throws Exception {
        String nationalId = Requests.nationalId();
        Wallet wallet = Wallet.p256();
        PendingWrite write = leftPending(wallet, nationalId);
        world.ledgerClient().submit(write.transaction());

        assertRefused(Status.Code.ALREADY_EXISTS, "PERSON_ALREADY_ENROLLED", () -> enrol(Wallet.p256(), nationalId));

        Citizen completed = citizens.find(wallet.did).orElseThrow();
        assertEquals(CitizenState.ACTIVE, completed.state());
        assertNull(completed.pending());
        assertEquals(world.ledgerClient().resolve(wallet.did, null).proof().entry().committedAt(),
            completed.enrolledAt());
    }

    @Test
    void pendingEnrolmentNotYetOnTheLedger_isRolledForwardBySettling() throws Exception {
        Wallet wallet = Wallet.p256();
        leftPending(wallet, Requests.nationalId());

        assertEquals(0, writes.settleAll());

        assertEquals(CitizenState.ACTIVE, citizens.find(wallet.did).orElseThrow().state());
        assertEquals(wallet.did, world.ledgerClient().resolve(wallet.did, null).document().id());
    }

    @Test
    void pendingEnrolmentTheLedgerRefuses_isDropped_andThePersonCanEnrol() throws Exception {
        String nationalId = Requests.nationalId();
        Wallet wallet = Wallet.p256();
        leftPending(wallet, nationalId);
        // the same DID created on the ledger by another transaction: the pending one can never commit
        DidDocument document = CitizenDocuments.initial(wallet.key.verificationKey());
        world.ledgerClient().submit(SignedTransaction.sign(new Transaction.DidCreate(document, "elsewhere"),
            Map.of(wallet.did + "#device-1", wallet.key)));

        Wallet newPhone = Wallet.p256();
        enrol(newPhone, nationalId);

        assertTrue(citizens.find(wallet.did).isEmpty());
        assertEquals(CitizenState.ACTIVE, citizens.find(newPhone.did).orElseThrow().state());
    }

    /** What a process that died after recording the enrolment, and before completing it, leaves in the store. */
    private PendingWrite leftPending(Wallet wallet, String nationalId) throws Exception {
        DidDocument document = CitizenDocuments.initial(wallet.key.verificationKey());
        wallet.did = document.id();
        String method = wallet.did + "#device-1";
        SignedTransaction create = SignedTransaction.sign(new Transaction.DidCreate(document, "pending-" + nationalId),
            Map.of(method, wallet.key));
        PendingWrite write = new PendingWrite(PendingWrite.Operation.ENROL, "EnrolCitizen|dead|" + nationalId, create,
            Instant.now(), new Device("device-1", method, wallet.publicKeyMultibase(), 1, DeviceState.ACTIVE,
                DeviceInfo.unnamed(), null, null, null));
        Citizen pending = new Citizen(wallet.did, CitizenState.PENDING,
            nationalIdKey.hash(NationalId.parse(nationalId, "n")), World.SHANGHAI, registrar.did(), 2, "in-person",
            Instant.now(), null, List.of(), write, List.of(), List.of());
        assertEquals(CitizenStore.Conflict.NONE, citizens.insertPending(pending, new byte[32]));
        return write;
    }

    private void enrol(Wallet wallet, String nationalId) {
        var stub = IdentityGrpc.newBlockingStub(loopback.channel()).withDeadlineAfter(20, TimeUnit.SECONDS);
        CreateChallengeResponse challenge = stub.createChallenge(Requests.enrolChallenge(wallet));
        var enrolled = stub.withCallCredentials(registrar.credentials()).enrolCitizen(Requests.enrol(
            challenge.getChallengeId(), wallet.sign(challenge), nationalId).build());
        wallet.did = Citizens.did(enrolled.getCitizenDid());
    }

}
