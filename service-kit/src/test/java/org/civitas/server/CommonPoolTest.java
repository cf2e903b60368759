package org.civitas.server;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CommonPoolTest {

    /** What a service's main does first, in a JVM of its own: the test JVM's pool is set up long before. */
    public static final class Main {
        public static void main(String[] args) {
            CommonPool.ensureParallelism();
            Thread ran = CompletableFuture.supplyAsync(Thread::currentThread).join();
            System.out.print(CommonPool.pooled() + " " + (ran instanceof ForkJoinWorkerThread));
        }
    }

    @Test
    void onTwoCores_asyncTasksWithoutAnExecutorRunOnPooledThreads() throws Exception {
        assertEquals("true true", run(List.of("-XX:ActiveProcessorCount=2")));
    }

    @Test
    void anExplicitParallelismWins() throws Exception {
        assertEquals("false false", run(List.of("-XX:ActiveProcessorCount=2", "-D" + CommonPool.PARALLELISM + "=1")));
    }

    private static String run(List<String> jvmOptions) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the child JVM did not finish");
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    }
}
