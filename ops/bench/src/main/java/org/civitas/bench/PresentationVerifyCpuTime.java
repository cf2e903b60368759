package org.civitas.bench;

import org.civitas.sdk.FormatException;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.function.BooleanSupplier;

/**
 * Not JMH: the thread CPU time of one {@link PresentationVerifyBenchmark} operation (verify from QR, from JSON, the
 * three raw signature checks), which a shared machine disturbs far less than throughput. After a warm-up it runs
 * the three in turn, {@code rounds} times {@code ops} operations each, and prints the CPU microseconds per
 * operation of every round and the raw-to-verify ratio. Arguments: {@code [ops [rounds]]}, default 2,000 and 4.
 */
public final class PresentationVerifyCpuTime {

    private PresentationVerifyCpuTime() {}

    public static void main(String[] args) throws FormatException {
        int ops = args.length > 0 ? Integer.parseInt(args[0]) : 2_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        PresentationVerifyBenchmark.Counter counter = new PresentationVerifyBenchmark.Counter();
        counter.prepare();
        PresentationVerifyBenchmark benchmark = new PresentationVerifyBenchmark();
        BooleanSupplier qr = () -> benchmark.verifyQr(counter).accepted();
        BooleanSupplier json = () -> benchmark.verifyJson(counter).accepted();
        BooleanSupplier raw = () -> benchmark.rawSignatures(counter);
        for (int i = 0; i < 3; i++) {
            cpuMicrosPerOp(qr, ops);
            cpuMicrosPerOp(json, ops);
            cpuMicrosPerOp(raw, ops);
        }
        System.out.printf("%-6s %12s %12s %12s %10s %10s%n", "round", "QR µs/op", "JSON µs/op", "raw µs/op",
            "QR÷raw", "JSON÷raw");
        for (int round = 1; round <= rounds; round++) {
            double q = cpuMicrosPerOp(qr, ops);
            double j = cpuMicrosPerOp(json, ops);
            double r = cpuMicrosPerOp(raw, ops);
            System.out.printf("%-6d %12.1f %12.1f %12.1f %10.2f %10.2f%n", round, q, j, r, q / r, j / r);
        }
    }

    private static double cpuMicrosPerOp(BooleanSupplier operation, int ops) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long start = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < ops; i++) {
            if (!operation.getAsBoolean()) throw new IllegalStateException("an operation failed; nothing valid to measure");
        }
        return (threads.getCurrentThreadCpuTime() - start) / 1_000.0 / ops;
    }
}
