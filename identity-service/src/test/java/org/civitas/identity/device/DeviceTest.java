package org.civitas.identity.device;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.micronaut.grpc.server.GrpcEmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.civitas.identity.agency.TrustRegistry;
import org.civitas.identity.fixtures.Actor;
import org.civitas.identity.fixtures.Citizens;
import org.civitas.identity.fixtures.Errors;
import org.civitas.identity.fixtures.Requests;
import org.civitas.identity.fixtures.Wallet;
import org.civitas.identity.fixtures.World;
import org.civitas.proto.identity.v1.BindDeviceRequest;
import org.civitas.proto.identity.v1.BindDeviceResponse;
import org.civitas.proto.identity.v1.ChallengePurpose;
import org.civitas.proto.identity.v1.CreateChallengeRequest;
import org.civitas.proto.identity.v1.CreateChallengeResponse;
import org.civitas.proto.identity.v1.DeviceState;
import org.civitas.proto.identity.v1.EnrolCitizenResponse;
import org.civitas.proto.identity.v1.GetCitizenRequest;
import org.civitas.proto.identity.v1.IdentityGrpc;
import org.civitas.proto.identity.v1.RegisterPushTokenRequest;
import org.civitas.proto.identity.v1.ResolveDidRequest;
import org.civitas.proto.identity.v1.RevokeDeviceRequest;
import org.civitas.proto.identity.v1.RevokeDeviceResponse;
import org.civitas.proto.identity.v1.RotateDeviceKeyRequest;
import org.civitas.proto.identity.v1.RotateDeviceKeyResponse;
import org.civitas.sdk.did.DidDocument;
import org.civitas.sdk.did.Relationship;
import org.civitas.server.firebase.HolderTopics;
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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Binding, rotating and revoking devices through the generated stub; every change checked on the ledger. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeviceTest implements TestPropertyProvider {

    World world;
    @Inject GrpcEmbeddedServer server;
    LoopbackChannel loopback;
    Actor root;
    Actor registrar;

    @Override
    public Map<String, String> getProperties() {
        world = World.start();
        return world.properties();
    }

    @BeforeAll
    void setUp() {
        loopback = LoopbackChannel.to(server.getPort());
        root = world.provincialRoot(List.of(World.SHANGHAI));
        registrar = world.accreditedAgency(root, List.of(TrustRegistry.CITIZEN_ENROLMENT), List.of(World.SHANGHAI));
    }

    @AfterAll
    void tearDown() {
        loopback.close();
        world.close();
    }

    @Test
    void bindDevice_signedByTheNewKeyAndACurrentDevice_addsDevice2ToTheDocument() {
        Wallet phone = enrolled();
        Wallet tablet = Wallet.p256();
        CreateChallengeResponse challenge = anonymous().createChallenge(Citizens.bindChallenge(phone.did, tablet));
        assertEquals("device-2", challenge.getDeviceId());

        BindDeviceResponse bound = anonymous().bindDevice(Citizens.bindRequest(challenge, phone, tablet).build());

        assertEquals("device-2", bound.getDeviceId());
        assertEquals(phone.did + "#device-2", bound.getVerificationMethod());
        DidDocument document = world.ledgerClient().resolve(phone.did, null).document();
        assertEquals(tablet.key.verificationKey(), document.verificationMethod("#device-2").orElseThrow().key());
        assertTrue(document.authorizes("#device-2", Relationship.CAPABILITY_INVOCATION));
        assertTrue(document.authorizes("#device-1", Relationship.AUTHENTICATION));
        var citizen = anonymous().withCallCredentials(phone.credentials()).getCitizen(GetCitizenRequest.newBuilder()
            .setCitizenDid(phone.did.toString()).build()).getCitizen();
        assertEquals(List.of("device-1", "device-2"), citizen.getDevicesList().stream().map(d -> d.getDeviceId()).toList());
        assertEquals("tablet", citizen.getDevices(1).getInfo().getDisplayName());
    }

    @Test
    void bindDevice_retried_answersTheFirstBinding() {
        Wallet phone = enrolled();
        Wallet tablet = Wallet.p256();
        CreateChallengeResponse challenge = anonymous().createChallenge(Citizens.bindChallenge(phone.did, tablet));
        BindDeviceRequest request = Citizens.bindRequest(challenge, phone, tablet).build();

        assertEquals(anonymous().bindDevice(request), anonymous().bindDevice(request));
    }

    @Test
    void bindDevice_aKeyAlreadyBound_isAlreadyExists() {
        Wallet phone = enrolled();

        assertRefused(Status.Code.ALREADY_EXISTS, "DEVICE_ALREADY_BOUND",
            () -> anonymous().createChallenge(Citizens.bindChallenge(phone.did, phone)));
    }

    @Test
    void bindDevice_newKeySignatureByAnotherKey_isSignatureInvalid() {
        Wallet phone = enrolled();
        Wallet tablet = Wallet.p256();
        CreateChallengeResponse challenge = anonymous().createChallenge(Citizens.bindChallenge(phone.did, tablet));

        StatusRuntimeException e = assertRefused(Status.Code.INVALID_ARGUMENT, "SIGNATURE_INVALID",
            () -> anonymous().bindDevice(Citizens.bindRequest(challenge, phone, tablet)
                .setNewDeviceSignature(Wallet.p256().sign(challenge)).build()));
        assertEquals(List.of("new_device_signature"), Errors.fields(e));
    }

    @Test
    void bindDevice_authorisedByAnotherCitizensDevice_isInvalidArgument() {
        Wallet phone = enrolled();
        Wallet stranger = enrolled();
        Wallet tablet = Wallet.p256();
        CreateChallengeResponse challenge = anonymous().createChallenge(Citizens.bindChallenge(phone.did, tablet));

        StatusRuntimeException e = assertRefused(Status.Code.INVALID_ARGUMENT, "FIELD_INVALID",
            () -> anonymous().bindDevice(Citizens.bindRequest(challenge, phone, tablet)
                .setAuthorisingSignature(stranger.deviceSignature(challenge)).build()));
        assertEquals(List.of("authorising_signature.verification_method"), Errors.fields(e));
    }

    @Test
    void bindDevice_twoChallengesOnTheSameVersion_theSecondIsAbortedDocumentChanged() {
        Wallet phone = enrolled();
        Wallet tablet = Wallet.p256();
        Wallet watch = Wallet.p256();
        CreateChallengeResponse first = anonymous().createChallenge(Citizens.bindChallenge(phone.did, tablet));
        CreateChallengeResponse second = anonymous().createChallenge(Citizens.bindChallenge(phone.did, watch));
        anonymous().bindDevice(Citizens.bindRequest(first, phone, tablet).build());

        assertRefused(Status.Code.ABORTED, "DOCUMENT_CHANGED",
            () -> anonymous().bindDevice(Citizens.bindRequest(second, phone, watch).build()));
    }

    @Test
    void rotateDeviceKey_replacesTheKey_andTheOldKeyStillResolvesAsOfBefore() {
        Wallet phone = enrolled();
        EnrolCitizenResponse enrolment = lastEnrolment;
        Wallet newKey = Wallet.p256();
        CreateChallengeResponse challenge = anonymous().createChallenge(CreateChallengeRequest.newBuilder()
            .setPurpose(ChallengePurpose.ROTATE_DEVICE_KEY).setCitizenDid(phone.did.toString()).setDeviceId("device-1")
            .setPublicKeyMultibase(newKey.publicKeyMultibase()).build());

        RotateDeviceKeyResponse rotated = anonymous().rotateDeviceKey(RotateDeviceKeyRequest.newBuilder()
            .setRequestId(Requests.requestId()).setChallengeId(challenge.getChallengeId())
            .setCitizenDid(phone.did.toString()).setDeviceId("device-1")
            .setNewKeySignature(newKey.sign(challenge)).setCurrentKeySignature(phone.sign(challenge)).build());

        assertEquals(phone.did + "#device-1-key-2", rotated.getVerificationMethod());
        assertEquals(rotated.getDidEntry().getCommittedAt(), rotated.getPreviousKeyValidUntil());
        DidDocument now = document(anonymous().resolveDid(ResolveDidRequest.newBuilder()
            .setDid(phone.did.toString()).build()).getDidDocumentJson());
        assertTrue(now.verificationMethod("#device-1").isEmpty());
        assertEquals(newKey.key.verificationKey(), now.verificationMethod("#device-1-key-2").orElseThrow().key());
        DidDocument before = document(anonymous().resolveDid(ResolveDidRequest.newBuilder()
            .setDid(phone.did.toString()).setAsOf(enrolment.getDidEntry().getCommittedAt()).build())
            .getDidDocumentJson());
        assertEquals(phone.key.verificationKey(), before.verificationMethod("#device-1").orElseThrow().key());
    }

    @Test
    void revokeDevice_compromisedSinceItsBinding_removesTheKeyCutsItOffAndUnsubscribesItsPushToken() {
        Wallet phone = enrolled();
        Wallet lost = Wallet.p256();
        BindDeviceResponse bound = Citizens.bind(anonymous(), phone, lost);
        anonymous().withCallCredentials(lost.credentials()).registerPushToken(RegisterPushTokenRequest.newBuilder()
            .setRequestId(Requests.requestId()).setCitizenDid(phone.did.toString()).setDeviceId("device-2")
            .setFcmToken("lost-phone-token").build());
        assertTrue(world.firebase.subscribers(HolderTopics.of(phone.did)).contains("lost-phone-token"));
        CreateChallengeResponse challenge = anonymous().createChallenge(revokeChallenge(phone, "device-2")
            .setCompromisedSince(bound.getDidEntry().getCommittedAt()).build());

        RevokeDeviceResponse revoked = anonymous().revokeDevice(RevokeDeviceRequest.newBuilder()
            .setRequestId(Requests.requestId()).setChallengeId(challenge.getChallengeId())
            .setCitizenDid(phone.did.toString()).setDeviceId("device-2")
            .setAuthorisingSignature(phone.deviceSignature(challenge)).setReason("phone stolen").build());

        assertEquals(revoked.getDidEntry().getCommittedAt(), revoked.getRevokedAt());
        assertEquals(List.of("citizen"), deviceNotices(phone, "device.revoked", "device-2"));
        assertTrue(world.ledgerClient().resolve(phone.did, null).document().verificationMethod("#device-2").isEmpty());
        DidDocument whenBound = document(anonymous().resolveDid(ResolveDidRequest.newBuilder()
            .setDid(phone.did.toString()).setAsOf(bound.getDidEntry().getCommittedAt()).build()).getDidDocumentJson());
        assertTrue(whenBound.verificationMethod("#device-2").isEmpty(), "a compromised key is cut off from then on");
        assertFalse(world.firebase.subscribers(HolderTopics.of(phone.did)).contains("lost-phone-token"));
        var devices = anonymous().withCallCredentials(phone.credentials()).getCitizen(GetCitizenRequest.newBuilder()
            .setCitizenDid(phone.did.toString()).build()).getCitizen().getDevicesList();
        assertEquals(DeviceState.REVOKED, devices.get(1).getState());
        assertFalse(devices.get(1).getPushRegistered());
    }

    @Test
    void revokedDevice_cannotAuthoriseAnything() {
        Wallet phone = enrolled();
        Wallet lost = Wallet.p256();
        Citizens.bind(anonymous(), phone, lost);
        revoke(phone, "device-2", phone);
        Wallet tablet = Wallet.p256();
        CreateChallengeResponse challenge = anonymous().createChallenge(Citizens.bindChallenge(phone.did, tablet));

        assertRefused(Status.Code.FAILED_PRECONDITION, "DEVICE_REVOKED", () -> anonymous().bindDevice(
            Citizens.bindRequest(challenge, lost, tablet).setCitizenDid(phone.did.toString()).build()));
        assertRefused(Status.Code.FAILED_PRECONDITION, "DEVICE_REVOKED",
            () -> anonymous().createChallenge(revokeChallenge(phone, "device-2").build()));
    }

    @Test
    void revokeDevice_theLastDeviceByItself_isFailedPreconditionLastDevice() {
        Wallet phone = enrolled();
        CreateChallengeResponse challenge = anonymous().createChallenge(revokeChallenge(phone, "device-1").build());

        StatusRuntimeException e = assertRefused(Status.Code.FAILED_PRECONDITION, "LAST_DEVICE",
            () -> anonymous().revokeDevice(RevokeDeviceRequest.newBuilder().setRequestId(Requests.requestId())
                .setChallengeId(challenge.getChallengeId()).setCitizenDid(phone.did.toString())
                .setDeviceId("device-1").setAuthorisingSignature(phone.deviceSignature(challenge)).build()));
        assertTrue(e.getStatus().getDescription().contains("registrar"), e.getStatus().getDescription());
    }

    @Test
    void lostLastDevice_theRegistrarRevokesIt_andAuthorisesBindingTheCitizensNewPhone() {
        Wallet phone = enrolled();
        CreateChallengeResponse revokeChallenge = anonymous().createChallenge(revokeChallenge(phone, "device-1")
            .build());

        RevokeDeviceResponse revoked = anonymous().withCallCredentials(registrar.credentials()).revokeDevice(
            RevokeDeviceRequest.newBuilder().setRequestId(Requests.requestId())
                .setChallengeId(revokeChallenge.getChallengeId()).setCitizenDid(phone.did.toString())
                .setDeviceId("device-1").setAuthorisingSignature(registrarSignature(revokeChallenge))
                .setReason("phone lost; identity proofed at the counter").build());

        assertEquals(List.of(registrar.did().toString()), deviceNotices(phone, "device.revoked", "device-1"),
            "the citizen's devices are told who revoked it");
        DidDocument dormant = world.ledgerClient().resolve(phone.did, null).document();
        assertTrue(dormant.verificationMethods().isEmpty(), "the lost phone's key left the DID");
        assertEquals(revoked.getDidEntry().getCommittedAt(), revoked.getRevokedAt());
        Wallet newPhone = Wallet.p256();
        CreateChallengeResponse bindChallenge = anonymous().createChallenge(
            Citizens.bindChallenge(phone.did, newPhone));
        BindDeviceResponse bound = anonymous().withCallCredentials(registrar.credentials()).bindDevice(
            Citizens.bindRequest(bindChallenge, phone, newPhone)
                .setAuthorisingSignature(registrarSignature(bindChallenge)).build());
        DidDocument recovered = world.ledgerClient().resolve(phone.did, null).document();
        assertEquals(newPhone.key.verificationKey(),
            recovered.verificationMethod(bound.getVerificationMethod()).orElseThrow().key());
        assertTrue(recovered.authorizes(bound.getVerificationMethod(), Relationship.CAPABILITY_INVOCATION));
        assertEquals(List.of(registrar.did().toString()),
            deviceNotices(phone, "device.bound", bound.getDeviceId()));
        newPhone.did = phone.did;
        newPhone.verificationMethod = bound.getVerificationMethod();
        var devices = anonymous().withCallCredentials(newPhone.credentials()).getCitizen(GetCitizenRequest
            .newBuilder().setCitizenDid(phone.did.toString()).build()).getCitizen().getDevicesList();
        assertEquals(List.of(DeviceState.REVOKED, DeviceState.ACTIVE), devices.stream().map(d -> d.getState()).toList());
        assertRefused(Status.Code.UNAUTHENTICATED, "KEY_NOT_AUTHORISED", () -> anonymous()
            .withCallCredentials(phone.credentials()).getCitizen(GetCitizenRequest.newBuilder()
                .setCitizenDid(phone.did.toString()).build()));
    }

    @Test
    void revokeDevice_byARegistrar_needsItsAccreditationAndItsOwnSignature() {
        Wallet phone = enrolled();
        CreateChallengeResponse challenge = anonymous().createChallenge(revokeChallenge(phone, "device-1").build());
        RevokeDeviceRequest unsigned = RevokeDeviceRequest.newBuilder().setRequestId(Requests.requestId())
            .setChallengeId(challenge.getChallengeId()).setCitizenDid(phone.did.toString()).setDeviceId("device-1")
            .build();
        Actor healthBureau = world.accreditedAgency(root, List.of("HealthInsuranceCard"), List.of(World.SHANGHAI));

        StatusRuntimeException anonymousRegistrar = assertRefused(Status.Code.INVALID_ARGUMENT, "FIELD_INVALID",
            () -> anonymous().revokeDevice(unsigned.toBuilder().setRequestId(Requests.requestId())
                .setAuthorisingSignature(registrarSignature(challenge)).build()));
        assertTrue(anonymousRegistrar.getStatus().getDescription().contains("service token"));
        assertRefused(Status.Code.PERMISSION_DENIED, "REGISTRAR_NOT_ACCREDITED",
            () -> anonymous().withCallCredentials(healthBureau.credentials()).revokeDevice(unsigned.toBuilder()
                .setRequestId(Requests.requestId()).setAuthorisingSignature(signature(healthBureau, challenge))
                .build()));
        assertRefused(Status.Code.FAILED_PRECONDITION, "DEVICE_SIGNATURE_REQUIRED",
            () -> anonymous().withCallCredentials(registrar.credentials()).revokeDevice(unsigned.toBuilder()
                .setRequestId(Requests.requestId()).build()));
        StatusRuntimeException forged = assertRefused(Status.Code.INVALID_ARGUMENT, "SIGNATURE_INVALID",
            () -> anonymous().withCallCredentials(registrar.credentials()).revokeDevice(unsigned.toBuilder()
                .setRequestId(Requests.requestId()).setAuthorisingSignature(registrarSignature(challenge).toBuilder()
                    .setSignature(phone.sign(challenge))).build()));
        assertEquals(List.of("authorising_signature.signature"), Errors.fields(forged));
        StatusRuntimeException someoneElses = assertRefused(Status.Code.INVALID_ARGUMENT, "FIELD_INVALID",
            () -> anonymous().withCallCredentials(registrar.credentials()).revokeDevice(unsigned.toBuilder()
                .setRequestId(Requests.requestId()).setAuthorisingSignature(signature(healthBureau, challenge))
                .build()));
        assertEquals(List.of("authorising_signature.verification_method"), Errors.fields(someoneElses));
        assertEquals(1, world.ledgerClient().resolve(phone.did, null).document().verificationMethods().size(),
            "nothing was revoked");
    }

    @Test
    void revokeDevice_compromiseTimeOtherThanTheChallenges_isInvalidArgument() {
        Wallet phone = enrolled();
        Citizens.bind(anonymous(), phone, Wallet.p256());
        CreateChallengeResponse challenge = anonymous().createChallenge(revokeChallenge(phone, "device-2").build());

        StatusRuntimeException e = assertRefused(Status.Code.INVALID_ARGUMENT, "FIELD_INVALID",
            () -> anonymous().revokeDevice(RevokeDeviceRequest.newBuilder().setRequestId(Requests.requestId())
                .setChallengeId(challenge.getChallengeId()).setCitizenDid(phone.did.toString())
                .setDeviceId("device-2").setAuthorisingSignature(phone.deviceSignature(challenge))
                .setCompromisedSince(Requests.timestamp(Instant.now().minusSeconds(3600))).build()));
        assertEquals(List.of("compromised_since"), Errors.fields(e));
        assertRefused(Status.Code.INVALID_ARGUMENT, "FIELD_INVALID", () -> anonymous().createChallenge(
            revokeChallenge(phone, "device-2").setCompromisedSince(Requests.timestamp(Instant.now().plusSeconds(3600)))
                .build()));
    }

    @Test
    void createChallenge_unknownCitizenOrDevice_isNotFound() {
        Wallet phone = enrolled();

        assertRefused(Status.Code.NOT_FOUND, "CITIZEN_NOT_FOUND", () -> anonymous().createChallenge(
            Citizens.bindChallenge(Actor.generate().did(), Wallet.p256())));
        assertRefused(Status.Code.NOT_FOUND, "DEVICE_NOT_FOUND", () -> anonymous().createChallenge(
            revokeChallenge(phone, "device-9").build()));
    }

    private EnrolCitizenResponse lastEnrolment;

    private Wallet enrolled() {
        Wallet wallet = Wallet.p256();
        lastEnrolment = Citizens.enrol(anonymous(), anonymous().withCallCredentials(registrar.credentials()), wallet);
        return wallet;
    }

    private void revoke(Wallet citizen, String deviceId, Wallet authorising) {
        CreateChallengeResponse challenge = anonymous().createChallenge(revokeChallenge(citizen, deviceId).build());
        anonymous().revokeDevice(RevokeDeviceRequest.newBuilder().setRequestId(Requests.requestId())
            .setChallengeId(challenge.getChallengeId()).setCitizenDid(citizen.did.toString()).setDeviceId(deviceId)
            .setAuthorisingSignature(authorising.deviceSignature(challenge)).build());
    }

    /** Who authorised each notice of {@code event} about {@code deviceId} sent to the citizen's FCM topic. */
    private List<String> deviceNotices(Wallet citizen, String event, String deviceId) {
        return world.firebase.sentMessages().stream()
            .filter(m -> m.path("topic").asText().equals(HolderTopics.of(citizen.did)))
            .filter(m -> m.path("data").path("event").asText().equals(event)
                && m.path("data").path("deviceId").asText().equals(deviceId))
            .map(m -> m.path("data").path("authorisedBy").asText()).toList();
    }

    private org.civitas.proto.identity.v1.DeviceSignature registrarSignature(CreateChallengeResponse challenge) {
        return signature(registrar, challenge);
    }

    private static org.civitas.proto.identity.v1.DeviceSignature signature(Actor agency,
                                                                           CreateChallengeResponse challenge) {
        return org.civitas.proto.identity.v1.DeviceSignature.newBuilder().setVerificationMethod(agency.keyId())
            .setSignature(com.google.protobuf.ByteString.copyFrom(agency.key().sign(
                challenge.getPayloadToSign().toByteArray()))).build();
    }

    private static CreateChallengeRequest.Builder revokeChallenge(Wallet citizen, String deviceId) {
        return CreateChallengeRequest.newBuilder().setPurpose(ChallengePurpose.REVOKE_DEVICE)
            .setCitizenDid(citizen.did.toString()).setDeviceId(deviceId);
    }

    private static DidDocument document(String json) {
        try {
            return DidDocument.parse(json);
        } catch (org.civitas.sdk.FormatException e) {
            throw new AssertionError(e);
        }
    }

    private IdentityGrpc.IdentityBlockingStub anonymous() {
        return IdentityGrpc.newBlockingStub(loopback.channel()).withDeadlineAfter(20, TimeUnit.SECONDS);
    }
}
