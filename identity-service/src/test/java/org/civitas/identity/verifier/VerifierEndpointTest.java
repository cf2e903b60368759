package org.civitas.identity.verifier;

import com.google.protobuf.Duration;
import io.grpc.Status;
import io.micronaut.grpc.server.GrpcEmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.civitas.identity.fixtures.Actor;
import org.civitas.identity.fixtures.Errors;
import org.civitas.identity.fixtures.Requests;
import org.civitas.identity.fixtures.World;
import org.civitas.proto.verifier.v1.CreatePresentationChallengeRequest;
import org.civitas.proto.verifier.v1.CreatePresentationChallengeResponse;
import org.civitas.proto.verifier.v1.VerifierGrpc;
import org.civitas.proto.verifier.v1.VerifyPresentationRequest;
import org.civitas.sdk.qr.ChallengeQr;
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
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The online verifier's edge: who may call it, what it validates, and its challenges. Verifying real
 * presentations end to end, with the bundle credential-issuer publishes, is the demo's test (ops), which runs every
 * service.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VerifierEndpointTest implements TestPropertyProvider {

    World world;
    @Inject GrpcEmbeddedServer server;
    LoopbackChannel loopback;
    Actor counter;

    @Override
    public Map<String, String> getProperties() {
        world = World.start();
        return world.properties();
    }

    @BeforeAll
    void setUp() {
        loopback = LoopbackChannel.to(server.getPort());
        counter = world.provincialRoot(List.of(World.SHANGHAI));
    }

    @AfterAll
    void tearDown() {
        loopback.close();
        world.close();
    }

    @Test
    void challenge_isAFreshNonceForTheDomain_withItsQrNamingThePolicysTypes() throws Exception {
        Instant before = Instant.now();
        CreatePresentationChallengeResponse answer = as(counter).createPresentationChallenge(challenge("hospital")
            .setTtl(Duration.newBuilder().setSeconds(60)).build());

        assertEquals(22, answer.getChallenge().length());
        assertEquals("counter.hospital.example", answer.getDomain());
        long ttl = answer.getExpiresAt().getSeconds() - before.getEpochSecond();
        assertTrue(ttl >= 59 && ttl <= 61, "expires in a minute: " + ttl);
        ChallengeQr qr = ChallengeQr.parse(answer.getChallengeQrText());
        assertEquals(answer.getChallenge(), qr.challenge());
        assertEquals(answer.getDomain(), qr.domain());
        assertTrue(qr.credentialTypes().contains("VaccinationCertificate"), qr.credentialTypes().toString());
    }

    @Test
    void challengeRetried_withTheSameRequestId_isTheSameChallenge() {
        CreatePresentationChallengeRequest request = challenge("bank").build();

        assertEquals(as(counter).createPresentationChallenge(request), as(counter).createPresentationChallenge(request));
        assertTrue(!as(counter).createPresentationChallenge(request.toBuilder().setRequestId(Requests.requestId())
            .build()).getChallenge().equals(as(counter).createPresentationChallenge(request).getChallenge()));
    }

    @Test
    void anonymousCaller_isUnauthenticated() {
        assertRefused(Status.Code.UNAUTHENTICATED, "CALLER_UNAUTHENTICATED",
            () -> anonymous().createPresentationChallenge(challenge("school").build()));
        assertRefused(Status.Code.UNAUTHENTICATED, "CALLER_UNAUTHENTICATED",
            () -> anonymous().verifyPresentation(VerifyPresentationRequest.newBuilder().setRequestId("r")
                .setQrText("CIV1:X").setPolicy("court").build()));
    }

    @Test
    void unknownPolicy_badTtl_andNoDomain_areFieldViolations() {
        var e = assertRefused(Status.Code.INVALID_ARGUMENT, "FIELD_INVALID", () -> as(counter)
            .createPresentationChallenge(CreatePresentationChallengeRequest.newBuilder()
                .setRequestId(Requests.requestId()).setPolicy("library")
                .setTtl(Duration.newBuilder().setSeconds(3600)).build()));

        assertEquals(List.of("domain", "policy", "ttl"), Errors.fields(e));
    }

    @Test
    void verifyWithoutAPresentation_orWithAChallengeButNoDomain_isInvalid() {
        var e = assertRefused(Status.Code.INVALID_ARGUMENT, "FIELD_INVALID", () -> as(counter).verifyPresentation(
            VerifyPresentationRequest.newBuilder().setRequestId(Requests.requestId()).setPolicy("court")
                .setChallenge("q8Gd2vX1kPzR7tYbNc4eWa").build()));

        assertEquals(List.of("presentation", "domain"), Errors.fields(e));
    }

    @Test
    void verifyBeforeAnyTrustBundle_isUnavailableSayingWhy() {
        var e = assertRefused(Status.Code.UNAVAILABLE, "TRUST_BUNDLE_UNAVAILABLE", () -> as(counter)
            .verifyPresentation(VerifyPresentationRequest.newBuilder().setRequestId(Requests.requestId())
                .setPolicy("court").setQrText("CIV1:ABC").build()));

        assertTrue(e.getStatus().getDescription().contains("no trust bundle"), e.getStatus().getDescription());
    }

    private static CreatePresentationChallengeRequest.Builder challenge(String policy) {
        return CreatePresentationChallengeRequest.newBuilder().setRequestId(Requests.requestId())
            .setDomain("counter." + policy + ".example").setPolicy(policy);
    }

    private VerifierGrpc.VerifierBlockingStub anonymous() {
        return VerifierGrpc.newBlockingStub(loopback.channel()).withDeadlineAfter(20, TimeUnit.SECONDS);
    }

    private VerifierGrpc.VerifierBlockingStub as(Actor actor) {
        return anonymous().withCallCredentials(actor.credentials());
    }
}
