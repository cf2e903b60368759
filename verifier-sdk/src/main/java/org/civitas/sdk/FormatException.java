package org.civitas.sdk;

/**
 * Untrusted input that is not well-formed: a DID, a key encoding, a credential that breaks the data model.
 * Thrown by the SDK's {@code parse} methods; the verification facade turns it into a failed {@code FORMAT} check.
 * The message names what was read and what was wrong, and never contains key material.
 */
public final class FormatException extends Exception {

    private final String subject;

    /**
     * @param subject what was being read, e.g. {@code "DID"}, {@code "publicKeyMultibase"}
     * @param problem what was wrong with it
     */
    public FormatException(String subject, String problem) {
        super(subject + ": " + problem);
        this.subject = subject;
    }

    /** What was being read, e.g. {@code "DID"}. */
    public String subject() { return subject; }
}
