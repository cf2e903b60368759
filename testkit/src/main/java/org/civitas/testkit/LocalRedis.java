package org.civitas.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code redis-server} process on a free loopback port, holding nothing on disk, for one test class.
 * A JVM shutdown hook stops it even when the test's context fails to start, so no server outlives the build.
 */
public final class LocalRedis implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);

    private final Process process;
    private final int port;
    private final Thread shutdownHook;

    private LocalRedis(Process process, int port) {
        this.process = process;
        this.port = port;
        this.shutdownHook = new Thread(process::destroy, "local-redis-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Starts a server and waits until it accepts connections. */
    public static LocalRedis start() {
        int port = FreePorts.loopback();
        Path log;
        try {
            log = Files.createTempFile("civitas-redis-", ".log");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ProcessBuilder builder = new ProcessBuilder(List.of(
            "redis-server", "--bind", "127.0.0.1", "--port", Integer.toString(port),
            "--save", "", "--appendonly", "no", "--protected-mode", "yes"))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start redis-server (install it: apt-get install redis-server; "
                + "ops/bin/test does this for you)", e);
        }
        LocalRedis redis = new LocalRedis(process, port);
        redis.awaitAccepting(log);
        return redis;
    }

    public int port() { return port; }

    /** The URI Lettuce and Micronaut's {@code redis.uri} take. */
    public String uri() { return "redis://127.0.0.1:" + port; }

    private void awaitAccepting(Path log) {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("redis-server exited at start; its log: " + readQuietly(log));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                return;
            } catch (IOException notYet) {
                sleep(20);
            }
        }
        close();
        throw new IllegalStateException("redis-server did not accept connections on port " + port + " within "
            + START_TIMEOUT.toSeconds() + " s; its log: " + readQuietly(log));
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway
        }
    }


    private static String readQuietly(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for redis-server", e);
        }
    }
}
