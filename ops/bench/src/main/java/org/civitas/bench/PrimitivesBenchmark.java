package org.civitas.bench;

import org.bouncycastle.crypto.digests.SM3Digest;
import org.civitas.sdk.key.KeyType;
import org.civitas.sdk.key.SigningKey;
import org.civitas.sdk.key.VerificationKey;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.TimeUnit;

/**
 * The primitives under every cryptosuite: raw signing and verification through the SDK's {@link SigningKey} and
 * {@link VerificationKey} (Ed25519, ECDSA P-256, SM2) over the 64 bytes Data Integrity signs, and hashing 1 KiB
 * with the JDK's SHA-256 and BouncyCastle's SM3.
 *
 * <p>The cryptosuite benchmarks (sign and verify of {@link Fixtures#diplomaCredential()} per suite) belong beside
 * this class and run in the same command, so that a suite's cost reads against its primitive's: see
 * {@code ops/bench/README.md}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class PrimitivesBenchmark {

    /** A fresh key pair of each type, and a valid signature over the message for {@link #verify}. */
    @State(Scope.Benchmark)
    public static class Keys {
        @Param({"ED25519", "P256", "SM2"})
        public KeyType keyType;

        final byte[] message = Fixtures.dataIntegrityMessage();
        SigningKey signingKey;
        VerificationKey verificationKey;
        byte[] signature;

        @Setup(Level.Trial)
        public void generate() {
            signingKey = SigningKey.generate(keyType).signingKey();
            verificationKey = signingKey.verificationKey();
            signature = signingKey.sign(message);
            if (!verificationKey.verify(message, signature)) {
                throw new IllegalStateException(keyType + " signature does not verify: nothing to measure");
            }
        }
    }

    /** One digest of each kind per thread: neither is thread-safe. */
    @State(Scope.Thread)
    public static class Digests {
        final byte[] kibibyte = Fixtures.pattern(1024);
        final SM3Digest sm3 = new SM3Digest();
        MessageDigest sha256;

        @Setup(Level.Trial)
        public void create() throws NoSuchAlgorithmException {
            sha256 = MessageDigest.getInstance("SHA-256");
        }
    }

    @Benchmark
    public byte[] sign(Keys keys) {
        return keys.signingKey.sign(keys.message);
    }

    @Benchmark
    public boolean verify(Keys keys) {
        return keys.verificationKey.verify(keys.message, keys.signature);
    }

    @Benchmark
    public byte[] sha256(Digests digests) {
        return digests.sha256.digest(digests.kibibyte);
    }

    @Benchmark
    public byte[] sm3(Digests digests) {
        byte[] hash = new byte[32];
        digests.sm3.update(digests.kibibyte, 0, digests.kibibyte.length);
        digests.sm3.doFinal(hash, 0);
        return hash;
    }
}
