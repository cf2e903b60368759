package org.civitas.issuer.status;

import org.civitas.sdk.did.Did;

import java.time.Instant;
import java.util.Objects;

/**
 * A status change written into the credential's document together with its new state (one atomic write), and
 * cleared once the status list carrying it is signed and anchored, the audit entry appended and the holder
 * notified: the outbox of status changes. A restart finishes every change still pending.
 *
 * @param id     unique per change; names its audit entry, so that a replay appends it once
 * @param reason the issuer's reason, kept with the credential (never in the audit log or a notice)
 */
public record PendingChange(String id, StatusChangeAction action, String reason, Did actor, Instant at) {
    public PendingChange {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(at, "at");
    }
}
