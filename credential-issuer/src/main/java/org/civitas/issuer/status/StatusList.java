package org.civitas.issuer.status;

import org.civitas.sdk.did.Did;
import org.civitas.sdk.status.StatusPurpose;

import java.util.Objects;

/**
 * One of an issuer's status lists as stored: its identity, its last anchored version (0 before the first) with the
 * signed list credential of that version, and an anchoring still in flight ({@link Publication}), the outbox of
 * list anchoring. The bits are those of the last version signed (or being signed).
 *
 * @param id       the list's URL: the status list credential's {@code id}
 * @param sequence 1 for the issuer's first list of the purpose, then 2, … as lists fill
 */
public record StatusList(String id, Did issuer, StatusPurpose purpose, int sequence, int length, boolean full,
                         byte[] bits, long version, String credential, long anchorIndex, Publication pending) {

    /** A signed version written before its anchoring is submitted, so that a restart can resubmit it. */
    public record Publication(long version, String credential, String transaction, byte[] bits) {
        public Publication {
            Objects.requireNonNull(credential, "credential");
            Objects.requireNonNull(transaction, "transaction");
            bits = bits.clone();
        }

        @Override public byte[] bits() { return bits.clone(); }
    }

    public StatusList {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(purpose, "purpose");
        bits = bits.clone();
    }

    @Override public byte[] bits() { return bits.clone(); }
}
