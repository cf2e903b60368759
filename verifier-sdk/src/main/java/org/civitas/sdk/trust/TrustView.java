package org.civitas.sdk.trust;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.civitas.sdk.did.Did;
import org.civitas.sdk.did.DidResolver;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What an offline verifier trusts beyond cryptography: the issuers' DID documents through time, their
 * accreditations, the registered claim schemas and the current status lists. A verified trust bundle is the one
 * production implementation; every answer it gives was proven against the ledger's quorum-signed tree head when
 * the bundle was loaded, so nothing here touches the network. Implementations are immutable and thread-safe.
 */
public interface TrustView {

    /**
     * Resolves {@code did:civitas} DIDs as of a time (a key revoked as compromised from a time is absent from
     * documents as of that time or later) and {@code did:key} locally.
     */
    DidResolver resolver();

    /**
     * The status list credential whose {@code id} is {@code url}, already checked when the trust data was loaded:
     * signed by its issuer and anchored on the ledger at the version given.
     */
    Optional<VerifiedStatusList> statusList(String url);

    /**
     * Whether {@code issuer} was accredited to issue {@code credentialType} in {@code region} (a GB/T 2260 code)
     * at {@code at}: an AGENCY grant covering both, from a provincial root that itself held a grant covering
     * them, neither withdrawn nor outside its validity at that time.
     */
    Accreditation accreditation(Did issuer, String credentialType, String region, Instant at);

    /**
     * The JSON Schema registered on the ledger for a credential type's version, its digest checked against the
     * ledger's registration.
     */
    Optional<ObjectNode> schema(String credentialType, String version);

    /**
     * How old the status data for a credential type may be at verification time before the verifier must refuse
     * with "refresh the trust data" rather than trust it.
     */
    Duration maxStatusAge(String credentialType);

    /** When this trust data was current: the time of the ledger head it was proven against. */
    Instant asOf();
}
