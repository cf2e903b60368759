package org.civitas.bench;

import org.civitas.sdk.trust.TrustBundle;

import java.util.Locale;

/**
 * Prints the size of a province-sized trust bundle and of one day's delta ({@link ProvinceBundle}), and checks
 * that both load. Not a JMH benchmark: sizes do not need repeating. Arguments: issuers, credentials (defaults
 * 1,000 and 50,000,000).
 */
public final class TrustBundleSizes {

    private TrustBundleSizes() { }

    public static void main(String[] args) throws Exception {
        int issuers = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        long credentials = args.length > 1 ? Long.parseLong(args[1]) : 50_000_000L;
        ProvinceBundle province = ProvinceBundle.standard(issuers, credentials);
        byte[] full = province.fullBundle(province.day0);
        byte[] fullNextDay = province.fullBundle(province.day1);
        byte[] delta = province.delta();
        TrustBundle loaded = TrustBundle.load(full, province.anchors(), province.day0Now());
        TrustBundle next = loaded.applyDelta(delta, province.day1Now());
        System.out.printf(Locale.ROOT, "issuers %d, credentials %,d, revoked on day 0 %,d, entries %d, status lists %d%n",
            issuers, credentials, province.revokedAtStart, province.day0.entries().size(),
            province.day0.statusLists().size());
        System.out.printf(Locale.ROOT, "full bundle      %,12d bytes%n", full.length);
        System.out.printf(Locale.ROOT, "full, next day   %,12d bytes%n", fullNextDay.length);
        System.out.printf(Locale.ROOT, "daily delta      %,12d bytes (%d lists changed, version %d -> %d)%n",
            delta.length, province.changedLists, loaded.version(), next.version());
        // CPU time, not wall time: on a shared machine it is what a load costs whatever else runs
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        for (int i = 0; i < 3; i++) TrustBundle.load(full, province.anchors(), province.day0Now());
        int rounds = 5;
        long cpu = os.getProcessCpuTime();
        long wall = System.nanoTime();
        for (int i = 0; i < rounds; i++) TrustBundle.load(full, province.anchors(), province.day0Now());
        System.out.printf(Locale.ROOT, "load: %.0f ms CPU per load (all threads), %.0f ms wall, over %d loads%n",
            (os.getProcessCpuTime() - cpu) / 1e6 / rounds, (System.nanoTime() - wall) / 1e6 / rounds, rounds);
    }
}
