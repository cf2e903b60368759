package org.civitas.issuer.status;

/** Where a credential stands: revocation is final, suspension can be lifted. */
public enum CredentialState {
    ACTIVE, SUSPENDED, REVOKED
}
