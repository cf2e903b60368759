package org.civitas.ledger;

import io.grpc.Status.Code;
import org.civitas.server.ErrorReason;
import org.civitas.server.ServiceException;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Why the ledger refused a transaction or a read, with the gRPC code each reason is answered with. */
public final class LedgerException extends ServiceException {

    /** Stable reasons; clients match on their names. */
    public enum Reason implements ErrorReason {
        /** The payload or a signature is not well-formed. */
        MALFORMED(Code.INVALID_ARGUMENT),
        /** A signature does not verify with the key it names. */
        SIGNATURE_INVALID(Code.INVALID_ARGUMENT),
        /** The signer exists but may not do this (not a controller, not the accreditor, wrong tier). */
        SIGNER_NOT_AUTHORIZED(Code.PERMISSION_DENIED),
        /** The author lacks the accreditation the transaction needs. */
        NOT_ACCREDITED(Code.PERMISSION_DENIED),
        /** A DID, grant or anchor the transaction refers to does not exist. */
        REFERENCE_NOT_FOUND(Code.FAILED_PRECONDITION),
        /** The state forbids it: DID exists or is deactivated, grant withdrawn, schema conflict, version gap. */
        CONFLICT(Code.FAILED_PRECONDITION),
        /** The transaction was built on a version that another update replaced: read again and redo it. */
        STALE_VERSION(Code.ABORTED),
        /** Asked-for entry, DID or anchor is not in the ledger. */
        NOT_FOUND(Code.NOT_FOUND),
        /** A request parameter is out of range for the current tree. */
        OUT_OF_RANGE(Code.OUT_OF_RANGE),
        /** No leader or no quorum right now. */
        UNAVAILABLE(Code.UNAVAILABLE);

        private final Code code;

        Reason(Code code) { this.code = code; }

        @Override public Code code() { return code; }
    }

    public LedgerException(Reason reason, String message) {
        super(reason, message);
    }

    public LedgerException(Reason reason, String message, Resource resource) {
        super(reason, message, Map.of(), List.of(), resource, null);
    }

    /** A request field that is wrong whatever the state: INVALID_ARGUMENT with a field violation. */
    public static LedgerException invalidField(String field, String problem) {
        return new LedgerException(Reason.MALFORMED, field + " " + problem,
            List.of(new org.civitas.server.FieldProblem(field, problem)));
    }

    private LedgerException(Reason reason, String message, List<org.civitas.server.FieldProblem> problems) {
        super(reason, message, Map.of(), problems, null, null);
    }

    /** An unavailable ledger: retry after the given time. */
    public static LedgerException unavailable(String message, Duration retryAfter) {
        return new LedgerException(Reason.UNAVAILABLE, message, retryAfter);
    }

    private LedgerException(Reason reason, String message, Duration retryAfter) {
        super(reason, message, Map.of(), List.of(), null, retryAfter);
    }

    public Reason ledgerReason() { return (Reason) reason(); }

    @Override
    public String domain() { return "ledger.civitas"; }
}
