package org.civitas.identity.grpc;

import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.micronaut.grpc.server.GrpcEmbeddedServer;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.civitas.identity.fixtures.World;
import org.civitas.proto.identity.v1.IdentityGrpc;
import org.civitas.proto.verifier.v1.VerifierGrpc;
import org.civitas.testkit.LoopbackChannel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IdentityServerTest implements TestPropertyProvider {

    World world;
    @Inject GrpcEmbeddedServer server;
    @Inject EmbeddedServer http;
    LoopbackChannel loopback;

    @Override
    public Map<String, String> getProperties() {
        world = World.start();
        return world.properties();
    }

    @BeforeAll void connect() { loopback = LoopbackChannel.to(server.getPort()); }

    @AfterAll
    void stop() {
        loopback.close();
        world.close();
    }

    @Test
    void identityAndVerifierServices_areServingOnTheirHealthChecks() {
        assertEquals(ServingStatus.SERVING, loopback.health(""));
        assertEquals(ServingStatus.SERVING, loopback.health(IdentityGrpc.SERVICE_NAME));
        assertEquals(ServingStatus.SERVING, loopback.health(VerifierGrpc.SERVICE_NAME));
    }

    @Test
    void reflection_listsIdentityAndVerifier() {
        var services = loopback.reflectedServices();

        assertTrue(services.contains(IdentityGrpc.SERVICE_NAME), services.toString());
        assertTrue(services.contains(VerifierGrpc.SERVICE_NAME), services.toString());
    }

    @Test
    void httpHealth_seesTheRealMongoDbAndRedis() throws Exception {
        HttpResponse<String> health = HttpClient.newHttpClient().send(
            HttpRequest.newBuilder(http.getURI().resolve("/health")).build(), HttpResponse.BodyHandlers.ofString());

        assertEquals(200, health.statusCode(), health.body());
        assertTrue(health.body().matches(".*\"mongodb[^\"]*\":\\{[^}]*\"status\":\"UP\".*"), health.body());
        assertTrue(health.body().matches(".*\"redis[^\"]*\":\\{[^}]*\"status\":\"UP\".*"), health.body());
    }
}
