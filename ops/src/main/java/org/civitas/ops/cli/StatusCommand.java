package org.civitas.ops.cli;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * Shows whether each part of a deployment is up: the three services through the standard gRPC health check of
 * every service they host, Redis by {@code PING}, MongoDB by reaching its port. Exit code 0 only when all are.
 */
@Command(name = "status", mixinStandardHelpOptions = true,
    description = "Check the health of the ledger, identity-service, credential-issuer, MongoDB and Redis.")
final class StatusCommand implements Callable<Integer> {

    /** A service and the gRPC service names it must report SERVING. */
    record Service(String name, Endpoint endpoint, List<String> grpcServices) { }

    /** One line of the report. */
    record Row(String component, String address, boolean healthy, String detail) { }

    @Option(names = "--ledger", defaultValue = "${env:CIVITAS_LEDGER_GRPC:-127.0.0.1:7100}",
        description = "did-ledger gRPC address (default: ${DEFAULT-VALUE})")
    String ledger;

    @Option(names = "--identity", defaultValue = "${env:CIVITAS_IDENTITY_GRPC:-127.0.0.1:7200}",
        description = "identity-service gRPC address (default: ${DEFAULT-VALUE})")
    String identity;

    @Option(names = "--issuer", defaultValue = "${env:CIVITAS_ISSUER_GRPC:-127.0.0.1:7300}",
        description = "credential-issuer gRPC address (default: ${DEFAULT-VALUE})")
    String issuer;

    @Option(names = "--mongodb", defaultValue = "${env:CIVITAS_MONGODB:-127.0.0.1:7017}",
        description = "MongoDB address (default: ${DEFAULT-VALUE})")
    String mongodb;

    @Option(names = "--redis", defaultValue = "${env:CIVITAS_REDIS:-127.0.0.1:7379}",
        description = "Redis address (default: ${DEFAULT-VALUE})")
    String redis;

    @Option(names = "--wait", defaultValue = "0s",
        description = "Keep checking until everything is healthy or this much time has passed, e.g. 60s.")
    String wait;

    @Option(names = "--quiet", description = "Print nothing; answer with the exit code only.")
    boolean quiet;

    @Override
    public Integer call() {
        Duration patience = Duration.parse("PT" + wait.toUpperCase());
        long deadline = System.nanoTime() + patience.toNanos();
        List<Row> rows = check();
        while (!allHealthy(rows) && System.nanoTime() < deadline) {
            sleep(Duration.ofMillis(500));
            rows = check();
        }
        if (!quiet) print(rows);
        return allHealthy(rows) ? 0 : 1;
    }

    List<Row> check() {
        List<Row> rows = new ArrayList<>();
        for (Service service : services()) rows.addAll(checkGrpc(service));
        rows.add(checkRedis(Endpoint.parse(redis)));
        rows.add(checkReachable("mongodb", Endpoint.parse(mongodb)));
        return rows;
    }

    List<Service> services() {
        return List.of(
            new Service("did-ledger", Endpoint.parse(ledger), List.of("civitas.ledger.v1.Ledger")),
            new Service("identity-service", Endpoint.parse(identity),
                List.of("civitas.identity.v1.Identity", "civitas.verifier.v1.Verifier")),
            new Service("credential-issuer", Endpoint.parse(issuer), List.of("civitas.issuer.v1.CredentialIssuer")));
    }

    private static List<Row> checkGrpc(Service service) {
        ManagedChannel channel = ManagedChannelBuilder
            .forAddress(service.endpoint().host(), service.endpoint().port()).usePlaintext().build();
        try {
            List<Row> rows = new ArrayList<>();
            for (String grpcService : service.grpcServices()) {
                rows.add(checkHealth(channel, service, grpcService));
            }
            return rows;
        } finally {
            channel.shutdownNow();
        }
    }

    private static Row checkHealth(ManagedChannel channel, Service service, String grpcService) {
        String component = service.name() + " " + grpcService;
        try {
            ServingStatus status = HealthGrpc.newBlockingStub(channel).withDeadlineAfter(2, TimeUnit.SECONDS)
                .check(HealthCheckRequest.newBuilder().setService(grpcService).build()).getStatus();
            return new Row(component, service.endpoint().toString(), status == ServingStatus.SERVING, status.name());
        } catch (StatusRuntimeException e) {
            return new Row(component, service.endpoint().toString(), false, describe(e));
        }
    }

    private static String describe(StatusRuntimeException e) {
        return switch (e.getStatus().getCode()) {
            case UNAVAILABLE -> "not reachable";
            case DEADLINE_EXCEEDED -> "no answer within 2 s";
            case NOT_FOUND -> "service not hosted here";
            default -> e.getStatus().getCode().name();
        };
    }

    private static Row checkRedis(Endpoint endpoint) {
        try (Socket socket = connect(endpoint)) {
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] reply = new byte[7];
            int read = in.readNBytes(reply, 0, reply.length);
            String answer = new String(reply, 0, read, StandardCharsets.US_ASCII);
            return new Row("redis", endpoint.toString(), answer.startsWith("+PONG"), answer.trim());
        } catch (IOException e) {
            return new Row("redis", endpoint.toString(), false, "not reachable");
        }
    }

    private static Row checkReachable(String component, Endpoint endpoint) {
        try (Socket ignored = connect(endpoint)) {
            return new Row(component, endpoint.toString(), true, "accepting connections");
        } catch (IOException e) {
            return new Row(component, endpoint.toString(), false, "not reachable");
        }
    }

    private static Socket connect(Endpoint endpoint) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(endpoint.host(), endpoint.port()), 2000);
        socket.setSoTimeout(2000);
        return socket;
    }

    private static boolean allHealthy(List<Row> rows) {
        return rows.stream().allMatch(Row::healthy);
    }

    private static void print(List<Row> rows) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        int width = rows.stream().mapToInt(r -> r.component().length()).max().orElse(10);
        for (Row row : rows) {
            out.printf("%-4s %-" + width + "s  %-16s %s%n",
                row.healthy() ? "ok" : "DOWN", row.component(), row.address(), row.detail());
        }
        out.println(allHealthy(rows) ? "All healthy." : "Not healthy: see the DOWN lines (logs are under var/log).");
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
