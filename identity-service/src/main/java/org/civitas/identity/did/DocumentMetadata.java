package org.civitas.identity.did;

import java.time.Instant;

/**
 * The ledger's metadata of a resolved version (DID Resolution §7.1 didDocumentMetadata).
 *
 * @param versionEntryIndex the ledger entry that wrote this version
 * @param nextUpdate        when a later version replaced it, or null for the current version
 */
public record DocumentMetadata(Instant created, Instant updated, boolean deactivated, long versionEntryIndex,
                               Instant nextUpdate) {
}
