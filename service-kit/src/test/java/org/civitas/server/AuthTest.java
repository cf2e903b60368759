package org.civitas.server;

import io.grpc.CallCredentials;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.micronaut.grpc.server.GrpcEmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.civitas.grpc.StatusDetails;
import org.civitas.proto.verifier.v1.CreatePresentationChallengeRequest;
import org.civitas.proto.verifier.v1.VerifierGrpc;
import org.civitas.sdk.auth.AuthToken;
import org.civitas.sdk.did.DidKey;
import org.civitas.sdk.key.KeyType;
import org.civitas.sdk.key.SigningKey;
import org.civitas.server.auth.AuthInterceptor;
import org.civitas.testkit.LoopbackChannel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Bearer tokens signed by a caller's DID key, through a real call to a service of the test context. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthTest {

    private static final String SERVICE = "service-kit-test";

    @Inject GrpcEmbeddedServer server;
    LoopbackChannel loopback;
    final SigningKey key = SigningKey.generate(KeyType.P256).signingKey();
    final String did = DidKey.of(key.verificationKey()).toString();
    final String keyId = DidKey.verificationMethodId(key.verificationKey());

    @BeforeAll void connect() { loopback = LoopbackChannel.to(server.getPort()); }

    @AfterAll void disconnect() { loopback.close(); }

    @Test
    void validToken_authenticatesTheCallersDid() {
        assertEquals(did + " " + keyId, call(token(key, keyId, SERVICE, Instant.now(), UUID.randomUUID().toString())));
    }

    @Test
    void noToken_isAnonymous() {
        assertEquals("anonymous", VerifierGrpc.newBlockingStub(loopback.channel()).withDeadlineAfter(5, TimeUnit.SECONDS)
            .createPresentationChallenge(CreatePresentationChallengeRequest.getDefaultInstance()).getChallenge());
    }

    @Test
    void replayedToken_isRefused() {
        String token = token(key, keyId, SERVICE, Instant.now(), UUID.randomUUID().toString());
        call(token);

        assertReason("TOKEN_REPLAYED", () -> call(token));
    }

    @Test
    void expiredOrForeignOrForgedTokens_areUnauthenticatedWithTheirReason() {
        SigningKey other = SigningKey.generate(KeyType.P256).signingKey();
        assertReason("TOKEN_EXPIRED", () -> call(token(key, keyId, SERVICE, Instant.now().minusSeconds(900),
            UUID.randomUUID().toString())));
        assertReason("TOKEN_NOT_FOR_THIS_SERVICE", () -> call(token(key, keyId, "credential-issuer", Instant.now(),
            UUID.randomUUID().toString())));
        assertReason("SIGNATURE_INVALID", () -> call(token(other, keyId, SERVICE, Instant.now(),
            UUID.randomUUID().toString())));
        assertReason("TOKEN_MALFORMED", () -> call("not-a-token"));
    }

    private void assertReason(String reason, org.junit.jupiter.api.function.Executable call) {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, call);
        assertEquals(Status.Code.UNAUTHENTICATED, e.getStatus().getCode());
        assertEquals(reason, StatusDetails.of(e).reason().orElseThrow(), e.getStatus().getDescription());
    }

    private String token(SigningKey signer, String kid, String audience, Instant at, String jti) {
        return AuthToken.sign(signer, kid, did, audience, at, Duration.ofMinutes(5), jti);
    }

    private String call(String token) {
        return VerifierGrpc.newBlockingStub(loopback.channel()).withDeadlineAfter(5, TimeUnit.SECONDS)
            .withCallCredentials(bearer(token))
            .createPresentationChallenge(CreatePresentationChallengeRequest.getDefaultInstance()).getChallenge();
    }

    static CallCredentials bearer(String token) {
        return new CallCredentials() {
            @Override
            public void applyRequestMetadata(RequestInfo info, Executor executor, MetadataApplier applier) {
                Metadata headers = new Metadata();
                headers.put(AuthInterceptor.AUTHORIZATION, "Bearer " + token);
                applier.apply(headers);
            }
        };
    }
}
