package org.civitas.ledger.state;

import org.civitas.sdk.did.Did;
import org.civitas.sdk.ledger.Digest;
import org.civitas.sdk.ledger.Transaction;

import java.time.Instant;
import java.util.Objects;

/** The state's records besides DID histories. Immutable. */
public final class Records {

    private Records() { }

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
