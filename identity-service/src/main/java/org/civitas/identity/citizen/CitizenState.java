package org.civitas.identity.citizen;

/**
 * A citizen record's state: {@code PENDING} from just before the DID's did.create goes to the ledger until the
 * record is completed from the committed entry; {@code ACTIVE} after.
 */
public enum CitizenState { PENDING, ACTIVE }
