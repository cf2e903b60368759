package org.civitas.identity.verifier;

import org.civitas.sdk.key.VerificationKey;
import org.civitas.sdk.ledger.LedgerTrust;
import org.civitas.sdk.trust.BundleAnchors;
import org.civitas.sdk.trust.TrustBundle;
import org.civitas.sdk.trust.TrustBundleException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The trust bundle the online verifier verifies with: the same signed artefact, checked the same way, as an
 * offline counter holds. It is fetched from the bundle publisher (credential-issuer) and kept current by deltas;
 * a bundle or delta that fails a check is refused and the one held stays. Verification itself never calls out.
 * Thread-safe.
 */
public final class OnlineTrust {

    private static final Logger LOG = LoggerFactory.getLogger(OnlineTrust.class);

    /** Where bundles come from (credential-issuer's GetTrustBundle / GetTrustBundleDelta). */
    public interface Source {
        /** A full bundle file. */
        byte[] full();

        /** The delta file since {@code version}; empty when nothing changed; absent when it cannot be served. */
        Optional<byte[]> delta(long version);
    }

    private final Source source;
    private final LedgerTrust ledger;
    private final Supplier<Optional<VerificationKey>> publisher;
    private final Clock clock;
    private final AtomicReference<TrustBundle> current = new AtomicReference<>();

    /**
     * @param publisher the pinned publisher key, when known (the deployment may learn it after this service starts)
     */
    public OnlineTrust(Source source, LedgerTrust ledger, Supplier<Optional<VerificationKey>> publisher, Clock clock) {
        this.source = source;
        this.ledger = ledger;
        this.publisher = publisher;
        this.clock = clock;
    }

    /** The bundle held, if one was accepted. */
    public Optional<TrustBundle> current() {
        return Optional.ofNullable(current.get());
    }

    /**
     * Takes the delta since the bundle held, or a full bundle when none is held or the delta cannot be had.
     * Failures are logged and leave the bundle held in place; the next refresh tries again.
     */
    public void refresh() {
        Optional<VerificationKey> key = publisher.get();
        if (key.isEmpty()) {
            LOG.debug("No bundle publisher key configured yet; the online verifier waits for it");
            return;
        }
        TrustBundle held = current.get();
        try {
            if (held != null && held.anchorsAfterAccepting().publisher().equals(key.get())) {
                Optional<byte[]> delta = source.delta(held.version());
                if (delta.isPresent()) {
                    if (delta.get().length > 0) swap(held, held.applyDelta(delta.get(), clock.instant()));
                    return;
                }
            }
            BundleAnchors anchors = held == null ? BundleAnchors.of(ledger, key.get()) : held.anchorsAfterAccepting();
            swap(held, TrustBundle.load(source.full(), anchors, clock.instant()));
        } catch (TrustBundleException e) {
            LOG.warn("Refused a trust bundle ({}): {}; keeping {}", e.code(), e.reason().en(),
                held == null ? "none" : "version " + held.version());
        } catch (RuntimeException e) {
            LOG.warn("Could not refresh the trust bundle: {}; keeping {}", e.toString(),
                held == null ? "none" : "version " + held.version());
        }
    }

    private void swap(TrustBundle held, TrustBundle next) {
        if (current.compareAndSet(held, next) && (held == null || held.version() != next.version())) {
            LOG.info("Trust bundle version {} (ledger size {})", next.version(), next.head().head().treeSize());
        }
    }
}
