package org.civitas.sdk.status;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a status list says for one entry (Bitstring Status List v1.0 §3.2 Validate Algorithm), or why it cannot
 * say. The verification facade turns each case into a {@code STATUS} check with a reason a clerk can read.
 * {@code listIssuedAt} is the list's {@code validFrom}, so a reason can say how current the answer is.
 */
public sealed interface StatusLookup {

    /** The entry is 0 in a list fresh enough to rely on: not revoked, not suspended, no refresh pending. */
    record Active() implements StatusLookup {}

    /** A {@code revocation} entry is set. Revocation cannot be undone (§2.1), so even an old list proves it. */
    record Revoked(Instant listIssuedAt) implements StatusLookup {}

    /** A {@code suspension} entry is set, as of a list fresh enough to rely on. */
    record Suspended(Instant listIssuedAt) implements StatusLookup {}

    /** A {@code refresh} entry is set: a newer credential is available; this one is not invalidated (§2.1). */
    record RefreshAvailable(Instant listIssuedAt) implements StatusLookup {}

    /** A {@code message} entry's value and the message the credential's entry gives it (§2.1 {@code statusMessage}). */
    record Message(int value, String message) implements StatusLookup {}

    /** The list was issued longer ago than the verifier's policy allows; it cannot vouch for the entry. */
    record ListTooOld(Instant listIssuedAt, Duration maxAge) implements StatusLookup {}

    /** The list's {@code validFrom} is still in the future. */
    record ListNotYetValid(Instant validFrom) implements StatusLookup {}

    /** The list's {@code validUntil} has passed. */
    record ListExpired(Instant validUntil) implements StatusLookup {}

    /**
     * The list is not the one the entry names: its {@code id} ({@code null} when it has none) differs from the
     * entry's {@code statusListCredential}.
     */
    record WrongList(String statusListCredential, String listId) implements StatusLookup {}

    /** The list does not serve the entry's purpose (§3.2 step 5, {@code STATUS_VERIFICATION_ERROR}). */
    record PurposeMismatch(StatusPurpose entryPurpose, List<StatusPurpose> listPurposes) implements StatusLookup {
        /** Copies {@code listPurposes}. */
        public PurposeMismatch { listPurposes = List.copyOf(listPurposes); }
    }

    /**
     * Read with the entry's {@code statusSize}, the list has fewer than {@value BitstringStatusList#MIN_ENTRIES}
     * entries (§3.2 step 9, {@code STATUS_LIST_LENGTH_ERROR}).
     */
    record ListTooShort(int entries, int statusSize) implements StatusLookup {}

    /** The entry's index is beyond the list (§3.2 step 10, {@code RANGE_ERROR}). */
    record IndexOutOfRange(long statusListIndex, int entries) implements StatusLookup {}

    /**
     * Answers what {@code list} says for {@code entry} at {@code now}. The checks, in order: the list is the one
     * the entry names; it serves the entry's purpose; it is already valid; read with the entry's {@code statusSize}
     * it is long enough and holds the index. A set {@code revocation} entry is then {@link Revoked} whatever the
     * list's age or expiry. Otherwise the list must be unexpired and at most {@code maxAge} old, measured from its
     * {@code validFrom}, before the entry's value is reported. The list's {@code ttl} is a refresh hint and plays no
     * part (§2.2 {@code ttl}). The list's proof must have been verified by the caller.
     *
     * @param maxAge the oldest list the verifier's policy accepts; not negative
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code maxAge} is negative
     */
    static StatusLookup lookUp(StatusEntry entry, StatusListCredential list, Instant now, Duration maxAge) {
        Objects.requireNonNull(entry, "entry");
        Objects.requireNonNull(list, "list");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(maxAge, "maxAge");
        if (maxAge.isNegative()) throw new IllegalArgumentException("maxAge must not be negative");
        String listId = list.id().orElse(null);
        if (!entry.statusListCredential().equals(listId)) return new WrongList(entry.statusListCredential(), listId);
        if (!list.statusPurposes().contains(entry.statusPurpose())) {
            return new PurposeMismatch(entry.statusPurpose(), list.statusPurposes());
        }
        Instant issuedAt = list.validFrom();
        if (now.isBefore(issuedAt)) return new ListNotYetValid(issuedAt);
        StatusBits bits = list.bits().withStatusSize(entry.statusSize());
        if (bits.length() < BitstringStatusList.MIN_ENTRIES) return new ListTooShort(bits.length(), entry.statusSize());
        if (entry.statusListIndex() >= bits.length()) {
            return new IndexOutOfRange(entry.statusListIndex(), bits.length());
        }
        int value = bits.status((int) entry.statusListIndex());
        // §2.1: revocation "is not reversible", so a set bit in any authentic list settles it
        if (entry.statusPurpose() == StatusPurpose.REVOCATION && value != 0) return new Revoked(issuedAt);
        if (list.validUntil().isPresent() && now.isAfter(list.validUntil().get())) {
            return new ListExpired(list.validUntil().get());
        }
        if (Duration.between(issuedAt, now).compareTo(maxAge) > 0) return new ListTooOld(issuedAt, maxAge);
        switch (entry.statusPurpose()) {
            case SUSPENSION:
                return value != 0 ? new Suspended(issuedAt) : new Active();
            case REFRESH:
                return value != 0 ? new RefreshAvailable(issuedAt) : new Active();
            case MESSAGE:
                return new Message(value, entry.message(value));
            default:
                return new Active();
        }
    }
}
