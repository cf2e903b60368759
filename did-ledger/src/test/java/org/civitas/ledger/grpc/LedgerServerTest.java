package org.civitas.ledger.grpc;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.micronaut.grpc.server.GrpcEmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.civitas.proto.ledger.v1.GetSignedTreeHeadRequest;
import org.civitas.proto.ledger.v1.LedgerGrpc;
import org.civitas.testkit.LoopbackChannel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LedgerServerTest {

    @Inject GrpcEmbeddedServer server;
    LoopbackChannel loopback;

    @BeforeAll void connect() { loopback = LoopbackChannel.to(server.getPort()); }

    @AfterAll void disconnect() { loopback.close(); }

    @Test
    void ledgerService_isServingOnItsHealthCheck() {
        assertEquals(ServingStatus.SERVING, loopback.health(""));
        assertEquals(ServingStatus.SERVING, loopback.health(LedgerGrpc.SERVICE_NAME));
    }

    @Test
    void reflection_listsTheLedgerService() {
        assertTrue(loopback.reflectedServices().contains(LedgerGrpc.SERVICE_NAME));
    }

    @Test
    void signedTreeHead_isUnimplementedUntilTheLedgerLands() {
        var stub = LedgerGrpc.newBlockingStub(loopback.channel()).withDeadlineAfter(10, TimeUnit.SECONDS);

        StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
            () -> stub.getSignedTreeHead(GetSignedTreeHeadRequest.getDefaultInstance()));

        assertEquals(Status.Code.UNIMPLEMENTED, e.getStatus().getCode());
    }
}
