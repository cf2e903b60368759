package org.civitas.identity.citizen;

import org.civitas.sdk.did.Did;
import org.civitas.sdk.ledger.LedgerEntry;

import java.util.Objects;

/**
 * What an EnrolCitizen request left on the citizen record it made: the record is that request's idempotency record
 * too (one insert reserves the request_id and records the pending enrolment, one update completes both).
 *
 * @param fingerprint the request's content fingerprint: a retry has the same, a reuse of the request_id another
 * @param write       the request's ENROL write: still pending, or as it was committed
 * @param didEntry    the ledger entry of the DID once the record is complete; null while pending
 */
public record EnrolmentRecord(Did did, byte[] fingerprint, PendingWrite write, LedgerEntry didEntry) {

    public EnrolmentRecord {
        Objects.requireNonNull(did, "did");
        fingerprint = fingerprint.clone();
        Objects.requireNonNull(write, "write");
    }

    @Override
    public byte[] fingerprint() { return fingerprint.clone(); }

    public boolean complete() { return didEntry != null; }
}
