package org.civitas.sdk.proof;

import java.time.Duration;
import java.util.Objects;

/**
 * What a verifier expects of every proof (the {@code expectedProofPurpose}, {@code challenge} and {@code domain}
 * inputs of VC Data Integrity 1.0 §4.4 "Verify Proof"), and how far clocks may disagree when {@code created} and
 * {@code expires} are checked. Immutable.
 *
 * @param proofPurpose the expected proof purpose, e.g. {@code assertionMethod} for an issuer's proof
 * @param challenge    the challenge this verifier issued, or {@code null} when it issued none
 * @param domain       the domain this verifier expects, or {@code null}
 * @param clockSkew    how far a {@code created} may lie in the future, and an {@code expires} in the past, before
 *                     the proof fails; not negative
 */
public record ProofExpectations(String proofPurpose, String challenge, String domain, Duration clockSkew) {

    /** Five minutes: phones at a counter are often a few minutes off, rarely more. */
    public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofMinutes(5);

    public ProofExpectations {
        Objects.requireNonNull(proofPurpose, "proofPurpose");
        if (proofPurpose.isEmpty()) throw new IllegalArgumentException("proofPurpose is empty");
        Objects.requireNonNull(clockSkew, "clockSkew");
        if (clockSkew.isNegative()) throw new IllegalArgumentException("clockSkew is negative");
    }

    /** An issuer's proof on a credential: {@code assertionMethod}, no challenge or domain, the default skew. */
    public static ProofExpectations assertion() {
        return new ProofExpectations(ProofOptions.DEFAULT_PROOF_PURPOSE, null, null, DEFAULT_CLOCK_SKEW);
    }

    /** A holder's proof on a presentation: {@code authentication} with this verifier's challenge and domain. */
    public static ProofExpectations authentication(String challenge, String domain) {
        return new ProofExpectations("authentication", Objects.requireNonNull(challenge, "challenge"), domain,
            DEFAULT_CLOCK_SKEW);
    }
}
