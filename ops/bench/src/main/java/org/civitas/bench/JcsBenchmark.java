package org.civitas.bench;

import com.fasterxml.jackson.databind.JsonNode;
import org.civitas.sdk.FormatException;
import org.civitas.sdk.jcs.IJson;
import org.civitas.sdk.jcs.Jcs;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.concurrent.TimeUnit;

/**
 * RFC 8785 canonicalisation of a typical credential ({@link Fixtures#diplomaCredential()}), the step the JCS
 * cryptosuites take before hashing: from untrusted text (strict I-JSON parsing, then canonicalisation), and on a
 * tree already parsed.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Benchmark)
public class JcsBenchmark {

    String credentialText;
    JsonNode credential;

    @Setup(Level.Trial)
    public void parse() throws FormatException {
        credentialText = Fixtures.diplomaCredential();
        credential = IJson.parse("credential", credentialText);
    }

    @Benchmark
    public byte[] parseAndCanonicalize() throws FormatException {
        return Jcs.canonicalize(IJson.parse("credential", credentialText));
    }

    @Benchmark
    public byte[] canonicalize() {
        return Jcs.canonicalize(credential);
    }
}
