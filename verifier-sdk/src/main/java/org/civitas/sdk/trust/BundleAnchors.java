package org.civitas.sdk.trust;

import org.civitas.sdk.key.VerificationKey;
import org.civitas.sdk.ledger.LedgerTrust;

import java.time.Duration;
import java.util.Objects;

/**
 * What a verifier pins before it accepts a trust bundle: the ledger (its genesis trust: id, hash, node keys,
 * quorum), the bundle publisher's key, the newest bundle version and ledger tree size it has accepted (so an older
 * bundle is refused as a rollback), and how old a ledger head may be. Immutable.
 *
 * @param ledger            the ledger's trust from its genesis ({@link LedgerTrust#fromGenesis})
 * @param publisher         the key the bundle publisher signs with (its did:key is printed by the issuer service)
 * @param lastVersion       the newest bundle version accepted so far, 0 when none
 * @param lastTreeSize      the largest ledger tree size accepted so far, 0 when none
 * @param maxBundleAge      how long after its ledger head's time a bundle is still accepted
 */
public record BundleAnchors(LedgerTrust ledger, VerificationKey publisher, long lastVersion, long lastTreeSize,
                            Duration maxBundleAge) {

    /** A week: a counter that has been offline longer must go online to refresh before it verifies again. */
    public static final Duration DEFAULT_MAX_BUNDLE_AGE = Duration.ofDays(7);

    public BundleAnchors {
        Objects.requireNonNull(ledger, "ledger");
        Objects.requireNonNull(publisher, "publisher");
        Objects.requireNonNull(maxBundleAge, "maxBundleAge");
        if (lastVersion < 0 || lastTreeSize < 0) throw new IllegalArgumentException("negative version or size");
        if (maxBundleAge.isNegative() || maxBundleAge.isZero()) throw new IllegalArgumentException("maxBundleAge must be positive");
    }

    /** A verifier's first anchors: nothing accepted yet, the default maximum age. */
    public static BundleAnchors of(LedgerTrust ledger, VerificationKey publisher) {
        return new BundleAnchors(ledger, publisher, 0, 0, DEFAULT_MAX_BUNDLE_AGE);
    }

    /** These anchors after accepting {@code bundle}: its version and tree size become the rollback floor. */
    public BundleAnchors accepting(TrustBundle bundle) {
        return new BundleAnchors(ledger, publisher, Math.max(lastVersion, bundle.version()),
            Math.max(lastTreeSize, bundle.head().head().treeSize()), maxBundleAge);
    }

    /** These anchors with another maximum bundle age. */
    public BundleAnchors withMaxBundleAge(Duration age) {
        return new BundleAnchors(ledger, publisher, lastVersion, lastTreeSize, age);
    }
}
