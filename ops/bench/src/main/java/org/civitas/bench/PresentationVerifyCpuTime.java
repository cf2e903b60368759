package org.civitas.bench;

import org.civitas.sdk.FormatException;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.function.BooleanSupplier;

/**
 * Not JMH: the thread CPU time of one {@link PresentationVerifyBenchmark} operation (verify from QR, from QR of a
 * citizen met for the first time ({@code verifyQrFreshDevice}), from JSON, the three raw signature checks), which a
 * shared machine disturbs far less than throughput. After a warm-up it runs the four in turn, {@code rounds} times
 * {@code ops} operations each, and prints the CPU microseconds per operation of every round and each verification's
 * ratio to the raw checks. Arguments: {@code [ops [rounds]]}, default 2,000 and 4.
 */
public final class PresentationVerifyCpuTime {

    private PresentationVerifyCpuTime() {}

    public static void main(String[] args) throws FormatException {
        int ops = args.length > 0 ? Integer.parseInt(args[0]) : 2_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        PresentationVerifyBenchmark.Counter counter = new PresentationVerifyBenchmark.Counter();
        counter.prepare();
        PresentationVerifyBenchmark.FreshDevices devices = new PresentationVerifyBenchmark.FreshDevices();
        devices.prepare(counter);
        PresentationVerifyBenchmark benchmark = new PresentationVerifyBenchmark();
        BooleanSupplier qr = () -> benchmark.verifyQr(counter).accepted();
        BooleanSupplier deviceKey = () -> benchmark.verifyQrFreshDevice(counter, devices).accepted();
        BooleanSupplier json = () -> benchmark.verifyJson(counter).accepted();
        BooleanSupplier raw = () -> benchmark.rawSignatures(counter);
        for (int i = 0; i < 3; i++) {
            cpuMicrosPerOp(qr, ops);
            cpuMicrosPerOp(deviceKey, ops);
            cpuMicrosPerOp(json, ops);
            cpuMicrosPerOp(raw, ops);
        }
        System.out.printf("%-6s %10s %12s %11s %10s %8s %10s %9s%n", "round", "QR µs/op", "fresh µs/op",
            "JSON µs/op", "raw µs/op", "QR÷raw", "fresh÷raw", "JSON÷raw");
        for (int round = 1; round <= rounds; round++) {
            double q = cpuMicrosPerOp(qr, ops);
            double k = cpuMicrosPerOp(deviceKey, ops);
            double j = cpuMicrosPerOp(json, ops);
            double r = cpuMicrosPerOp(raw, ops);
            System.out.printf("%-6d %10.1f %12.1f %11.1f %10.1f %8.2f %10.2f %9.2f%n", round, q, k, j, r, q / r, k / r,
                j / r);
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
