package org.civitas.issuer.key;

import org.civitas.sdk.did.Did;
import org.civitas.sdk.key.SigningKey;

import java.util.Map;
import java.util.Set;

/**
 * Where the service keeps agencies' issuing keys: per agency DID, per verification method id (a DID URL such as
 * {@code did:civitas:…#key-0}). Private keys stay behind {@link SigningKey}: no implementation may put them in
 * MongoDB, a log or an error. Implementations are thread-safe.
 */
public interface AgencyKeys {

    /** The signing keys held for an agency, by verification method id; empty when none. */
    Map<String, SigningKey> of(Did agency);

    /** The agencies whose keys are held. */
    Set<Did> agencies();
}
