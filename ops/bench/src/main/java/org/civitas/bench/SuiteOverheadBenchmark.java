package org.civitas.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.civitas.sdk.FormatException;
import org.civitas.sdk.did.DidKey;
import org.civitas.sdk.did.DidResolver;
import org.civitas.sdk.jcs.IJson;
import org.civitas.sdk.key.KeyType;
import org.civitas.sdk.key.SigningKey;
import org.civitas.sdk.proof.DataIntegrity;
import org.civitas.sdk.proof.ProofExpectations;
import org.civitas.sdk.proof.ProofOptions;
import org.civitas.sdk.proof.ProofVerification;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * What a JCS cryptosuite adds to its raw signature: each group runs the suite's Data Integrity operation on
 * {@link Fixtures#diplomaCredential()} and the bare signature primitive over a 64-byte message side by side, one
 * thread each, at the same time. Both threads therefore share whatever else the machine is doing, and the ratio of
 * their throughputs holds even where the absolute figures move with the load (run separately, as
 * {@link CryptosuiteBenchmark} and {@link PrimitivesBenchmark} are, the two halves can see different loads).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SuiteOverheadBenchmark {

    /** One key, a signed credential, and a raw signature by the same key. */
    @State(Scope.Group)
    public static class Pair {
        @Param({"eddsa-jcs-2022", "ecdsa-jcs-2019", "sm2-jcs-2025"})
        public String cryptosuite;

        final byte[] message = Fixtures.dataIntegrityMessage();
        final DidResolver resolver = DidKey.resolver();
        final Instant now = Instant.parse("2026-12-01T09:00:00Z");
        ObjectNode credential;
        ObjectNode signed;
        ProofOptions options;
        SigningKey key;
        byte[] signature;

        @Setup(Level.Trial)
        public void prepare() throws FormatException {
            KeyType type = cryptosuite.startsWith("eddsa") ? KeyType.ED25519
                : cryptosuite.startsWith("ecdsa") ? KeyType.P256 : KeyType.SM2;
            key = SigningKey.generate(type).signingKey();
            credential = IJson.parseObject("diploma", Fixtures.diplomaCredential());
            options = ProofOptions.builder(cryptosuite, DidKey.verificationMethodId(key.verificationKey()))
                .created(Instant.parse("2026-11-30T09:00:00Z")).build();
            signed = DataIntegrity.sign(credential, options, key);
            signature = key.sign(message);
            if (!DataIntegrity.verify(signed, ProofExpectations.assertion(), resolver, now).verified()
                    || !key.verificationKey().verify(message, signature)) {
                throw new IllegalStateException(cryptosuite + ": nothing valid to measure");
            }
        }
    }

    @Benchmark
    @Group("sign")
    @GroupThreads(1)
    public ObjectNode suiteSign(Pair pair) {
        return DataIntegrity.sign(pair.credential, pair.options, pair.key);
    }

    @Benchmark
    @Group("sign")
    @GroupThreads(1)
    public byte[] rawSign(Pair pair) {
        return pair.key.sign(pair.message);
    }

    @Benchmark
    @Group("verify")
    @GroupThreads(1)
    public ProofVerification suiteVerify(Pair pair) {
        return DataIntegrity.verify(pair.signed, ProofExpectations.assertion(), pair.resolver, pair.now);
    }

    @Benchmark
    @Group("verify")
    @GroupThreads(1)
    public boolean rawVerify(Pair pair) {
        return pair.key.verificationKey().verify(pair.message, pair.signature);
    }
}
