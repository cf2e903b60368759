package org.civitas.sdk.ledger.state;

import org.civitas.sdk.ledger.Digest;
import org.civitas.sdk.ledger.Transaction;

import java.time.Instant;
import java.util.Objects;

/**
 * An accreditation grant as the ledger holds it: the grant transaction, where it was committed, and once withdrawn,
 * the withdrawal. The ledger's state and an offline trust bundle keep the same records, so both answer "was this
 * accredited then?" with {@link Accreditations}. Immutable.
 *
 * @param withdrawalHash  the withdrawal's transaction hash, or {@code null}
 * @param withdrawalIndex the withdrawal's entry index, or -1
 * @param withdrawnAt     when the withdrawal was committed, or {@code null}
 */
public record Grant(Transaction.AccreditationGrant grant, Digest transactionHash, long entryIndex,
                    Instant committedAt, Digest withdrawalHash, long withdrawalIndex, Instant withdrawnAt) {

    /** In a provincial root's grant, the credential type that stands for every type. */
    public static final String ANY_TYPE = "*";

    public Grant {
        Objects.requireNonNull(grant, "grant");
        Objects.requireNonNull(transactionHash, "transactionHash");
        Objects.requireNonNull(committedAt, "committedAt");
    }

    /** A grant just committed. */
    public static Grant of(Transaction.AccreditationGrant grant, Digest hash, long index, Instant at) {
        return new Grant(grant, hash, index, at, null, -1, null);
    }

    /** This grant, withdrawn by the transaction {@code hash} committed at {@code index} and {@code at}. */
    public Grant withdrawn(Digest hash, long index, Instant at) {
        return new Grant(grant, transactionHash, entryIndex, committedAt, hash, index, at);
    }

    public boolean isWithdrawn() { return withdrawnAt != null; }

    /** In force at {@code time}: started, not expired, not withdrawn by then. */
    public boolean activeAt(Instant time) {
        return !grant.validFrom().isAfter(time)
            && (grant.validUntil() == null || time.isBefore(grant.validUntil()))
            && (withdrawnAt == null || time.isBefore(withdrawnAt));
    }

    /** Whether it names the type ({@value #ANY_TYPE} in a provincial root's grant means any type). */
    public boolean coversType(String type) {
        return grant.credentialTypes().contains(type)
            || (grant.tier() == Transaction.Tier.PROVINCIAL_ROOT && grant.credentialTypes().contains(ANY_TYPE));
    }

    public boolean coversRegion(String region) { return Regions.anyCovers(grant.regions(), region); }
}
