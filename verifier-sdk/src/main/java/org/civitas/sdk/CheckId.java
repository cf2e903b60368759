package org.civitas.sdk;

/** What a verification check examined. Stable names: results are shown to clerks and logged by integrators. */
public enum CheckId {
    /** The input is well-formed JSON and follows the VC Data Model's rules. */
    FORMAT,
    /** A Data Integrity proof's cryptosuite, verification method and signature. One check per proof. */
    PROOF,
    /** The proof's purpose is one its verification method is authorised for in the controller's DID document. */
    PROOF_PURPOSE,
    /** A presentation proof carries the expected challenge and domain. */
    CHALLENGE,
    /** The credential is inside validFrom/validUntil, and proofs inside created/expires. */
    VALIDITY_PERIOD,
    /** The credential's status list entries say it is neither revoked nor suspended, from a list fresh enough. */
    STATUS,
    /** The presentation is signed by the credential subject (holder binding). */
    HOLDER_BINDING,
    /** The issuer was accredited for the credential's type and region when it issued it. */
    ISSUER_ACCREDITED,
    /** The claims follow the credential type's schema. */
    SCHEMA,
    /** The counter's policy accepts this credential type, issuer and claims. */
    POLICY,
    /**
     * The presentation is not a replay: an answer to the counter's challenge used for the first time and within
     * the challenge's lifetime, or a one-way presentation made within the counter's window.
     */
    REPLAY
}
