package org.civitas.sdk.did;

/**
 * A DID that could not be resolved, with a reason a person can act on ("did:web is not supported offline",
 * "not in the trust bundle", "deactivated on 2026-03-02"). Checked: resolution failing is an expected outcome
 * that verification reports as a failed check.
 */
public final class ResolutionException extends Exception {

    /** Why resolution failed, for callers that react differently. */
    public enum Kind {
        /** The DID's method is not one this resolver handles. */
        METHOD_NOT_SUPPORTED,
        /** The DID is well-formed but unknown (or unknown at the requested time). */
        NOT_FOUND,
        /** The DID or its document is malformed. */
        INVALID,
        /** The DID was deactivated at the requested time. */
        DEACTIVATED,
        /** The source of truth (the ledger) cannot be reached now; retry later. */
        UNAVAILABLE
    }

    private final Kind kind;

    public ResolutionException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() { return kind; }
}
