package org.civitas.issuer.grpc;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.micronaut.grpc.server.GrpcEmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.civitas.proto.issuer.v1.CredentialIssuerGrpc;
import org.civitas.proto.issuer.v1.ListCredentialTypesRequest;
import org.civitas.testkit.InProcessMongo;
import org.civitas.testkit.LocalRedis;
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

    InProcessMongo mongo;
    LocalRedis redis;
    @Inject GrpcEmbeddedServer server;
    LoopbackChannel loopback;

    @Override
    public Map<String, String> getProperties() {
        mongo = InProcessMongo.start();
        redis = LocalRedis.start();
        return Map.of("mongodb.uri", mongo.uri() + "/issuer", "redis.uri", redis.uri());
    }

    @BeforeAll void connect() { loopback = LoopbackChannel.to(server.getPort()); }

    @AfterAll
    void stop() {
        loopback.close();
        redis.close();
        mongo.close();
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
    void credentialTypeCatalogue_isUnimplementedUntilIssuanceLands() {
        var stub = CredentialIssuerGrpc.newBlockingStub(loopback.channel()).withDeadlineAfter(10, TimeUnit.SECONDS);

        StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
            () -> stub.listCredentialTypes(ListCredentialTypesRequest.getDefaultInstance()));

        assertEquals(Status.Code.UNIMPLEMENTED, e.getStatus().getCode());
    }
}
