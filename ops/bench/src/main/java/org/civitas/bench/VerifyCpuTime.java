package org.civitas.bench;

import org.civitas.sdk.key.KeyType;
import org.civitas.sdk.key.SigningKey;
import org.civitas.sdk.key.VerificationKey;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * Not JMH: the thread CPU time of one {@link PrimitivesBenchmark#verify} operation per key type (one key object
 * verifying the same signature again and again, as an issuer's key does), which a shared machine disturbs far less
 * than throughput. After a warm-up it prints the CPU microseconds per verification of every round. Arguments:
 * {@code [ops [rounds]]}, default 5,000 and 4.
 */
public final class VerifyCpuTime {

    private VerifyCpuTime() {}

    public static void main(String[] args) {
        int ops = args.length > 0 ? Integer.parseInt(args[0]) : 5_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        KeyType[] types = KeyType.values();
        VerificationKey[] keys = new VerificationKey[types.length];
        byte[][] signatures = new byte[types.length][];
        byte[] message = Fixtures.dataIntegrityMessage();
        for (int i = 0; i < types.length; i++) {
            SigningKey signingKey = SigningKey.generate(types[i]).signingKey();
            keys[i] = signingKey.verificationKey();
            signatures[i] = signingKey.sign(message);
        }
        for (int warmUp = 0; warmUp < 3; warmUp++) {
            for (int i = 0; i < types.length; i++) cpuMicrosPerVerification(keys[i], message, signatures[i], ops);
        }
        StringBuilder header = new StringBuilder(String.format("%-6s", "round"));
        for (KeyType type : types) header.append(String.format(" %14s", type + " µs/op"));
        System.out.println(header);
        for (int round = 1; round <= rounds; round++) {
            StringBuilder line = new StringBuilder(String.format("%-6d", round));
            for (int i = 0; i < types.length; i++) {
                line.append(String.format(" %14.1f", cpuMicrosPerVerification(keys[i], message, signatures[i], ops)));
            }
            System.out.println(line);
        }
    }

    private static double cpuMicrosPerVerification(VerificationKey key, byte[] message, byte[] signature, int ops) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long start = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < ops; i++) {
            if (!key.verify(message, signature)) throw new IllegalStateException(key + " rejected its own signature");
        }
        return (threads.getCurrentThreadCpuTime() - start) / 1_000.0 / ops;
    }
}
