package org.civitas.identity.did;

import org.civitas.identity.IdentityException;
import org.civitas.sdk.did.Did;

import java.time.Instant;

/** Where did:civitas documents come from: the ledger, every answer proven. Thread-safe. */
public interface DocumentSource {

    /**
     * The version in effect at {@code asOf} ({@code null}: now).
     *
     * @throws IdentityException DID_NOT_FOUND when the DID did not exist then, LEDGER_UNAVAILABLE when the ledger
     *                           cannot answer or its answer does not check out
     */
    ProvenDocument resolve(Did did, Instant asOf);
}
