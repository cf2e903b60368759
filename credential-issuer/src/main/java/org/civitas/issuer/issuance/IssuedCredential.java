package org.civitas.issuer.issuance;

import org.civitas.issuer.status.CredentialState;
import org.civitas.issuer.status.PendingChange;
import org.civitas.issuer.status.StatusSlot;
import org.civitas.sdk.did.Did;

import java.time.Instant;
import java.util.Objects;

/**
 * A credential as issued and stored: the signed W3C VC 2.0 exactly as issued, with what the service needs to
 * serve it (issuer, holder, type, status slots, state) and the idempotency key it was issued under.
 *
 * @param id          the credential's id, derived from (issuer, request id): a retry of the same request finds it
 * @param fingerprint digest of the request's content: a retry with other content is refused
 * @param group       the write group it was stored in (the issuance outbox: the group is done once its
 *                    credentials' audit entries are appended and holders notified); {@code null} before it is stored
 * @param change      a status change still being applied, or {@code null}
 */
public record IssuedCredential(String id, Did issuer, Did holder, String type, String typeVersion, String region,
                               String requestId, String fingerprint, String json, Instant issuedAt,
                               Instant validFrom, Instant validUntil, CredentialState state, StatusSlot revocation,
                               StatusSlot suspension, String group, PendingChange change) {

    public IssuedCredential {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(holder, "holder");
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(revocation, "revocation");
        Objects.requireNonNull(suspension, "suspension");
    }

    /** The same credential as stored in a write group. */
    public IssuedCredential inGroup(String writeGroup) {
        return new IssuedCredential(id, issuer, holder, type, typeVersion, region, requestId, fingerprint, json, issuedAt,
            validFrom, validUntil, state, revocation, suspension, writeGroup, change);
    }

    /** Redacted: the JSON holds personal claims. */
    @Override
    public String toString() {
        return "IssuedCredential[" + id + ", " + type + " by " + issuer + ", " + state + "]";
    }
}
