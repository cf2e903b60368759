package org.civitas.sdk.proof;

import org.civitas.sdk.Check;

import java.util.ArrayList;
import java.util.List;

/**
 * The outcome of verifying every proof of a secured document (VC Data Integrity 1.0 §4.5 "Verify Proof Sets and
 * Chains"): one {@link ProofResult} per proof and the flat list of all their checks. Immutable.
 */
public final class ProofVerification {

    private final List<ProofResult> proofs;
    private final List<Check> checks;

    private ProofVerification(List<ProofResult> proofs, List<Check> checks) {
        this.proofs = List.copyOf(proofs);
        this.checks = List.copyOf(checks);
    }

    static ProofVerification of(List<ProofResult> proofs) {
        List<Check> checks = new ArrayList<>();
        for (ProofResult proof : proofs) checks.addAll(proof.checks());
        return new ProofVerification(proofs, checks);
    }

    /** A document with no proof to verify: one failed {@code PROOF} check. */
    static ProofVerification noProof(Check failed) {
        return new ProofVerification(List.of(), List.of(failed));
    }

    /** One result per proof, in document order; empty when the document carries no proof. */
    public List<ProofResult> proofs() { return proofs; }

    /** Every check of every proof, in order: for each proof PROOF, PROOF_PURPOSE, CHALLENGE, VALIDITY_PERIOD. */
    public List<Check> checks() { return checks; }

    /** True when the document has at least one proof and every proof passed all its checks. */
    public boolean verified() {
        return !proofs.isEmpty() && proofs.stream().allMatch(ProofResult::verified);
    }

    @Override
    public String toString() {
        return "ProofVerification[" + (verified() ? "verified" : "not verified") + ", " + checks + "]";
    }
}
