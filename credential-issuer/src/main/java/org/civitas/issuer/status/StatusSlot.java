package org.civitas.issuer.status;

import org.civitas.sdk.status.StatusEntry;
import org.civitas.sdk.status.StatusPurpose;

import java.util.Objects;

/**
 * A credential's entry in one of its issuer's status lists (Bitstring Status List v1.0 §2.1): the list's URL and
 * the index allocated to it, at random among the list's unused indexes.
 */
public record StatusSlot(StatusPurpose purpose, String listId, int index) {

    public StatusSlot {
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(listId, "listId");
        if (index < 0) throw new IllegalArgumentException("negative status list index");
    }

    /** The {@code credentialStatus} entry of the credential. */
    public StatusEntry entry() {
        return StatusEntry.of(purpose, index, listId);
    }
}
