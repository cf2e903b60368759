package org.civitas.server;

import com.google.rpc.BadRequest;
import com.google.rpc.ErrorInfo;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.micronaut.grpc.server.GrpcEmbeddedServer;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.civitas.grpc.StatusDetails;
import org.civitas.proto.ledger.v1.GetConsistencyProofRequest;
import org.civitas.proto.ledger.v1.GetEntryRequest;
import org.civitas.proto.ledger.v1.GetInclusionProofRequest;
import org.civitas.proto.ledger.v1.GetSignedTreeHeadRequest;
import org.civitas.proto.ledger.v1.LedgerGrpc;
import org.civitas.proto.ledger.v1.ListAccreditationsRequest;
import org.civitas.proto.ledger.v1.ResolveDidRequest;
import org.civitas.testkit.LoopbackChannel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.function.Executable;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServerEdgeTest {

    @Inject GrpcEmbeddedServer grpcServer;
    @Inject EmbeddedServer httpServer;

    LoopbackChannel loopback;
    LedgerGrpc.LedgerBlockingStub ledger;

    @BeforeAll
    void connect() {
        loopback = LoopbackChannel.to(grpcServer.getPort());
        ledger = LedgerGrpc.newBlockingStub(loopback.channel()).withDeadlineAfter(10, TimeUnit.SECONDS);
    }

    @AfterAll
    void disconnect() { loopback.close(); }

    @Test
    void thrownServiceException_answersItsCodeWithErrorInfoAndFieldViolations() {
        StatusRuntimeException e = fails(() -> ledger.getEntry(GetEntryRequest.newBuilder().setIndex(42).build()));

        assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
        assertEquals("index must be below the tree size 10", e.getStatus().getDescription());
        ErrorInfo info = StatusDetails.of(e).errorInfo().orElseThrow();
        assertEquals("ENTRY_INDEX_INVALID", info.getReason());
        assertEquals("ledger.civitas", info.getDomain());
        assertEquals("10", info.getMetadataOrThrow("treeSize"));
        BadRequest.FieldViolation violation = StatusDetails.of(e).badRequest().orElseThrow().getFieldViolations(0);
        assertEquals("index", violation.getField());
        assertEquals("must be below the tree size 10", violation.getDescription());
    }

    @Test
    void serviceExceptionPassedToOnError_isMappedLikeAThrownOne() {
        StatusRuntimeException e = fails(() -> ledger.resolveDid(
            ResolveDidRequest.newBuilder().setDid("did:civitas:abc").build()));

        assertEquals(Status.Code.FAILED_PRECONDITION, e.getStatus().getCode());
        StatusDetails details = StatusDetails.of(e);
        assertEquals("DID_DEACTIVATED", details.reason().orElseThrow());
        assertEquals("did:civitas:abc", details.resourceInfo().orElseThrow().getResourceName());
        assertEquals("DID_DEACTIVATED", details.preconditionFailure().orElseThrow().getViolations(0).getType());
    }

    @Test
    void retryableServiceException_carriesRetryInfo() {
        StatusRuntimeException e = fails(() -> ledger.getSignedTreeHead(GetSignedTreeHeadRequest.getDefaultInstance()));

        assertEquals(Status.Code.UNAVAILABLE, e.getStatus().getCode());
        com.google.protobuf.Duration delay = StatusDetails.of(e).retryInfo().orElseThrow().getRetryDelay();
        assertEquals(1, delay.getSeconds());
        assertEquals(500_000_000, delay.getNanos());
    }

    @Test
    void unexpectedException_isInternalWithAnIncidentIdAndRevealsNothing() {
        StatusRuntimeException e = fails(() -> ledger.getInclusionProof(GetInclusionProofRequest.getDefaultInstance()));

        assertEquals(Status.Code.INTERNAL, e.getStatus().getCode());
        String description = e.getStatus().getDescription();
        assertTrue(description.matches("Internal error, incident [0-9a-f]{12}\\..*"), description);
        assertFalse(description.contains(FailingLedger.SECRET));
        assertFalse(description.contains("IllegalStateException"));
        assertTrue(StatusDetails.of(e).errorInfo().isEmpty());
    }

    @Test
    void statusChosenByTheEndpoint_passesThroughUnchanged() {
        StatusRuntimeException e = fails(() -> ledger.getConsistencyProof(
            GetConsistencyProofRequest.newBuilder().setFirstTreeSize(1).setSecondTreeSize(99).build()));

        assertEquals(Status.Code.OUT_OF_RANGE, e.getStatus().getCode());
        assertEquals("second_tree_size 99 is beyond the tree (10)", e.getStatus().getDescription());
    }

    @Test
    void rpcTheEndpointDoesNotImplement_isUnimplemented() {
        StatusRuntimeException e = fails(() -> ledger.listAccreditations(ListAccreditationsRequest.getDefaultInstance()));

        assertEquals(Status.Code.UNIMPLEMENTED, e.getStatus().getCode());
    }

    @Test
    void healthService_reportsTheServerAndEachServiceServing() {
        assertEquals(ServingStatus.SERVING, loopback.health(""));
        assertEquals(ServingStatus.SERVING, loopback.health("civitas.ledger.v1.Ledger"));
    }

    @Test
    void reflection_listsTheContractServicesAndHealth() {
        var services = loopback.reflectedServices();

        assertTrue(services.contains("civitas.ledger.v1.Ledger"), services.toString());
        assertTrue(services.contains("grpc.health.v1.Health"), services.toString());
    }

    @Test
    void httpHealthAndPrometheusEndpoints_answer() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(httpServer.getURI().resolve("/health")).build(),
            HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> metrics = http.send(
            HttpRequest.newBuilder(httpServer.getURI().resolve("/prometheus")).build(),
            HttpResponse.BodyHandlers.ofString());

        assertEquals(200, health.statusCode());
        assertTrue(health.body().contains("\"status\":\"UP\""), health.body());
        assertTrue(health.body().contains("grpc-server"), health.body());
        assertEquals(200, metrics.statusCode());
        assertTrue(metrics.body().contains("jvm_memory_used_bytes"), metrics.body());
    }

    private static StatusRuntimeException fails(Executable call) {
        return assertThrows(StatusRuntimeException.class, call);
    }
}
