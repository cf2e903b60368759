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
    }
}
