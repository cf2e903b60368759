package org.civitas.ledger.bench;

import org.civitas.ledger.Ledger;
import org.civitas.ledger.fixtures.Actor;
import org.civitas.ledger.fixtures.EmbeddedCluster;
import org.civitas.ledger.fixtures.LedgerCluster;
import org.civitas.ledger.fixtures.ReplicatedCluster;
import org.civitas.ledger.node.LedgerNode;
import org.civitas.ledger.replica.ReplicaConfig;
import org.civitas.sdk.key.KeyType;
import org.civitas.sdk.ledger.LedgerHash;
import org.civitas.sdk.ledger.SignedTransaction;
import org.civitas.server.CommonPool;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A load tool, run on demand (not a test): commits pre-signed status-list anchors as fast as the ledger takes
 * them and reports committed transactions per second and commit latency (submit → outcome). Every commit is
 * durable: the embedded node forces each batch to disk; each replicated node forces its Raft log and its ledger
 * files on a quorum before the outcome returns.
 *
 * <pre>
 * LedgerLoad embedded|replicated [transactions] [in flight] [warm-up transactions] [all|leader]
 * </pre>
 * Defaults: 20,000 transactions, 512 in flight, 5,000 to warm up. The replicated mode runs three nodes in this JVM
 * on loopback and submits through all three in turn (followers forward to the leader), or only through the
 * leader. With {@code -Dcpu} it also prints the CPU time each group of threads spent per transaction.
 */
public final class LedgerLoad {

    private LedgerLoad() { }

    public static void main(String[] args) throws Exception {
        CommonPool.ensureParallelism();
        String mode = args.length > 0 ? args[0] : "embedded";
        int transactions = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        int inFlight = args.length > 2 ? Integer.parseInt(args[2]) : 512;
        int warmUp = args.length > 3 ? Integer.parseInt(args[3]) : 5_000;
        boolean viaLeader = args.length > 4 && args[4].equals("leader");
        Path directory = Files.createTempDirectory("ledger-load");
        // The default election timeout: the tests' short one can elect anew when a loaded machine stalls a thread
        try (LedgerCluster cluster = mode.equals("replicated") ? ReplicatedCluster.start(directory, 3,
                c -> c.withElectionTimeout(ReplicaConfig.DEFAULT_ELECTION_TIMEOUT)) : EmbeddedCluster.start(directory)) {
            Ledger first = cluster.writer();
            Actor root = Actor.generate(KeyType.ED25519);
            LedgerCluster.commit(first, cluster.genesis(root, LedgerHash.SHA_256));
            List<Actor> issuers = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                Actor issuer = Actor.generate(KeyType.ED25519);
                LedgerCluster.commit(first, issuer.create());
                issuers.add(issuer);
            }
            if (cluster instanceof ReplicatedCluster replicated) {
                replicated.leader().awaitAllReplicated(java.time.Duration.ofSeconds(30));
            }
            System.out.printf("%s: signing %,d + %,d transactions…%n", mode, warmUp, transactions);
            List<SignedTransaction> warm = anchors(issuers, warmUp, "warm");
            List<SignedTransaction> measured = anchors(issuers, transactions, "load");

            List<? extends Ledger> entrances = viaLeader ? List.of(cluster.writer()) : cluster.nodes();
            run(entrances, warm, inFlight);
            Map<String, Long> cpuBefore = cpuByThreadGroup();
            Result result = run(entrances, measured, inFlight);
            Map<String, Long> cpuAfter = cpuByThreadGroup();
            System.out.printf(Locale.ROOT, "%s%s: %,d transactions, %d in flight: %,.0f tx/s; commit latency p50 %.1f ms,"
                    + " p99 %.1f ms, max %.1f ms; %d not committed%n", mode, viaLeader ? " (via the leader)" : "",
                transactions, inFlight,
                result.perSecond(), result.p50(), result.p99(), result.max(), result.failed());
            if (System.getProperty("cpu") != null) {
                cpuAfter.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .limit(15).forEach(e -> System.out.printf(Locale.ROOT, "  %-50s %6.0f µs CPU per transaction%n",
                        e.getKey(), (e.getValue() - cpuBefore.getOrDefault(e.getKey(), 0L)) / 1e3 / transactions));
            }
        } finally {
            try (Stream<Path> files = Files.walk(directory)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                System.err.println("could not delete " + directory);
            }
        }
        System.exit(0);
    }

    /** CPU time of the live threads, summed by name with digits removed. */
    private static Map<String, Long> cpuByThreadGroup() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<String, Long> cpu = new HashMap<>();
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info == null) continue;
            long nanos = threads.getThreadCpuTime(info.getThreadId());
            if (nanos > 0) cpu.merge(info.getThreadName().replaceAll("[0-9A-F]{6,}|\\d+", "#"), nanos, Long::sum);
        }
        return cpu;
    }

    private record Result(double perSecond, double p50, double p99, double max, int failed) { }

    private static List<SignedTransaction> anchors(List<Actor> issuers, int count, String tag) {
        List<SignedTransaction> list = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            list.add(issuers.get(i % issuers.size()).anchor("https://issuer.example/" + tag + "/" + i, 1));
        }
        return list;
    }

    private static Result run(List<? extends Ledger> nodes, List<SignedTransaction> transactions, int inFlight)
            throws InterruptedException {
        Semaphore window = new Semaphore(inFlight);
        long[] latencies = new long[transactions.size()];
        AtomicInteger failed = new AtomicInteger();
        List<CompletableFuture<?>> all = new ArrayList<>(transactions.size());
        long started = System.nanoTime();
        for (int i = 0; i < transactions.size(); i++) {
            window.acquire();
            int n = i;
            long sent = System.nanoTime();
            all.add(nodes.get(i % nodes.size()).submit(transactions.get(i)).whenComplete((outcome, e) -> {
                latencies[n] = System.nanoTime() - sent;
                if (!(outcome instanceof LedgerNode.Outcome.Committed)) failed.incrementAndGet();
                window.release();
            }));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).exceptionally(e -> null).join();
        double seconds = (System.nanoTime() - started) / 1e9;
        Arrays.sort(latencies);
        return new Result(transactions.size() / seconds, millis(latencies, 0.50), millis(latencies, 0.99),
            latencies[latencies.length - 1] / 1e6, failed.get());
    }

    private static double millis(long[] sorted, double quantile) {
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1)] / 1e6;
    }
}
