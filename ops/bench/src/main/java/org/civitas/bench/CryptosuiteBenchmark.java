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
 * Data Integrity sign and verify of {@link Fixtures#diplomaCredential()} per cryptosuite, through the SDK's public
 * API ({@link DataIntegrity}), with did:key verification methods resolved locally. Run it in the same command as
 * {@link PrimitivesBenchmark} so that each suite reads against its raw signature.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CryptosuiteBenchmark {

    /** A key of the suite's type, the unsigned credential, and a signed copy for {@link #verify}. */
    @State(Scope.Benchmark)
    public static class Suite {
        @Param({"eddsa-jcs-2022", "ecdsa-jcs-2019", "sm2-jcs-2025", "eddsa-rdfc-2022", "ecdsa-rdfc-2019"})
        public String cryptosuite;

        ObjectNode credential;
        ObjectNode signed;
        SigningKey key;
        ProofOptions options;
        final DidResolver resolver = DidKey.resolver();
        final Instant now = Instant.parse("2026-12-01T09:00:00Z");

        @Setup(Level.Trial)
        public void prepare() throws FormatException {
            KeyType type = cryptosuite.startsWith("eddsa") ? KeyType.ED25519
                : cryptosuite.startsWith("ecdsa") ? KeyType.P256 : KeyType.SM2;
            key = SigningKey.generate(type).signingKey();
            credential = IJson.parseObject("diploma", Fixtures.diplomaCredential());
            options = ProofOptions.builder(cryptosuite, DidKey.verificationMethodId(key.verificationKey()))
                .created(Instant.parse("2026-11-30T09:00:00Z")).build();
            signed = DataIntegrity.sign(credential, options, key);
            if (!DataIntegrity.verify(signed, ProofExpectations.assertion(), resolver, now).verified()) {
                throw new IllegalStateException(cryptosuite + ": the signed credential does not verify");
            }
        }
    }

    @Benchmark
    public ObjectNode sign(Suite suite) {
        return DataIntegrity.sign(suite.credential, suite.options, suite.key);
    }

    @Benchmark
    public ProofVerification verify(Suite suite) {
        return DataIntegrity.verify(suite.signed, ProofExpectations.assertion(), suite.resolver, suite.now);
    }
}
