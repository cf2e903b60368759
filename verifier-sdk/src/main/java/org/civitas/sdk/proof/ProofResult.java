package org.civitas.sdk.proof;

import org.civitas.sdk.Check;
import org.civitas.sdk.CheckId;
import org.civitas.sdk.Outcome;

import java.util.List;

/**
 * The checks made of one proof of a secured document. Immutable.
 *
 * @param index              the proof's position in the document's {@code proof} member (0 for a single proof)
 * @param id                 the proof's {@code id}, or {@code null}
 * @param cryptosuite        the proof's cryptosuite, or {@code null} when the proof could not be read
 * @param verificationMethod the proof's verification method, or {@code null} when the proof could not be read
 * @param checks             the checks, in order: {@code PROOF}, then {@code PROOF_PURPOSE}, {@code CHALLENGE} and
 *                           {@code VALIDITY_PERIOD} when the proof could be read
 */
public record ProofResult(int index, String id, String cryptosuite, String verificationMethod, List<Check> checks) {

    public ProofResult {
        checks = List.copyOf(checks);
    }

    /** True when the signature check passed and no check failed. */
    public boolean verified() {
        return checks.stream().anyMatch(c -> c.id() == CheckId.PROOF && c.outcome() == Outcome.PASSED)
            && checks.stream().noneMatch(c -> c.outcome() == Outcome.FAILED);
    }
}
