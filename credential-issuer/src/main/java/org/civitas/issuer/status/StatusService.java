package org.civitas.issuer.status;

import org.civitas.issuer.IssuerException;
import org.civitas.issuer.IssuerException.Reason;
import org.civitas.issuer.issuance.IssuedCredential;
import org.civitas.issuer.store.CredentialStore;
import org.civitas.issuer.store.StatusListStore;
import org.civitas.sdk.did.Did;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Revokes, suspends and reinstates credentials for their issuer. The change and the credential's new state are
 * written together first; {@link StatusChanges} then re-signs and anchors the list and records the change, and the
 * call answers with the list version that carries it. Asking for the state a credential is already in answers the
 * current version (revoking twice is harmless); lifting a revocation is refused. Thread-safe.
 */
public final class StatusService {

    /** How long a call waits for its list to be anchored before answering UNAVAILABLE (the change still lands). */
    static final Duration WAIT = Duration.ofSeconds(30);

    private final CredentialStore credentials;
    private final StatusListStore lists;
    private final StatusChanges changes;
    private final Clock clock;

    public StatusService(CredentialStore credentials, StatusListStore lists, StatusChanges changes, Clock clock) {
        this.credentials = credentials;
        this.lists = lists;
        this.changes = changes;
        this.clock = clock;
    }

    /**
     * Applies a change by the caller, who must be the credential's issuer.
     *
     * @throws IssuerException REQUEST_INVALID, CREDENTIAL_NOT_FOUND, NOT_ISSUER, CREDENTIAL_REVOKED, NOT_SUSPENDED,
     *                         LEDGER_UNAVAILABLE / SERVICE_UNAVAILABLE (the change is recorded and will be applied)
     */
    public StatusChanges.Applied change(Did caller, String credentialId, StatusChangeAction action, String reason) {
        if (credentialId.isEmpty()) throw IssuerException.invalidField("credential_id", "is required");
        if (reason.trim().isEmpty() || reason.length() > 500) {
            throw IssuerException.invalidField("reason", "is required, at most 500 characters");
        }
        for (int attempt = 0; attempt < 5; attempt++) {
            IssuedCredential credential = credentials.find(credentialId).orElseThrow(() -> IssuerException.about(
                Reason.CREDENTIAL_NOT_FOUND, "credential", credentialId, "no credential " + credentialId));
            if (!credential.issuer().equals(caller)) {
                throw IssuerException.of(Reason.NOT_ISSUER, "only the credential's issuer may change its status",
                    java.util.Map.of("credentialId", credentialId));
            }
            if (credential.change() != null) {
                await(changes.submit(credential));       // finish the change in flight first
                continue;
            }
            CredentialState state = credential.state();
            if (state == CredentialState.REVOKED && action != StatusChangeAction.REVOKE) {
                throw IssuerException.about(Reason.CREDENTIAL_REVOKED, "credential", credentialId,
                    credentialId + " is revoked; revocation is final (Bitstring Status List §2.1)");
            }
            if (action == StatusChangeAction.REINSTATE && state == CredentialState.ACTIVE) {
                throw IssuerException.about(Reason.NOT_SUSPENDED, "credential", credentialId,
                    credentialId + " is not suspended; there is nothing to reinstate");
            }
            if (state == action.result()) return current(credential, action);
            PendingChange change = new PendingChange(UUID.randomUUID().toString(), action, reason.trim(), caller,
                clock.instant());
            if (credentials.beginChange(credentialId, state, change)) {
                IssuedCredential changed = credentials.find(credentialId).orElseThrow();
                return await(changes.submit(changed));
            }
        }
        throw IssuerException.of(Reason.SERVICE_UNAVAILABLE, "the credential kept changing concurrently; retry");
    }

    private StatusChanges.Applied current(IssuedCredential credential, StatusChangeAction action) {
        StatusSlot slot = action == StatusChangeAction.REVOKE ? credential.revocation() : credential.suspension();
        long version = lists.find(slot.listId()).map(StatusList::version).orElse(0L);
        return new StatusChanges.Applied(credential, null, slot.listId(), version);
    }

    private static StatusChanges.Applied await(java.util.concurrent.CompletableFuture<StatusChanges.Applied> done) {
        try {
            return done.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof CompletionException c ? c.getCause() : e.getCause();
            if (cause instanceof IssuerException issuer && issuer.reason() == Reason.LEDGER_UNAVAILABLE) throw issuer;
            throw IssuerException.of(Reason.SERVICE_UNAVAILABLE, "the change is recorded and will be applied, but its "
                + "status list could not be anchored yet; retry with the same request_id for the answer");
        } catch (TimeoutException e) {
            throw IssuerException.of(Reason.SERVICE_UNAVAILABLE, "the change is recorded and will be applied; retry "
                + "with the same request_id for the answer");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw IssuerException.of(Reason.SERVICE_UNAVAILABLE, "interrupted; retry with the same request_id");
        }
    }
}
