package org.civitas.issuer.audit;

import io.grpc.StatusRuntimeException;
import org.civitas.issuer.IssuerException;
import org.civitas.issuer.IssuerException.Reason;
import org.civitas.issuer.key.AgencySigners;
import org.civitas.issuer.ledger.IssuerLedger;
import org.civitas.issuer.store.AuditStore;
import org.civitas.sdk.FormatException;
import org.civitas.sdk.did.Did;
import org.civitas.sdk.ledger.Digest;
import org.civitas.sdk.ledger.SignedTransaction;
import org.civitas.sdk.ledger.Transaction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Anchors agencies' audit chain heads on the ledger ({@code audit.anchor}: agency, sequence, head hash), signed by
 * the agency's issuing key: periodically for every agency whose chain grew, and on demand. The anchoring is stored
 * before it is submitted and resubmitted by {@link #recover()} after a crash (the ledger accepts a transaction
 * once). Thread-safe.
 */
public final class AuditAnchors {

    private static final Logger LOG = LoggerFactory.getLogger(AuditAnchors.class);

    private final AuditLog log;
    private final AuditStore store;
    private final IssuerLedger ledger;
    private final AgencySigners signers;
    private final Map<Did, Object> locks = new ConcurrentHashMap<>();

    public AuditAnchors(AuditLog log, AuditStore store, IssuerLedger ledger, AgencySigners signers) {
        this.log = log;
        this.store = store;
        this.ledger = ledger;
        this.signers = signers;
    }

    /**
     * Anchors the agency's current head unless it is anchored already; returns the latest anchor.
     *
     * @throws IssuerException AUDIT_EMPTY, NOT_AN_ISSUER, ISSUER_KEY_MISSING, LEDGER_UNAVAILABLE
     */
    public AuditStore.Anchor anchor(Did agency) {
        synchronized (locks.computeIfAbsent(agency, a -> new Object())) {
            AuditStore.Head head = log.head(agency);
            if (head.sequence() == 0) {
                throw IssuerException.about(Reason.AUDIT_EMPTY, "agency", agency.toString(),
                    agency + " has no audit entries yet");
            }
            Optional<AuditStore.Anchor> latest = store.latestAnchor(agency);
            if (latest.isPresent() && latest.get().sequence() >= head.sequence()) return latest.get();
            AgencySigners.Signer signer = signers.of(agency).primary();
            SignedTransaction tx = SignedTransaction.sign(new Transaction.AuditAnchoring(agency, head.sequence(),
                Digest.of(head.hash()), UUID.randomUUID().toString()), Map.of(signer.methodId(), signer.key()));
            AuditStore.Anchor anchor = new AuditStore.Anchor(agency, head.sequence(), head.hash(),
                tx.toJson().toString(), -1);
            if (!store.beginAnchor(anchor)) {
                anchor = store.pendingAnchors().stream().filter(a -> a.agency().equals(agency)
                    && a.sequence() == head.sequence()).findFirst().orElse(anchor);
            }
            return submit(anchor);
        }
    }

    /** Anchors every agency whose chain grew since its last anchor; failures are logged and retried next time. */
    public void anchorAll(Iterable<Did> agencies) {
        for (Did agency : agencies) {
            try {
                if (log.head(agency).sequence() > 0) anchor(agency);
            } catch (RuntimeException e) {
                LOG.warn("The audit chain of {} was not anchored this time: {}", agency, e.getMessage());
            }
        }
    }

    /** Resubmits anchorings a crash left in flight. */
    public void recover() {
        for (AuditStore.Anchor pending : store.pendingAnchors()) {
            synchronized (locks.computeIfAbsent(pending.agency(), a -> new Object())) {
                try {
                    submit(pending);
                } catch (RuntimeException e) {
                    LOG.warn("A pending audit anchor of {} is still not committed: {}", pending.agency(), e.getMessage());
                }
            }
        }
    }

    private AuditStore.Anchor submit(AuditStore.Anchor anchor) {
        SignedTransaction tx;
        try {
            tx = SignedTransaction.parseJson(anchor.transaction());
        } catch (FormatException e) {
            throw new IllegalStateException("a stored audit anchoring does not parse: " + e.getMessage());
        }
        long index;
        try {
            index = ledger.submit(tx).entry().index();
        } catch (StatusRuntimeException refused) {
            throw IssuerException.of(Reason.LEDGER_UNAVAILABLE, "the ledger refused the audit anchor of "
                + anchor.agency() + " at " + anchor.sequence() + ": " + refused.getStatus().getDescription());
        }
        store.finishAnchor(anchor.agency(), anchor.sequence(), index);
        return new AuditStore.Anchor(anchor.agency(), anchor.sequence(), anchor.headHash(), anchor.transaction(), index);
    }
}
