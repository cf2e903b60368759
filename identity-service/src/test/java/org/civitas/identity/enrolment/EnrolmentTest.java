package org.civitas.identity.enrolment;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.micronaut.grpc.server.GrpcEmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.bson.Document;
import org.bson.types.Binary;
import org.civitas.identity.agency.TrustRegistry;
import org.civitas.identity.fixtures.Actor;
import org.civitas.identity.fixtures.Errors;
import org.civitas.identity.fixtures.MutableClock;
import org.civitas.identity.fixtures.Requests;
import org.civitas.identity.fixtures.Wallet;
import org.civitas.identity.fixtures.World;
import org.civitas.proto.identity.v1.CreateChallengeResponse;
import org.civitas.proto.identity.v1.EnrolCitizenRequest;
import org.civitas.proto.identity.v1.EnrolCitizenResponse;
import org.civitas.proto.identity.v1.IdentityGrpc;
import org.civitas.sdk.did.Did;
import org.civitas.sdk.did.DidDocument;
import org.civitas.sdk.did.Relationship;
import org.civitas.sdk.key.KeyType;
import org.civitas.sdk.ledger.CivitasDid;
import org.civitas.testkit.LoopbackChannel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.civitas.identity.fixtures.Errors.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Citizen enrolment through the generated stub, against the real server, ledger, Redis and embedded MongoDB. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EnrolmentTest implements TestPropertyProvider {

    World world;
    @Inject GrpcEmbeddedServer server;
    @Inject MutableClock clock;
    LoopbackChannel loopback;
    MongoClient mongo;
    Actor root;
    Actor registrar;
    Actor healthBureau;

    @Override
    public Map<String, String> getProperties() {
        world = World.start();
        return world.properties();
    }

    @BeforeAll
    void setUp() {
        loopback = LoopbackChannel.to(server.getPort());
        mongo = MongoClients.create(world.mongo.uri());
        root = world.provincialRoot(List.of(World.SHANGHAI));
        registrar = world.accreditedAgency(root, List.of(TrustRegistry.CITIZEN_ENROLMENT), List.of(World.SHANGHAI));
        healthBureau = world.accreditedAgency(root, List.of("HealthInsuranceCard"), List.of(World.SHANGHAI));
    }

    @AfterAll
    void tearDown() {
        mongo.close();
        loopback.close();
        world.close();
    }

    @ParameterizedTest
    @EnumSource(KeyType.class)
    void enrolCitizen_walletKeyOfEachType_registersTheDidWithTheKeyAsDevice1(KeyType type) throws Exception {
        Wallet wallet = new Wallet(type);
        CreateChallengeResponse challenge = anonymous().createChallenge(Requests.enrolChallenge(wallet));

        EnrolCitizenResponse enrolled = as(registrar).enrolCitizen(Requests.enrol(challenge.getChallengeId(),
            wallet.sign(challenge), Requests.nationalId()).build());

        Did did = CivitasDid.of(wallet.key.verificationKey());
        assertEquals(did.toString(), challenge.getDid());
        assertEquals(did.toString(), enrolled.getCitizenDid());
        assertEquals("device-1", enrolled.getDeviceId());
        assertEquals(did + "#device-1", enrolled.getVerificationMethod());
        DidDocument onLedger = world.ledgerClient().resolve(did, null).document();
        for (Relationship r : List.of(Relationship.AUTHENTICATION, Relationship.ASSERTION_METHOD,
                Relationship.CAPABILITY_INVOCATION)) {
            assertTrue(onLedger.authorizes(did + "#device-1", r), r.property());
        }
        assertEquals(wallet.key.verificationKey(), onLedger.verificationMethod("#device-1").orElseThrow().key());
        assertEquals(enrolled.getDidEntry().getIndex(),
            world.ledgerClient().resolve(did, null).proof().entry().index());
    }

    @Test
    void enrolCitizen_record_keepsTheNationalIdOnlyAsAKeyedHash() {
        String nationalId = Requests.nationalId();
        EnrolCitizenResponse enrolled = enrol(Wallet.p256(), nationalId);

        Document record = mongo.getDatabase("identity").getCollection("citizens")
            .find(new Document("_id", enrolled.getCitizenDid())).first();
        assertEquals("ACTIVE", record.getString("state"));
        assertEquals(32, ((Binary) record.get("nidHash")).getData().length);
        assertFalse(record.toJson().contains(nationalId.substring(0, 17)), "the number itself is stored");
        for (String collection : List.of("citizens", "requests")) {
            for (Document d : mongo.getDatabase("identity").getCollection(collection).find()) {
                assertFalse(d.toJson().contains(nationalId.substring(0, 17)), collection + " holds the number");
            }
        }
    }

    @Test
    void enrolCitizen_retriedWithTheSameRequestId_answersTheFirstEnrolment() {
        Wallet wallet = Wallet.p256();
        CreateChallengeResponse challenge = anonymous().createChallenge(Requests.enrolChallenge(wallet));
        EnrolCitizenRequest request = Requests.enrol(challenge.getChallengeId(), wallet.sign(challenge),
            Requests.nationalId()).build();

        EnrolCitizenResponse first = as(registrar).enrolCitizen(request);
        EnrolCitizenResponse retry = as(registrar).enrolCitizen(request);

        assertEquals(first, retry);
    }

    @Test
    void enrolCitizen_sameRequestIdWithOtherContent_isAlreadyExists() {
        Wallet wallet = Wallet.p256();
        CreateChallengeResponse challenge = anonymous().createChallenge(Requests.enrolChallenge(wallet));
        EnrolCitizenRequest request = Requests.enrol(challenge.getChallengeId(), wallet.sign(challenge),
            Requests.nationalId()).build();
        as(registrar).enrolCitizen(request);

        assertRefused(Status.Code.ALREADY_EXISTS, "REQUEST_ID_REUSED", () -> as(registrar).enrolCitizen(
            request.toBuilder().setRegion(World.PUDONG).build()));
    }

    @Test
    void enrolCitizen_sameRequestIdForAnotherChallenge_isAlreadyExists() {
        Wallet wallet = Wallet.p256();
        CreateChallengeResponse challenge = anonymous().createChallenge(Requests.enrolChallenge(wallet));
        EnrolCitizenRequest request = Requests.enrol(challenge.getChallengeId(), wallet.sign(challenge),
            Requests.nationalId()).build();
        as(registrar).enrolCitizen(request);
        Wallet other = Wallet.p256();
        CreateChallengeResponse otherChallenge = anonymous().createChallenge(Requests.enrolChallenge(other));

        assertRefused(Status.Code.ALREADY_EXISTS, "REQUEST_ID_REUSED", () -> as(registrar).enrolCitizen(
            Requests.enrol(otherChallenge.getChallengeId(), other.sign(otherChallenge), Requests.nationalId())
                .setRequestId(request.getRequestId()).build()));
        assertEquals(0, mongo.getDatabase("identity").getCollection("citizens")
            .countDocuments(new Document("_id", otherChallenge.getDid())));
    }

    @Test
    void enrolCitizen_retriedAfterItsChallengeIsGone_stillAnswersTheFirstEnrolment() {
        Wallet wallet = Wallet.p256();
        CreateChallengeResponse challenge = anonymous().createChallenge(Requests.enrolChallenge(wallet));
        EnrolCitizenRequest request = Requests.enrol(challenge.getChallengeId(), wallet.sign(challenge),
            Requests.nationalId()).build();
        EnrolCitizenResponse first = as(registrar).enrolCitizen(request);
        forgetChallenge(challenge.getChallengeId());

        assertEquals(first, as(registrar).enrolCitizen(request));
        assertRefused(Status.Code.ALREADY_EXISTS, "REQUEST_ID_REUSED", () -> as(registrar).enrolCitizen(
            request.toBuilder().setRegion(World.PUDONG).build()));
    }

    @Test
    void enrolCitizen_retriedConcurrently_everyCallGetsTheOneEnrolment() throws Exception {
        Wallet wallet = Wallet.p256();
        CreateChallengeResponse challenge = anonymous().createChallenge(Requests.enrolChallenge(wallet));
        EnrolCitizenRequest request = Requests.enrol(challenge.getChallengeId(), wallet.sign(challenge),
            Requests.nationalId()).build();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<EnrolCitizenResponse>> calls = new java.util.ArrayList<>();
            for (int i = 0; i < 4; i++) calls.add(pool.submit(() -> as(registrar).enrolCitizen(request)));
            EnrolCitizenResponse first = calls.get(0).get();
            for (var call : calls) assertEquals(first, call.get());
            assertEquals(challenge.getDid(), first.getCitizenDid());
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void enrolCitizen_samePersonWithAnotherDevice_isAlreadyExistsPersonAlreadyEnrolled() {
        String nationalId = Requests.nationalId();
        enrol(Wallet.p256(), nationalId);
        Wallet second = Wallet.p256();
        CreateChallengeResponse challenge = anonymous().createChallenge(Requests.enrolChallenge(second));

        assertRefused(Status.Code.ALREADY_EXISTS, "PERSON_ALREADY_ENROLLED", () -> as(registrar).enrolCitizen(
            Requests.enrol(challenge.getChallengeId(), second.sign(challenge), nationalId.toLowerCase()).build()));
    }

    @Test
    void createChallenge_forAnEnrolledKey_isAlreadyExists() {
        Wallet wallet = Wallet.p256();
        enrol(wallet, Requests.nationalId());

        assertRefused(Status.Code.ALREADY_EXISTS, "DID_ALREADY_ENROLLED",
            () -> anonymous().createChallenge(Requests.enrolChallenge(wallet)));
    }

    @Test
    void enrolCitizen_challengeAnsweredByASecondRequest_isFailedPreconditionChallengeUsed() {
        Wallet wallet = Wallet.p256();
        CreateChallengeResponse challenge = anonymous().createChallenge(Requests.enrolChallenge(wallet));
        as(registrar).enrolCitizen(Requests.enrol(challenge.getChallengeId(), wallet.sign(challenge),
            Requests.nationalId()).build());

        assertRefused(Status.Code.FAILED_PRECONDITION, "CHALLENGE_USED", () -> as(registrar).enrolCitizen(
            Requests.enrol(challenge.getChallengeId(), wallet.sign(challenge), Requests.nationalId()).build()));
    }

    @Test
    void enrolCitizen_unknownChallenge_isNotFound() {
        Wallet wallet = Wallet.p256();
        CreateChallengeResponse challenge = anonymous().createChallenge(Requests.enrolChallenge(wallet));

        assertRefused(Status.Code.NOT_FOUND, "CHALLENGE_NOT_FOUND", () -> as(registrar).enrolCitizen(Requests.enrol(
            "ch_AAAAAAAAAAAAAAAAAAAAAA", wallet.sign(challenge), Requests.nationalId()).build()));
    }

    @Test
    void enrolCitizen_afterTheChallengeExpired_isFailedPreconditionChallengeExpired() {
        Wallet wallet = Wallet.p256();
        CreateChallengeResponse challenge = anonymous().createChallenge(Requests.enrolChallenge(wallet));
        clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        try {
            assertRefused(Status.Code.FAILED_PRECONDITION, "CHALLENGE_EXPIRED", () -> as(registrar).enrolCitizen(
                Requests.enrol(challenge.getChallengeId(), wallet.sign(challenge), Requests.nationalId()).build()));
        } finally {
            clock.reset();
        }
    }

    @Test
    void enrolCitizen_signatureByAnotherKey_isInvalidArgumentSignatureInvalid() {
        Wallet wallet = Wallet.p256();
        CreateChallengeResponse challenge = anonymous().createChallenge(Requests.enrolChallenge(wallet));

        StatusRuntimeException e = assertRefused(Status.Code.INVALID_ARGUMENT, "SIGNATURE_INVALID",
            () -> as(registrar).enrolCitizen(Requests.enrol(challenge.getChallengeId(),
                Wallet.p256().sign(challenge), Requests.nationalId()).build()));
        assertEquals(List.of("device_signature"), Errors.fields(e));
    }

    @Test
    void enrolCitizen_malformedNationalId_isAFieldViolationThatNeverRepeatsTheNumber() {
        Wallet wallet = Wallet.p256();
        CreateChallengeResponse challenge = anonymous().createChallenge(Requests.enrolChallenge(wallet));
        String valid = Requests.nationalId();
        String mistyped = valid.substring(0, 17) + (valid.charAt(17) == '0' ? '1' : '0');

        StatusRuntimeException e = assertRefused(Status.Code.INVALID_ARGUMENT, "FIELD_INVALID",
            () -> as(registrar).enrolCitizen(Requests.enrol(challenge.getChallengeId(), wallet.sign(challenge),
                mistyped).build()));
        assertEquals(List.of("proofing.national_id_number"), Errors.fields(e));
        assertFalse(e.getStatus().getDescription().contains(mistyped.substring(0, 17)));
    }

    @Test
    void enrolCitizen_missingFields_areEachAFieldViolation() {
        StatusRuntimeException e = assertRefused(Status.Code.INVALID_ARGUMENT, "FIELD_INVALID",
            () -> as(registrar).enrolCitizen(EnrolCitizenRequest.newBuilder().setRequestId("r").build()));

        assertTrue(Errors.fields(e).containsAll(List.of("challenge_id", "device_signature", "proofing",
            "proofing.national_id_number", "proofing.assurance_level", "region")), Errors.fields(e).toString());
    }

    @Test
    void enrolCitizen_byAnAgencyNotAccreditedForEnrolment_isPermissionDenied() {
        Wallet wallet = Wallet.p256();
        CreateChallengeResponse challenge = anonymous().createChallenge(Requests.enrolChallenge(wallet));

        assertRefused(Status.Code.PERMISSION_DENIED, "REGISTRAR_NOT_ACCREDITED", () -> as(healthBureau).enrolCitizen(
            Requests.enrol(challenge.getChallengeId(), wallet.sign(challenge), Requests.nationalId()).build()));
    }

    @Test
    void enrolCitizen_inARegionTheRegistrarIsNotAccreditedFor_isPermissionDenied() {
        Wallet wallet = Wallet.p256();
        CreateChallengeResponse challenge = anonymous().createChallenge(Requests.enrolChallenge(wallet));

        assertRefused(Status.Code.PERMISSION_DENIED, "REGISTRAR_NOT_ACCREDITED", () -> as(registrar).enrolCitizen(
            Requests.enrol(challenge.getChallengeId(), wallet.sign(challenge), Requests.nationalId())
                .setRegion(World.BEIJING).build()));
    }

    @Test
    void enrolCitizen_inADistrictOfTheRegistrarsProvince_isAccepted() {
        Wallet wallet = Wallet.p256();
        CreateChallengeResponse challenge = anonymous().createChallenge(Requests.enrolChallenge(wallet));

        EnrolCitizenResponse enrolled = as(registrar).enrolCitizen(Requests.enrol(challenge.getChallengeId(),
            wallet.sign(challenge), Requests.nationalId()).setRegion(World.PUDONG).build());

        assertEquals(challenge.getDid(), enrolled.getCitizenDid());
    }

    @Test
    void enrolCitizen_withoutAServiceToken_isUnauthenticated() {
        Wallet wallet = Wallet.p256();
        CreateChallengeResponse challenge = anonymous().createChallenge(Requests.enrolChallenge(wallet));

        assertRefused(Status.Code.UNAUTHENTICATED, "CALLER_UNAUTHENTICATED", () -> anonymous().enrolCitizen(
            Requests.enrol(challenge.getChallengeId(), wallet.sign(challenge), Requests.nationalId()).build()));
    }

    @Test
    void createChallenge_malformedKeyOrNoPurpose_isAFieldViolation() {
        StatusRuntimeException e = assertRefused(Status.Code.INVALID_ARGUMENT, "FIELD_INVALID",
            () -> anonymous().createChallenge(Requests.enrolChallenge(Wallet.p256()).toBuilder()
                .setPublicKeyMultibase("zNotAKey").build()));
        assertEquals(List.of("public_key_multibase"), Errors.fields(e));

        e = assertRefused(Status.Code.INVALID_ARGUMENT, "FIELD_INVALID", () -> anonymous().createChallenge(
            Requests.enrolChallenge(Wallet.p256()).toBuilder().clearPurpose().build()));
        assertEquals(List.of("purpose"), Errors.fields(e));
    }

    @Test
    void createChallenge_moreThanThePerMinuteLimitForOneKey_isResourceExhausted() {
        Wallet wallet = Wallet.p256();
        for (int i = 0; i < 30; i++) anonymous().createChallenge(Requests.enrolChallenge(wallet));

        StatusRuntimeException e = assertRefused(Status.Code.RESOURCE_EXHAUSTED, "TOO_MANY_CHALLENGES",
            () -> anonymous().createChallenge(Requests.enrolChallenge(wallet)));
        assertTrue(org.civitas.grpc.StatusDetails.of(e).retryInfo().isPresent());
    }

    /** What Redis holds of a challenge and its claim expires, as it does 15 minutes after the challenge was made. */
    private void forgetChallenge(String challengeId) {
        io.lettuce.core.RedisClient client = io.lettuce.core.RedisClient.create(world.redis.uri());
        try (var redis = client.connect()) {
            assertEquals(2L, redis.sync().del("identity:challenge:" + challengeId,
                "identity:challenge:" + challengeId + ":claim"));
        } finally {
            client.shutdown();
        }
    }

    private EnrolCitizenResponse enrol(Wallet wallet, String nationalId) {
        CreateChallengeResponse challenge = anonymous().createChallenge(Requests.enrolChallenge(wallet));
        return as(registrar).enrolCitizen(Requests.enrol(challenge.getChallengeId(), wallet.sign(challenge),
            nationalId).build());
    }

    private IdentityGrpc.IdentityBlockingStub anonymous() {
        return IdentityGrpc.newBlockingStub(loopback.channel()).withDeadlineAfter(20, TimeUnit.SECONDS);
    }

    private IdentityGrpc.IdentityBlockingStub as(Actor actor) {
        return anonymous().withCallCredentials(actor.credentials());
    }
}
