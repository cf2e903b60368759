package org.civitas.sdk.proof;

import org.civitas.sdk.Reason;
import org.civitas.sdk.did.Relationship;
import org.civitas.sdk.key.VerificationKey;

import java.time.Instant;
import java.util.Set;

/**
 * Finds the key behind a proof's verificationMethod and the verification relationships its controller grants it
 * (Controlled Identifiers v1.0 §3.3 "Retrieve Verification Method"). {@link DidMethodResolver} does it for DID URLs.
 */
interface MethodResolver {

    /**
     * The method, as its controller's document stood at {@code asOf}, for a proof made with {@code cryptosuite}
     * (named in answers about unsupported keys).
     *
     * @throws Unresolved with the reason a clerk reads
     */
    Resolved resolve(String verificationMethod, String cryptosuite, Instant asOf) throws Unresolved;

    /**
     * A retrieved verification method.
     *
     * @param controller    the method's controller (for a DID URL, the DID)
     * @param key           the signature key
     * @param relationships the verification relationships the controller's document lists the method under
     */
    record Resolved(String controller, VerificationKey key, Set<Relationship> relationships) {
        public Resolved {
            relationships = Set.copyOf(relationships);
        }
    }

    /** The method could not be retrieved; {@link #reason()} says why. */
    final class Unresolved extends Exception {
        private final transient Reason reason;

        Unresolved(Reason reason) {
            super(reason.en());
            this.reason = reason;
        }

        Reason reason() { return reason; }
    }
}
