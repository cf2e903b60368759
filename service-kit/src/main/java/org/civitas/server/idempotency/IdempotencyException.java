package org.civitas.server.idempotency;

import io.grpc.Status.Code;
import org.civitas.server.ErrorReason;
import org.civitas.server.FieldProblem;
import org.civitas.server.ServiceException;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A write's request_id is missing, reused for other content, or still being processed. */
public final class IdempotencyException extends ServiceException {

    /** Why. */
    public enum Reason implements ErrorReason {
        /** Every write carries a request_id. */
        REQUEST_ID_MISSING(Code.INVALID_ARGUMENT),
        /** The request_id was used before with other content. */
        REQUEST_ID_REUSED(Code.ALREADY_EXISTS),
        /** The first call with this request_id is still running: retry shortly for its answer. */
        REQUEST_IN_PROGRESS(Code.ABORTED);

        private final Code code;

        Reason(Code code) { this.code = code; }

        @Override public Code code() { return code; }
    }

    private final String domain;

    IdempotencyException(String domain, Reason reason, String message, List<FieldProblem> problems,
                         Duration retryAfter) {
        super(reason, message, Map.of(), problems, null, retryAfter);
        this.domain = domain;
    }

    @Override
    public String domain() { return domain; }
}
