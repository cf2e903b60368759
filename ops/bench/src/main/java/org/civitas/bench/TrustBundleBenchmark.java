package org.civitas.bench;

import org.civitas.sdk.trust.TrustBundle;
import org.civitas.sdk.trust.TrustBundleException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.concurrent.TimeUnit;

/**
 * What a counter does when it takes a new trust bundle: {@link TrustBundle#load} of a province-sized bundle
 * ({@link ProvinceBundle}: 1,000 issuers, 50 million credentials, each with a revocation and a suspension entry,
 * so 2,000 lists of 131,072 entries), checking every signature, proof and digest; and {@code applyDelta} of one
 * day's changes. The bundle is generated once per trial.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class TrustBundleBenchmark {

    @State(Scope.Benchmark)
    public static class Province {
        @Param({"1000"})
        public int issuers;

        @Param({"50000000"})
        public long credentials;

        ProvinceBundle province;
        byte[] full;
        byte[] delta;
        TrustBundle loaded;

        @Setup(Level.Trial)
        public void generate() throws TrustBundleException {
            province = ProvinceBundle.standard(issuers, credentials);
            full = province.fullBundle(province.day0);
            delta = province.delta();
            loaded = TrustBundle.load(full, province.anchors(), province.day0Now());
        }
    }

    @Benchmark
    public TrustBundle load(Province p) throws TrustBundleException {
        return TrustBundle.load(p.full, p.province.anchors(), p.province.day0Now());
    }

    @Benchmark
    public TrustBundle applyDailyDelta(Province p) throws TrustBundleException {
        return p.loaded.applyDelta(p.delta, p.province.day1Now());
    }
}
