package org.civitas.ledger.state;

import org.civitas.sdk.did.Did;
import org.civitas.sdk.ledger.Digest;
import org.civitas.sdk.ledger.Transaction;

import java.time.Instant;
import java.util.Objects;

/** The state's records besides DID histories. Immutable. */
public final class Records {

    private Records() { }

    /** An accreditation grant and, once withdrawn, its withdrawal. */
    public record Grant(Transaction.AccreditationGrant grant, Digest transactionHash, long entryIndex,
                        Instant committedAt, Digest withdrawalHash, long withdrawalIndex, Instant withdrawnAt) {
        public Grant {
            Objects.requireNonNull(grant, "grant");
            Objects.requireNonNull(transactionHash, "transactionHash");
        }

        static Grant of(Transaction.AccreditationGrant grant, Digest hash, long index, Instant at) {
            return new Grant(grant, hash, index, at, null, -1, null);
        }

        Grant withdrawn(Digest hash, long index, Instant at) {
            return new Grant(grant, transactionHash, entryIndex, committedAt, hash, index, at);
        }

        public boolean isWithdrawn() { return withdrawnAt != null; }

        /** In force at {@code time}: started, not expired, not withdrawn by then. */
        public boolean activeAt(Instant time) {
            return !grant.validFrom().isAfter(time)
                && (grant.validUntil() == null || time.isBefore(grant.validUntil()))
                && (withdrawnAt == null || time.isBefore(withdrawnAt));
        }

        /** Whether it names the type ("*" in a provincial root's grant means any type). */
        public boolean coversType(String type) {
            return grant.credentialTypes().contains(type)
                || (grant.tier() == Transaction.Tier.PROVINCIAL_ROOT && grant.credentialTypes().contains("*"));
        }

        public boolean coversRegion(String region) { return Regions.anyCovers(grant.regions(), region); }
    }

    /** A registered credential type schema version. */
    public record Schema(Transaction.SchemaRegistration registration, Digest transactionHash, long entryIndex,
                         Instant committedAt) {
        public Schema {
            Objects.requireNonNull(registration, "registration");
        }
    }

    /** One anchored version of a status list. */
    public record Anchor(Transaction.StatusListAnchoring anchoring, Digest transactionHash, long entryIndex,
                         Instant committedAt) {
        public Anchor {
            Objects.requireNonNull(anchoring, "anchoring");
        }
    }

    /** One anchored audit chain head. */
    public record AuditAnchor(Transaction.AuditAnchoring anchoring, Digest transactionHash, long entryIndex,
                              Instant committedAt) {
        public AuditAnchor {
            Objects.requireNonNull(anchoring, "anchoring");
        }
    }

    /** The key of a status list: its issuer and id. */
    public record ListKey(Did issuer, String listId) { }

    /** The key of a schema: its type id and version. */
    public record SchemaKey(String typeId, String version) { }
}
