package org.civitas.sdk.status;

import java.util.Optional;

/**
 * The purposes a Bitstring Status List entry or list can serve, with their meaning fixed by Bitstring Status List
 * v1.0 §2.1 and §2.2 ({@code statusPurpose}). The spec allows other strings, but a verifier cannot act on a purpose
 * it does not know, so this SDK reads only these four.
 */
public enum StatusPurpose {
    /** A newer credential is available through the refresh service; does not invalidate it, not reversible. */
    REFRESH("refresh"),
    /** Cancels the validity of the credential; not reversible. */
    REVOCATION("revocation"),
    /** Temporarily prevents acceptance of the credential; reversible. */
    SUSPENSION("suspension"),
    /** Conveys one of the messages the entry's {@code statusMessage} lists. */
    MESSAGE("message");

    private final String value;

    StatusPurpose(String value) { this.value = value; }

    /** The JSON value, e.g. {@code "revocation"}. */
    public String value() { return value; }

    /** The purpose with this JSON value, if it is one of the four; matching is exact (case-sensitive). */
    public static Optional<StatusPurpose> fromValue(String value) {
        for (StatusPurpose purpose : values()) {
            if (purpose.value.equals(value)) return Optional.of(purpose);
        }
        return Optional.empty();
    }

    @Override public String toString() { return value; }
}
