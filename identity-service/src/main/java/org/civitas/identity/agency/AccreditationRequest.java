package org.civitas.identity.agency;

import org.civitas.sdk.did.Did;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An agency's request to a provincial root for accreditation in credential types and regions, and the root's
 * decision.
 *
 * @param decidedAt        null while pending
 * @param rejectionReason  set when rejected
 * @param grantEntryIndex  the ledger entry of the approving grant, or -1
 * @param grantHash        the approving grant's transaction hash, or null
 */
public record AccreditationRequest(String id, Did agency, Did provincialRoot, List<String> credentialTypes,
                                   List<String> regions, String justification, AccreditationRequestState state,
                                   Instant requestedAt, Instant decidedAt, String rejectionReason,
                                   long grantEntryIndex, String grantHash) {

    public AccreditationRequest {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(agency, "agency");
        Objects.requireNonNull(provincialRoot, "provincialRoot");
        credentialTypes = List.copyOf(credentialTypes);
        regions = List.copyOf(regions);
        Objects.requireNonNull(justification, "justification");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(requestedAt, "requestedAt");
    }
}
