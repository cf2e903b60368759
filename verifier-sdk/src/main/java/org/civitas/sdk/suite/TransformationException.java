package org.civitas.sdk.suite;

import java.util.Objects;

/**
 * A document or proof that a cryptosuite cannot turn into the bytes it hashes: the Data Integrity
 * {@code PROOF_TRANSFORMATION_ERROR} (VC Data Integrity 1.0 §4.7), e.g. a JSON-LD context that is not bundled, a term
 * no context defines, or a blank-node graph too costly to canonicalise. Checked: it is an expected answer for
 * untrusted input, which verification reports as a failed check. The message names the problem and never contains
 * key material.
 */
public final class TransformationException extends Exception {

    /** What went wrong, for callers that word the answer differently per case. */
    public enum Kind {
        /** The document names a JSON-LD context this verifier does not hold; {@link #subject()} is its URL. */
        UNKNOWN_CONTEXT,
        /** A property or type is not defined by any context (JSON-LD safe mode); {@link #subject()} is the term. */
        UNDEFINED_TERM,
        /** Canonicalisation ran past its time bound: the graph is too complex (possibly hostile). */
        TOO_COMPLEX,
        /**
         * The proof's {@code @context} does not match the start of the document's (vc-di-eddsa §3.3.2, vc-di-ecdsa
         * §3.3.2, step 4.1).
         */
        CONTEXT_MISMATCH,
        /** Anything else that is not valid JSON-LD for the suite. */
        INVALID
    }

    private final Kind kind;
    private final String subject;

    /**
     * @param kind    what went wrong
     * @param subject the context URL or term concerned, or an empty string
     * @param message what was wrong, for logs and developers
     */
    public TransformationException(Kind kind, String subject, String message) {
        super(message);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.subject = Objects.requireNonNull(subject, "subject");
    }

    /** What went wrong. */
    public Kind kind() { return kind; }

    /** The context URL or term concerned, or an empty string. */
    public String subject() { return subject; }
}
