package org.civitas.issuer;

import io.grpc.Status.Code;
import org.civitas.server.ErrorReason;
import org.civitas.server.FieldProblem;
import org.civitas.server.ServiceException;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The one refusal credential-issuer answers with: a stable {@link Reason} (which fixes the gRPC code), a message a
 * person can act on, and details. Messages never carry claim values or key material.
 */
public final class IssuerException extends ServiceException {

    /** Why a call was refused. */
    public enum Reason implements ErrorReason {
        /** The claims fail the type's JSON Schema: one field problem per violation. */
        CLAIMS_INVALID(Code.INVALID_ARGUMENT),
        /** A request field is malformed whatever the state: a DID, a date, a page size. */
        REQUEST_INVALID(Code.INVALID_ARGUMENT),
        /** A streamed batch has more items than one call may carry. */
        BATCH_TOO_LARGE(Code.INVALID_ARGUMENT),
        /** The rpc needs an authenticated caller. */
        NOT_AUTHENTICATED(Code.UNAUTHENTICATED),
        /** The caller is not accredited on the ledger for the type and region. */
        TYPE_NOT_ACCREDITED(Code.PERMISSION_DENIED),
        /** Only the credential's issuer may change its status or read it as an agency. */
        NOT_ISSUER(Code.PERMISSION_DENIED),
        /** A citizen reads only their own credentials. */
        NOT_HOLDER(Code.PERMISSION_DENIED),
        /** Audit entries are for the agency itself and its regulators. */
        NOT_REGULATOR(Code.PERMISSION_DENIED),
        /** The caller has no issuing keys in this service. */
        NOT_AN_ISSUER(Code.PERMISSION_DENIED),
        TYPE_NOT_FOUND(Code.NOT_FOUND),
        /** The subject is not an enrolled citizen: not on the ledger, deactivated, or without an authentication key. */
        SUBJECT_NOT_FOUND(Code.NOT_FOUND),
        CREDENTIAL_NOT_FOUND(Code.NOT_FOUND),
        STATUS_LIST_NOT_FOUND(Code.NOT_FOUND),
        AGENCY_NOT_FOUND(Code.NOT_FOUND),
        /** The agency has no audit entries yet. */
        AUDIT_EMPTY(Code.NOT_FOUND),
        /** A trust bundle delta was asked since a version this service no longer holds (or never built). */
        BUNDLE_VERSION_NOT_HELD(Code.NOT_FOUND),
        TYPE_RETIRED(Code.FAILED_PRECONDITION),
        /** The agency's DID document lists no assertionMethod key of the suite whose private key this service holds. */
        ISSUER_KEY_MISSING(Code.FAILED_PRECONDITION),
        /** The ledger registers another schema under this type version. */
        SCHEMA_CONFLICT(Code.FAILED_PRECONDITION),
        CREDENTIAL_REVOKED(Code.FAILED_PRECONDITION),
        NOT_SUSPENDED(Code.FAILED_PRECONDITION),
        /** The request_id was used before by this caller for other content. */
        REQUEST_ID_REUSED(Code.ALREADY_EXISTS),
        /** The ledger cannot be reached or did not prove its answer; retry with backoff. */
        LEDGER_UNAVAILABLE(Code.UNAVAILABLE),
        /** The service is shutting down or overloaded; retry with backoff. */
        SERVICE_UNAVAILABLE(Code.UNAVAILABLE);

        private final Code code;

        Reason(Code code) { this.code = code; }

        @Override public Code code() { return code; }
    }

    private IssuerException(Reason reason, String message, Map<String, String> metadata, List<FieldProblem> problems,
                            Resource resource, Duration retryAfter) {
        super(reason, message, metadata, problems, resource, retryAfter);
    }

    public static IssuerException of(Reason reason, String message) {
        return new IssuerException(reason, message, Map.of(), List.of(), null, retryAfter(reason));
    }

    public static IssuerException of(Reason reason, String message, Map<String, String> metadata) {
        return new IssuerException(reason, message, metadata, List.of(), null, retryAfter(reason));
    }

    /** A refusal about a named resource (answered with ResourceInfo). */
    public static IssuerException about(Reason reason, String resourceType, String resourceName, String message) {
        return new IssuerException(reason, message, Map.of(), List.of(), new Resource(resourceType, resourceName),
            retryAfter(reason));
    }

    /** Bad input, one field problem per violation. */
    public static IssuerException invalid(Reason reason, String message, List<FieldProblem> problems) {
        return new IssuerException(reason, message, Map.of(), problems, null, null);
    }

    /** One malformed request field. */
    public static IssuerException invalidField(String field, String description) {
        return invalid(Reason.REQUEST_INVALID, field + " " + description, List.of(new FieldProblem(field, description)));
    }

    private static Duration retryAfter(Reason reason) {
        return reason.code() == Code.UNAVAILABLE ? Duration.ofSeconds(1) : null;
    }

    @Override
    public String domain() { return "issuer.civitas"; }
}
