package org.civitas.ops.demo;

import org.civitas.testkit.FreePorts;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One Civitas service in its own JVM, started from its module's build output ({@code target/classes} and the
 * runtime jars the package phase copies to {@code target/lib}), as {@code ops/bin/civitas up} starts it from the
 * jar: one service per JVM, since a single classpath would give one Micronaut context every service's beans.
 */
final class ServiceProcess implements AutoCloseable {

    private static final long START_TIMEOUT_SECONDS = 240;

    private final String name;
    private final Process process;
    private final Path log;
    private final int port;

    private ServiceProcess(String name, Process process, Path log, int port) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /** The module's runtime classpath, or null when the module has not been packaged (no {@code target/lib}). */
    static String classpath(Path root, String module) {
        Path target = root.resolve(module).resolve("target");
        if (!Files.isDirectory(target.resolve("classes")) || !Files.isDirectory(target.resolve("lib"))) return null;
        return target.resolve("classes") + File.pathSeparator + target.resolve("lib") + File.separator + "*";
    }

    /** Starts the service on a free gRPC port (HTTP on any free port) with these configuration properties. */
    static ServiceProcess start(String name, String classpath, String mainClass, Map<String, String> properties,
                                Path logDir) {
        int port = FreePorts.loopback();
        List<String> command = new ArrayList<>(List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            // small heaps and the quick JIT tier: three services and the test share the machine
            "-Xms64m", "-Xmx384m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
            "-cp", classpath));
        properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("-Dgrpc.server.port=" + port);
        command.add("-Dmicronaut.server.port=-1");
        command.add(mainClass);
        Path log = logDir.resolve(name + ".log");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            return new ServiceProcess(name, process, log, port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code 127.0.0.1:port} of its gRPC server. */
    String target() { return "127.0.0.1:" + port; }

    /** Waits until the gRPC health check says {@code grpcService} is SERVING. */
    ServiceProcess awaitServing(String grpcService) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_TIMEOUT_SECONDS);
        ManagedChannel channel = ManagedChannelBuilder.forTarget(target()).usePlaintext().build();
        try {
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) throw new IllegalStateException(name + " exited at start:\n" + tail());
                try {
                    if (HealthGrpc.newBlockingStub(channel).withDeadlineAfter(2, TimeUnit.SECONDS)
                            .check(HealthCheckRequest.newBuilder().setService(grpcService).build()).getStatus()
                            == ServingStatus.SERVING) {
                        return this;
                    }
                } catch (RuntimeException notYet) {
                    // not listening yet
                }
                Thread.sleep(250);
            }
        } finally {
            channel.shutdownNow();
        }
        throw new IllegalStateException(name + " did not serve within " + START_TIMEOUT_SECONDS + " s:\n" + tail());
    }

    /** The last lines of its log, for a failure message. */
    String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }


    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
