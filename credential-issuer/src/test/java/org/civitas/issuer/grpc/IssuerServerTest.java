package org.civitas.issuer.grpc;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.micronaut.grpc.server.GrpcEmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.civitas.issuer.fixtures.TestWorld;
import org.civitas.proto.issuer.v1.CredentialIssuerGrpc;
import org.civitas.proto.issuer.v1.GetTrustBundleDeltaRequest;
import org.civitas.proto.issuer.v1.GetTrustBundleRequest;
import org.civitas.testkit.LoopbackChannel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IssuerServerTest implements TestPropertyProvider {

    TestWorld world;
    @Inject GrpcEmbeddedServer server;
    LoopbackChannel loopback;

    @Override
    public Map<String, String> getProperties() {
        world = TestWorld.start();
        return world.properties();
    }

    @BeforeAll void connect() { loopback = LoopbackChannel.to(server.getPort()); }

    @AfterAll
    void stop() {
        loopback.close();
        world.close();
    }

    @Test
    void issuerService_isServingOnItsHealthCheck() {
        assertEquals(ServingStatus.SERVING, loopback.health(""));
        assertEquals(ServingStatus.SERVING, loopback.health(CredentialIssuerGrpc.SERVICE_NAME));
    }

    @Test
    void reflection_listsTheIssuerService() {
        assertTrue(loopback.reflectedServices().contains(CredentialIssuerGrpc.SERVICE_NAME));
    }

    @Test
    void trustBundles_areUnimplementedUntilOfflineVerificationLands() {
        var stub = CredentialIssuerGrpc.newBlockingStub(loopback.channel()).withDeadlineAfter(10, TimeUnit.SECONDS);

        StatusRuntimeException bundle = assertThrows(StatusRuntimeException.class,
            () -> stub.getTrustBundle(GetTrustBundleRequest.getDefaultInstance()));
        StatusRuntimeException delta = assertThrows(StatusRuntimeException.class,
            () -> stub.getTrustBundleDelta(GetTrustBundleDeltaRequest.getDefaultInstance()));

        assertEquals(Status.Code.UNIMPLEMENTED, bundle.getStatus().getCode());
        assertEquals(Status.Code.UNIMPLEMENTED, delta.getStatus().getCode());
    }
}
