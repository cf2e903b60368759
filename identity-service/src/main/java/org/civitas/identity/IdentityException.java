package org.civitas.identity;

import io.grpc.Status.Code;
import org.civitas.server.ErrorReason;
import org.civitas.server.FieldProblem;
import org.civitas.server.ServiceException;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Every refusal of identity-service: a stable {@link Reason} (sent as {@code ErrorInfo.reason}, domain
 * {@code identity.civitas}) that fixes the gRPC code, a message a person can act on, and structured details.
 * Messages never carry national id numbers, keys, tokens or signatures.
 */
public final class IdentityException extends ServiceException {

    /** The {@code ErrorInfo.domain} of identity-service. */
    public static final String DOMAIN = "identity.civitas";

    /** Why a call was refused. */
    public enum Reason implements ErrorReason {
        /** One or more request fields are wrong whatever the state; see the field violations. */
        FIELD_INVALID(Code.INVALID_ARGUMENT),
        /** A signature does not verify with the key it is said to be made by. */
        SIGNATURE_INVALID(Code.INVALID_ARGUMENT),
        /** The DID method is neither did:civitas nor did:key. */
        DID_METHOD_NOT_SUPPORTED(Code.INVALID_ARGUMENT),
        /** A signed transaction does not fit the request (type, subject, tier, types or regions). */
        TRANSACTION_MISMATCH(Code.INVALID_ARGUMENT),
        /** The ledger refused a transaction as malformed or badly signed. */
        LEDGER_REJECTED(Code.INVALID_ARGUMENT),

        /** A call that needs an authenticated caller came without valid credentials. */
        CALLER_UNAUTHENTICATED(Code.UNAUTHENTICATED),
        /** A Firebase ID token does not verify (forged, expired, another project). */
        FIREBASE_TOKEN_INVALID(Code.UNAUTHENTICATED),

        /** The caller is not a provincial root on the ledger now. */
        NOT_A_PROVINCIAL_ROOT(Code.PERMISSION_DENIED),
        /** The provincial root's own accreditation does not cover what is asked. */
        ROOT_NOT_ACCREDITED(Code.PERMISSION_DENIED),
        /** The caller is not accredited for CitizenEnrolment in the region. */
        REGISTRAR_NOT_ACCREDITED(Code.PERMISSION_DENIED),
        /** The caller is not the party the request is about (the agency, the addressed root, the citizen). */
        NOT_THE_CALLER(Code.PERMISSION_DENIED),
        /** The caller's device key is not the device named in the request. */
        NOT_THE_CALLERS_DEVICE(Code.PERMISSION_DENIED),
        /** The Firebase account carries no {@code did} claim yet. */
        FIREBASE_ACCOUNT_NOT_LINKED(Code.PERMISSION_DENIED),
        /** The ledger refused a signer (not a controller, wrong tier, not accredited). */
        LEDGER_SIGNER_REFUSED(Code.PERMISSION_DENIED),

        AGENCY_NOT_FOUND(Code.NOT_FOUND),
        PROVINCIAL_ROOT_NOT_FOUND(Code.NOT_FOUND),
        ACCREDITATION_REQUEST_NOT_FOUND(Code.NOT_FOUND),
        /** No such challenge: never made, or expired long ago. */
        CHALLENGE_NOT_FOUND(Code.NOT_FOUND),
        CITIZEN_NOT_FOUND(Code.NOT_FOUND),
        DEVICE_NOT_FOUND(Code.NOT_FOUND),
        /** The DID is not on the ledger (at the time asked). */
        DID_NOT_FOUND(Code.NOT_FOUND),

        AGENCY_ALREADY_ONBOARDED(Code.ALREADY_EXISTS),
        /** One citizen per national id: this person is already enrolled. */
        PERSON_ALREADY_ENROLLED(Code.ALREADY_EXISTS),
        /** The device key's DID is already enrolled (or exists on the ledger). */
        DID_ALREADY_ENROLLED(Code.ALREADY_EXISTS),
        /** The key is already bound to the citizen's DID. */
        DEVICE_ALREADY_BOUND(Code.ALREADY_EXISTS),
        /** The Firebase account is linked to another DID. */
        FIREBASE_ACCOUNT_LINKED_ELSEWHERE(Code.ALREADY_EXISTS),

        CHALLENGE_EXPIRED(Code.FAILED_PRECONDITION),
        /** The challenge was already answered by another request. */
        CHALLENGE_USED(Code.FAILED_PRECONDITION),
        /** The challenge was made for another purpose or another citizen. */
        CHALLENGE_MISMATCH(Code.FAILED_PRECONDITION),
        ALREADY_DECIDED(Code.FAILED_PRECONDITION),
        /** The provincial root's own accreditation does not cover the types and regions asked of it. */
        ROOT_CANNOT_GRANT(Code.FAILED_PRECONDITION),
        DEVICE_REVOKED(Code.FAILED_PRECONDITION),
        /** The last active device cannot be revoked by a device signature: nobody could update the DID again. */
        LAST_DEVICE(Code.FAILED_PRECONDITION),
        /** The ledger needs a signature by one of the citizen's own keys for this change. */
        DEVICE_SIGNATURE_REQUIRED(Code.FAILED_PRECONDITION),
        DID_DEACTIVATED(Code.FAILED_PRECONDITION),
        /** The ledger's state forbids the transaction (e.g. the DID exists, a reference is missing). */
        LEDGER_CONFLICT(Code.FAILED_PRECONDITION),
        FIREBASE_NOT_CONFIGURED(Code.FAILED_PRECONDITION),

        /** The DID document changed since the challenge was made: make a new challenge. */
        DOCUMENT_CHANGED(Code.ABORTED),
        /** Another write for the same citizen or person is in progress: retry shortly. */
        OPERATION_IN_PROGRESS(Code.ABORTED),

        TOO_MANY_CHALLENGES(Code.RESOURCE_EXHAUSTED),

        LEDGER_UNAVAILABLE(Code.UNAVAILABLE),
        /** The online verifier holds no trust bundle yet (the publisher was not reached or its bundle was refused). */
        TRUST_BUNDLE_UNAVAILABLE(Code.UNAVAILABLE),
        FIREBASE_UNAVAILABLE(Code.UNAVAILABLE);

        private final Code code;

        Reason(Code code) { this.code = code; }

        @Override public Code code() { return code; }
    }

    private IdentityException(Reason reason, String message, Map<String, String> metadata,
                              List<FieldProblem> problems, Resource resource, Duration retryAfter) {
        super(reason, message, metadata, problems, resource, retryAfter);
    }

    /** A refusal with its reason and message only. */
    public static IdentityException of(Reason reason, String message) {
        return new IdentityException(reason, message, Map.of(), List.of(), null, null);
    }

    /** A refusal about a named resource (answered with {@code ResourceInfo}). */
    public static IdentityException about(Reason reason, String resourceType, String resourceName, String message) {
        return new IdentityException(reason, message, Map.of(), List.of(),
            new Resource(resourceType, resourceName), null);
    }

    /** INVALID_ARGUMENT with one field violation per problem. */
    public static IdentityException invalid(List<FieldProblem> problems) {
        return fields(Reason.FIELD_INVALID, problems);
    }

    /** A refusal with one field violation per problem, for a reason more precise than FIELD_INVALID. */
    public static IdentityException fields(Reason reason, List<FieldProblem> problems) {
        if (problems.isEmpty()) throw new IllegalArgumentException("no problems");
        StringBuilder message = new StringBuilder("invalid request: ");
        for (int i = 0; i < problems.size(); i++) {
            if (i > 0) message.append("; ");
            message.append(problems.get(i).field()).append(' ').append(problems.get(i).description());
        }
        return new IdentityException(reason, message.toString(), Map.of(), problems, null, null);
    }

    /** INVALID_ARGUMENT for one field. */
    public static IdentityException invalid(String field, String problem) {
        return invalid(List.of(new FieldProblem(field, problem)));
    }

    /** A refusal tied to one field, with a reason more precise than {@link Reason#FIELD_INVALID}. */
    public static IdentityException field(Reason reason, String field, String problem) {
        return new IdentityException(reason, field + " " + problem, Map.of(),
            List.of(new FieldProblem(field, problem)), null, null);
    }

    /** A refusal a retry may get past after the given time (answered with {@code RetryInfo}). */
    public static IdentityException retryable(Reason reason, String message, Duration retryAfter) {
        return new IdentityException(reason, message, Map.of(), List.of(), null, retryAfter);
    }

    /** A refusal with extra machine-readable facts for {@code ErrorInfo.metadata}. */
    public static IdentityException withMetadata(Reason reason, String message, Map<String, String> metadata) {
        return new IdentityException(reason, message, metadata, List.of(), null, null);
    }

    public Reason identityReason() { return (Reason) reason(); }

    @Override
    public String domain() { return DOMAIN; }
}
