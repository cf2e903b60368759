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
import org.civitas.identity.fixtures.Tokens;
import org.civitas.identity.fixtures.Wallet;
import org.civitas.identity.fixtures.World;
import org.civitas.proto.identity.v1.ChallengePurpose;
import org.civitas.proto.identity.v1.CreateChallengeRequest;
import org.civitas.proto.identity.v1.CreateChallengeResponse;
import org.civitas.proto.identity.v1.GetCitizenRequest;
import org.civitas.proto.identity.v1.IdentityGrpc;
import org.civitas.proto.identity.v1.LinkFirebaseAccountRequest;
import org.civitas.proto.identity.v1.RegisterPushTokenRequest;
import org.civitas.server.firebase.HolderTopics;
import org.civitas.testkit.FakeFirebase;
import org.civitas.testkit.LoopbackChannel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.civitas.identity.fixtures.Errors.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Push tokens on holder topics and Firebase sign-in, with the real firebase-admin SDK talking to the fake Google
 * endpoints.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PushAndFirebaseTest implements TestPropertyProvider {

    World world;
    @Inject GrpcEmbeddedServer server;
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
    void registerPushToken_byTheDevice_subscribesItToTheHolderTopic_andANewTokenReplacesIt() {
        Wallet phone = enrolled();

        anonymous().withCallCredentials(phone.credentials()).registerPushToken(push(phone, "device-1", "token-a"));
        anonymous().withCallCredentials(phone.credentials()).registerPushToken(push(phone, "device-1", "token-b"));

        assertEquals(Set.of("token-b"), world.firebase.subscribers(HolderTopics.of(phone.did)));
        assertTrue(anonymous().withCallCredentials(phone.credentials()).getCitizen(GetCitizenRequest.newBuilder()
            .setCitizenDid(phone.did.toString()).build()).getCitizen().getDevices(0).getPushRegistered());
    }

    @Test
    void registerPushToken_forAnotherDeviceOrCitizen_isPermissionDenied() {
        Wallet phone = enrolled();
        Wallet tablet = Wallet.p256();
        Citizens.bind(anonymous(), phone, tablet);
        Wallet stranger = enrolled();

        assertRefused(Status.Code.PERMISSION_DENIED, "NOT_THE_CALLERS_DEVICE", () -> anonymous()
            .withCallCredentials(tablet.credentials()).registerPushToken(push(phone, "device-1", "t")));
        assertRefused(Status.Code.PERMISSION_DENIED, "NOT_THE_CALLER", () -> anonymous()
            .withCallCredentials(stranger.credentials()).registerPushToken(push(phone, "device-1", "t")));
        assertRefused(Status.Code.UNAUTHENTICATED, "CALLER_UNAUTHENTICATED",
            () -> anonymous().registerPushToken(push(phone, "device-1", "t")));
    }

    @Test
    void registerPushToken_malformedTokenOrUnknownDevice_isRefusedPrecisely() {
        Wallet phone = enrolled();

        StatusRuntimeException e = assertRefused(Status.Code.INVALID_ARGUMENT, "FIELD_INVALID", () -> anonymous()
            .withCallCredentials(phone.credentials()).registerPushToken(push(phone, "device-1", "has spaces")));
        assertEquals(List.of("fcm_token"), Errors.fields(e));
        assertRefused(Status.Code.NOT_FOUND, "DEVICE_NOT_FOUND", () -> anonymous()
            .withCallCredentials(phone.credentials()).registerPushToken(push(phone, "device-7", "t")));
    }

    @Test
    void linkFirebaseAccount_withADeviceSignature_setsTheDidClaim_andTheAccountThenSignsTheCitizenIn() {
        Wallet phone = enrolled();
        String uid = "uid-" + UUID.randomUUID();

        var linked = anonymous().linkFirebaseAccount(link(phone, uid, phone).build());

        assertEquals(uid, linked.getFirebaseUid());
        assertEquals(phone.did.toString(), world.firebase.customClaims(uid).get("did").asText());
        var signedIn = anonymous().withCallCredentials(Tokens.firebase(world.firebase.mintIdToken(uid, Map.of())));
        assertEquals(phone.did.toString(), signedIn.getCitizen(GetCitizenRequest.newBuilder()
            .setCitizenDid(phone.did.toString()).build()).getCitizen().getDid());
        signedIn.registerPushToken(push(phone, "device-1", "firebase-signed-in-token"));
        assertTrue(world.firebase.subscribers(HolderTopics.of(phone.did)).contains("firebase-signed-in-token"));
    }

    @Test
    void linkFirebaseAccount_signedByAnotherKey_isSignatureInvalid_andAnAccountOfAnotherDidIsAlreadyExists() {
        Wallet phone = enrolled();
        Wallet other = enrolled();
        String uid = "uid-" + UUID.randomUUID();
        anonymous().linkFirebaseAccount(link(other, uid, other).build());

        assertRefused(Status.Code.ALREADY_EXISTS, "FIREBASE_ACCOUNT_LINKED_ELSEWHERE",
            () -> anonymous().linkFirebaseAccount(link(phone, uid, phone).build()));
        Wallet forger = Wallet.p256();
        forger.verificationMethod = phone.verificationMethod;
        assertRefused(Status.Code.INVALID_ARGUMENT, "SIGNATURE_INVALID", () -> anonymous().linkFirebaseAccount(
            link(phone, "uid-" + UUID.randomUUID(), forger).build()));
    }

    @Test
    void firebaseSignIn_withAForgedOrUnlinkedToken_isRefused() {
        Wallet phone = enrolled();
        GetCitizenRequest request = GetCitizenRequest.newBuilder().setCitizenDid(phone.did.toString()).build();
        try (FakeFirebase impostor = FakeFirebase.start()) {
            assertRefused(Status.Code.UNAUTHENTICATED, "FIREBASE_TOKEN_INVALID", () -> anonymous()
                .withCallCredentials(Tokens.firebase(impostor.mintIdToken("x", Map.of("did", phone.did.toString()))))
                .getCitizen(request));
        }
        assertRefused(Status.Code.PERMISSION_DENIED, "FIREBASE_ACCOUNT_NOT_LINKED", () -> anonymous()
            .withCallCredentials(Tokens.firebase(world.firebase.mintIdToken("unlinked-" + UUID.randomUUID(), Map.of())))
            .getCitizen(request));
    }

    @Test
    void getCitizen_ofSomeoneElse_isPermissionDenied() {
        Wallet phone = enrolled();
        Wallet stranger = enrolled();

        assertRefused(Status.Code.PERMISSION_DENIED, "NOT_THE_CALLER", () -> anonymous()
            .withCallCredentials(stranger.credentials()).getCitizen(GetCitizenRequest.newBuilder()
                .setCitizenDid(phone.did.toString()).build()));
    }

    private LinkFirebaseAccountRequest.Builder link(Wallet citizen, String uid, Wallet signer) {
        CreateChallengeResponse challenge = anonymous().createChallenge(CreateChallengeRequest.newBuilder()
            .setPurpose(ChallengePurpose.SIGN_IN).setCitizenDid(citizen.did.toString()).build());
        return LinkFirebaseAccountRequest.newBuilder().setRequestId(Requests.requestId())
            .setChallengeId(challenge.getChallengeId()).setCitizenDid(citizen.did.toString())
            .setDeviceSignature(signer.deviceSignature(challenge))
            .setFirebaseIdToken(world.firebase.mintIdToken(uid, Map.of()));
    }

    private static RegisterPushTokenRequest push(Wallet citizen, String deviceId, String token) {
        return RegisterPushTokenRequest.newBuilder().setRequestId(Requests.requestId())
            .setCitizenDid(citizen.did.toString()).setDeviceId(deviceId).setFcmToken(token).build();
    }

    private Wallet enrolled() {
        Wallet wallet = Wallet.p256();
        Citizens.enrol(anonymous(), anonymous().withCallCredentials(registrar.credentials()), wallet);
        return wallet;
    }

    private IdentityGrpc.IdentityBlockingStub anonymous() {
        return IdentityGrpc.newBlockingStub(loopback.channel()).withDeadlineAfter(20, TimeUnit.SECONDS);
    }
}
