package org.civitas.sample.wallet.core;

import java.util.Objects;

/**
 * A started enrolment: what the wallet hands the registrar's desk (shown as a QR) after signing the enrolment
 * challenge with its device key. The registrar proofs the person's identity and calls EnrolCitizen with it.
 *
 * @param challengeId        identity-service's challenge
 * @param signature          the device key's signature over the challenge payload (proof of possession)
 * @param did                the DID the citizen will get
 * @param verificationMethod the DID URL the device key will have
 */
public record Enrolment(String challengeId, byte[] signature, String did, String verificationMethod) {

    public Enrolment {
        Objects.requireNonNull(challengeId, "challengeId");
        signature = signature.clone();
        Objects.requireNonNull(did, "did");
        Objects.requireNonNull(verificationMethod, "verificationMethod");
    }

    @Override public byte[] signature() { return signature.clone(); }
}
