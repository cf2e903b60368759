package org.civitas.sdk.trust;

import org.civitas.sdk.Reason;

import java.util.Objects;

/**
 * A trust bundle or delta refused on load: a stable {@link Refusal} code for programs and a {@link Reason} in
 * English and Chinese for the person at the counter. The verifier keeps using the trust data it had.
 */
public final class TrustBundleException extends Exception {

    private static final long serialVersionUID = 1L;

    private final Refusal code;
    private final transient Reason reason;

    public TrustBundleException(Refusal code, Reason reason) {
        super(code + ": " + Objects.requireNonNull(reason, "reason").en());
        this.code = Objects.requireNonNull(code, "code");
        this.reason = reason;
    }

    static TrustBundleException of(Refusal code, String en, String zh) {
        return new TrustBundleException(code, Reason.of(en, zh));
    }

    public Refusal code() { return code; }

    public Reason reason() { return reason; }
}
