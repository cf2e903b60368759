package org.civitas.identity.agency;

import org.civitas.sdk.did.Did;

import java.util.Optional;

/** Where agency records live, unique by DID. Thread-safe. */
public interface AgencyStore {

    /** Inserts the agency; false when its DID is already recorded. */
    boolean insert(Agency agency);

    Optional<Agency> find(Did did);
}
