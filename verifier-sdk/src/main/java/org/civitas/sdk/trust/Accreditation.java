package org.civitas.sdk.trust;

import org.civitas.sdk.Reason;

import java.util.Objects;

/**
 * The answer to "was this issuer accredited for this type and region then?", with a reason a clerk can read
 * either way (who granted it and until when, or what is missing).
 *
 * @param accredited whether a valid chain of grants covered the issuance
 * @param reason     why, in English and Chinese
 */
public record Accreditation(boolean accredited, Reason reason) {

    public Accreditation {
        Objects.requireNonNull(reason, "reason");
    }

    public static Accreditation granted(Reason reason) { return new Accreditation(true, reason); }

    public static Accreditation refused(Reason reason) { return new Accreditation(false, reason); }
}
