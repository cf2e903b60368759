package org.civitas.server;

import java.util.concurrent.ForkJoinPool;

/**
 * Sizes the JVM's common fork-join pool before anything uses it. On a machine with two cores the pool's default
 * parallelism is one, and then {@link java.util.concurrent.CompletableFuture}'s async methods without an executor
 * start a new thread for every task instead of using the pool: the gRPC, Ratis and driver libraries the services
 * use call them on every request (a replicated ledger node started thousands of threads a minute under load).
 * Two workers keep those tasks on pooled threads. An explicit {@code -Djava.util.concurrent.ForkJoinPool.common.parallelism}
 * always wins.
 */
public final class CommonPool {

    static final String PARALLELISM = "java.util.concurrent.ForkJoinPool.common.parallelism";
    static final int MIN_PARALLELISM = 2;

    private CommonPool() { }

    /** Call first thing in {@code main}, before any library touches the common pool. */
    public static void ensureParallelism() {
        if (System.getProperty(PARALLELISM) == null
                && Runtime.getRuntime().availableProcessors() - 1 < MIN_PARALLELISM) {
            System.setProperty(PARALLELISM, Integer.toString(MIN_PARALLELISM));
        }
    }

    /** Whether async tasks without an executor run on pooled threads (false: a new thread each). */
    public static boolean pooled() {
        return ForkJoinPool.getCommonPoolParallelism() >= MIN_PARALLELISM;
    }
}
