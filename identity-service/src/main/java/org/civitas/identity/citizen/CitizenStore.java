package org.civitas.identity.citizen;

import org.civitas.identity.enrolment.NationalIdHash;
import org.civitas.sdk.did.Did;
import org.civitas.sdk.ledger.LedgerEntry;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where citizen records live. Unique by DID and by national id hash. Every method is atomic on one record;
 * implementations are thread-safe.
 */
public interface CitizenStore {

    /** Which uniqueness an insert ran into: another record of the request, of the DID, or of the person. */
    enum Conflict { NONE, REQUEST, DID, NATIONAL_ID }

    /**
     * Inserts a {@link CitizenState#PENDING} record carrying its ENROL {@link PendingWrite}, which also reserves the
     * write's request key (unique) with the request's fingerprint; answers which unique key already exists instead
     * when one does (the request's first, when several do).
     */
    Conflict insertPending(Citizen citizen, byte[] requestFingerprint);

    /** The record an EnrolCitizen request made, by its request key (an index lookup). */
    Optional<EnrolmentRecord> findEnrolment(String requestKey);

    Optional<Citizen> find(Did did);

    /** An exact match on the keyed hash (an index lookup: no comparison runs on the number). */
    Optional<Citizen> findByNationalId(NationalIdHash hash);

    /**
     * Records a pending write on an active citizen unless one is already there; true when it is (now) there for
     * this request.
     */
    boolean beginWrite(Did did, PendingWrite write);

    /**
     * Applies a committed write's effect and clears it, if it is still the pending write of {@code requestKey}; false
     * when someone else already did (the effect is then in place). A completed ENROL keeps its write and entry as the
     * answer of its request ({@link #findEnrolment}).
     */
    boolean complete(Did did, PendingWrite write, LedgerEntry committed);

    /** Drops a pending write the ledger refused: an ENROL removes the whole pending record. */
    void abandon(Did did, PendingWrite write);

    /** Records whose pending write was recorded before {@code before}. */
    List<Citizen> withPendingWritesSince(Instant before);

    /**
     * Sets a device's push token; the token it replaces (if any, and different) is queued in
     * {@link Citizen#tokensToUnsubscribe}. Answers the replaced token, or null.
     */
    String setPushToken(Did did, String deviceId, String token);

    /** Takes a token off the unsubscribe queue once the holder topic no longer has it. */
    void unsubscribed(Did did, String token);

    /** Records whose unsubscribe queue is not empty. */
    List<Citizen> withTokensToUnsubscribe();

    /** Records a linked Firebase account. */
    void linkFirebaseUid(Did did, String uid);
}
