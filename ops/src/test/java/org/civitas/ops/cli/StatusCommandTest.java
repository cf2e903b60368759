package org.civitas.ops.cli;

import io.grpc.Server;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import org.civitas.testkit.InProcessMongo;
import org.civitas.testkit.LocalRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StatusCommandTest {

    /** A gRPC server answering only the standard health service, as each Civitas service does. */
    record HealthServer(Server server, HealthStatusManager health, String address) {
        static HealthServer serving(String... services) throws IOException {
            HealthStatusManager health = new HealthStatusManager();
            for (String service : services) health.setStatus(service, ServingStatus.SERVING);
            Server server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .addService(health.getHealthService()).build().start();
            return new HealthServer(server, health, "127.0.0.1:" + server.getPort());
        }
    }

    LocalRedis redis;
    InProcessMongo mongo;
    HealthServer ledger;
    HealthServer identity;
    HealthServer issuer;
    final List<String> printed = new ArrayList<>();

    @BeforeAll
    void startComponents() {
        redis = LocalRedis.start();
        mongo = InProcessMongo.start();
    }

    @AfterAll
    void stopComponents() {
        redis.close();
        mongo.close();
    }

    @BeforeEach
    void startServices() throws IOException {
        ledger = HealthServer.serving("civitas.ledger.v1.Ledger");
        identity = HealthServer.serving("civitas.identity.v1.Identity", "civitas.verifier.v1.Verifier");
        issuer = HealthServer.serving("civitas.issuer.v1.CredentialIssuer");
    }

    @AfterEach
    void stopServices() {
        for (HealthServer s : List.of(ledger, identity, issuer)) s.server().shutdownNow();
    }

    @Test
    void status_everyPartHealthy_exitsZeroAndListsEachPart() {
        int exit = status();

        assertEquals(0, exit, String.join("\n", printed));
        assertTrue(printed.stream().anyMatch(l -> l.startsWith("ok") && l.contains("civitas.verifier.v1.Verifier")));
        assertTrue(printed.stream().anyMatch(l -> l.startsWith("ok") && l.contains("redis") && l.contains("+PONG")));
        assertTrue(printed.stream().anyMatch(l -> l.startsWith("ok") && l.contains("mongodb")));
        assertEquals("All healthy.", printed.get(printed.size() - 1));
    }

    @Test
    void status_serviceNotServing_exitsOneAndMarksItDown() {
        issuer.health().setStatus("civitas.issuer.v1.CredentialIssuer", ServingStatus.NOT_SERVING);

        int exit = status();

        assertEquals(1, exit);
        assertTrue(printed.stream().anyMatch(l -> l.startsWith("DOWN") && l.contains("CredentialIssuer")
            && l.contains("NOT_SERVING")), String.join("\n", printed));
    }

    @Test
    void status_serviceUnreachable_isReportedNotReachable() {
        ledger.server().shutdownNow();

        int exit = status();

        assertEquals(1, exit);
        assertTrue(printed.stream().anyMatch(l -> l.startsWith("DOWN") && l.contains("did-ledger")
            && l.contains("not reachable")), String.join("\n", printed));
    }

    @Test
    void status_serviceNotHostedAtThatAddress_isReportedAsSuch() {
        issuer = new HealthServer(issuer.server(), issuer.health(), ledger.address());

        int exit = status();

        assertEquals(1, exit);
        assertTrue(printed.stream().anyMatch(l -> l.contains("CredentialIssuer") && l.contains("not hosted here")),
            String.join("\n", printed));
    }

    private int status() {
        List<String> args = List.of("status",
            "--ledger", ledger.address(), "--identity", identity.address(), "--issuer", issuer.address(),
            "--redis", "127.0.0.1:" + redis.port(), "--mongodb", "127.0.0.1:" + URI.create(mongo.uri()).getPort());
        PrintStream original = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            return CivitasCli.commandLine().execute(args.toArray(String[]::new));
        } finally {
            System.setOut(original);
            printed.clear();
            printed.addAll(buffer.toString(StandardCharsets.UTF_8).lines().toList());
        }
    }
}
