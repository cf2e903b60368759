package org.civitas.identity.did;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.civitas.grpc.StatusDetails;
import org.civitas.identity.IdentityException;
import org.civitas.identity.IdentityException.Reason;
import org.civitas.sdk.ledger.LedgerEntry;
import org.civitas.sdk.ledger.SignedTransaction;
import org.civitas.server.ledger.LedgerClient;

import java.time.Duration;
import java.util.Map;

/**
 * Submits transactions to the ledger and turns its refusals into this service's reasons, keeping the ledger's own
 * reason in {@code ErrorInfo.metadata["ledgerReason"]}. Submitting is idempotent on the transaction's hash, so a
 * retry of a committed transaction answers its entry. Thread-safe.
 */
public final class LedgerWriter {

    private final LedgerClient ledger;

    public LedgerWriter(LedgerClient ledger) {
        this.ledger = ledger;
    }

    /**
     * Commits the transaction and answers its entry.
     *
     * @throws IdentityException LEDGER_REJECTED (malformed, bad signature), LEDGER_SIGNER_REFUSED, LEDGER_CONFLICT,
     *                           DOCUMENT_CHANGED (built on a replaced version) or LEDGER_UNAVAILABLE
     */
    public LedgerEntry submit(SignedTransaction transaction) {
        try {
            return ledger.submit(transaction).entry();
        } catch (StatusRuntimeException e) {
            throw refusal(e);
        }
    }

    /** Whether a refusal is final (retrying the same transaction cannot succeed). */
    public static boolean isFinal(IdentityException e) {
        return e.identityReason() != Reason.LEDGER_UNAVAILABLE;
    }

    static IdentityException refusal(StatusRuntimeException e) {
        String ledgerReason = StatusDetails.of(e).reason().orElse(e.getStatus().getCode().name());
        String why = e.getStatus().getDescription() == null ? ledgerReason : e.getStatus().getDescription();
        Map<String, String> metadata = Map.of("ledgerReason", ledgerReason);
        Status.Code code = e.getStatus().getCode();
        return switch (code) {
            case INVALID_ARGUMENT -> IdentityException.withMetadata(Reason.LEDGER_REJECTED,
                "the ledger rejected the transaction: " + why, metadata);
            case PERMISSION_DENIED -> IdentityException.withMetadata(Reason.LEDGER_SIGNER_REFUSED,
                "the ledger refused the transaction's signer: " + why, metadata);
            case FAILED_PRECONDITION, NOT_FOUND, ALREADY_EXISTS -> IdentityException.withMetadata(
                Reason.LEDGER_CONFLICT, "the ledger's state does not allow the transaction: " + why, metadata);
            case ABORTED -> IdentityException.withMetadata(Reason.DOCUMENT_CHANGED,
                "the DID document changed since the challenge was made; make a new challenge: " + why, metadata);
            default -> IdentityException.retryable(Reason.LEDGER_UNAVAILABLE,
                "the ledger cannot take the transaction now (" + code + "); retry with the same request_id",
                Duration.ofSeconds(1));
        };
    }
}
