package org.civitas.identity.citizen;

import org.civitas.identity.IdentityException;
import org.civitas.identity.IdentityException.Reason;
import org.civitas.identity.config.CrashPoint;
import org.civitas.identity.device.HolderTopic;
import org.civitas.identity.did.LedgerWriter;
import org.civitas.identity.did.ResolutionService;
import org.civitas.sdk.did.Did;
import org.civitas.sdk.ledger.LedgerEntry;
import org.civitas.sdk.ledger.TransactionSignature;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Ledger writes that change a citizen, made crash-safe: the signed transaction is recorded on the citizen
 * ({@link PendingWrite}) before it goes to the ledger, and its effect is applied to the record after the commit.
 * If the process dies in between, whoever meets the pending write next (the next start, the periodic sweep, a retry,
 * another request for the same citizen) resubmits it: the ledger answers the committed entry (writes are idempotent
 * on the transaction hash) or commits it now, and the record is completed; a transaction the ledger refuses for good
 * is dropped (a pending enrolment is removed, so the person can enrol again). Every step may run twice or
 * concurrently without harm. Thread-safe.
 */
public final class CitizenWrites {

    private static final Logger LOG = LoggerFactory.getLogger(CitizenWrites.class);

    private final CitizenStore store;
    private final LedgerWriter ledger;
    private final ResolutionService resolutions;
    private final HolderTopic topics;
    private final Clock clock;

    public CitizenWrites(CitizenStore store, LedgerWriter ledger, ResolutionService resolutions,
                         HolderTopic topics, Clock clock) {
        this.store = store;
        this.ledger = ledger;
        this.resolutions = resolutions;
        this.topics = topics;
        this.clock = clock;
    }

    /**
     * Submits a write already recorded as pending and completes the record.
     *
     * @throws IdentityException the ledger's refusal (the write is then dropped), or LEDGER_UNAVAILABLE (the write
     *                           stays pending, for a retry or recovery to finish)
     */
    public LedgerEntry commit(Did did, PendingWrite write) {
        LedgerEntry entry;
        try {
            entry = ledger.submit(write.transaction());
        } catch (IdentityException e) {
            if (LedgerWriter.isFinal(e)) store.abandon(did, write);
            throw e;
        }
        if (write.operation() == PendingWrite.Operation.ENROL) CrashPoint.reach(CrashPoint.ENROLMENT_AFTER_LEDGER);
        store.complete(did, write, entry);
        if (write.operation() != PendingWrite.Operation.ENROL) resolutions.changed(did, entry.index());
        if (write.operation() == PendingWrite.Operation.REVOKE_DEVICE) unsubscribeQuietly(did);
        if (write.operation() != PendingWrite.Operation.ENROL) {
            topics.deviceChanged(did, NOTICES.get(write.operation()), write.device().id(), authorisedBy(did, write));
        }
        return entry;
    }

    /** The event of each device write's notice to the holder's devices. */
    private static final Map<PendingWrite.Operation, String> NOTICES = Map.of(
        PendingWrite.Operation.BIND_DEVICE, "device.bound",
        PendingWrite.Operation.ROTATE_DEVICE_KEY, "device.key-rotated",
        PendingWrite.Operation.REVOKE_DEVICE, "device.revoked");

    /** {@code citizen}, or the DID of the registrar whose key signed the change instead of a device. */
    private static String authorisedBy(Did did, PendingWrite write) {
        for (TransactionSignature signature : write.transaction().signatures()) {
            String method = signature.verificationMethod();
            if (!method.startsWith(did + "#")) {
                int fragment = method.indexOf('#');
                return fragment < 0 ? method : method.substring(0, fragment);
            }
        }
        return "citizen";
    }

    /**
     * Records a device write on an active citizen and commits it. A pending write of another request is settled
     * first (it is safe to finish someone else's write).
     *
     * @throws IdentityException OPERATION_IN_PROGRESS when another write cannot be settled now
     */
    public LedgerEntry run(Did did, PendingWrite write) {
        if (!store.beginWrite(did, write)) {
            store.find(did).ifPresent(this::settle);
            if (!store.beginWrite(did, write)) {
                throw IdentityException.retryable(Reason.OPERATION_IN_PROGRESS, "another device operation of " + did
                    + " is in progress; retry shortly", Duration.ofSeconds(1));
            }
        }
        return commit(did, write);
    }

    /**
     * Brings a citizen's pending write (if any) to an end; true when none is left. Never throws for the ledger's
     * refusals or absence: a write the ledger cannot take now stays pending.
     */
    public boolean settle(Citizen citizen) {
        PendingWrite write = citizen.pending();
        if (write == null) return true;
        try {
            commit(citizen.did(), write);
            LOG.info("Completed a pending {} of {} from the ledger", write.operation(), citizen.did());
            return true;
        } catch (IdentityException e) {
            if (LedgerWriter.isFinal(e)) {
                LOG.info("Dropped a pending {} of {}: the ledger refused it ({})", write.operation(), citizen.did(),
                    e.reason().name());
                return true;
            }
            LOG.warn("A pending {} of {} stays pending: {}", write.operation(), citizen.did(), e.getMessage());
            return false;
        }
    }

    /** Settles every write pending since before {@code before}; answers how many are left pending. */
    public int settleAll(Instant before) {
        int left = 0;
        for (Citizen citizen : store.withPendingWritesSince(before)) {
            if (!settle(citizen)) left++;
        }
        for (Citizen citizen : store.withTokensToUnsubscribe()) unsubscribeQuietly(citizen.did());
        return left;
    }

    /** Settles everything pending now (at startup). */
    public int settleAll() { return settleAll(clock.instant().plusSeconds(1)); }

    /** Removes replaced and revoked devices' tokens from the holder topic; what fails waits for the next sweep. */
    public void unsubscribeQuietly(Did did) {
        Citizen citizen = store.find(did).orElse(null);
        if (citizen == null) return;
        for (String token : citizen.tokensToUnsubscribe()) {
            try {
                topics.unsubscribe(did, token);
                store.unsubscribed(did, token);
            } catch (IdentityException e) {
                LOG.warn("A push token of {} stays on the holder topic until the next sweep: {}", did, e.getMessage());
            }
        }
    }
}
