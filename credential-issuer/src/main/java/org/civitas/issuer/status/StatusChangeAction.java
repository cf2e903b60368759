package org.civitas.issuer.status;

/** A status change an issuer makes, and the state it leads to. */
public enum StatusChangeAction {
    REVOKE(CredentialState.REVOKED, "credential.revoked", "revoke"),
    SUSPEND(CredentialState.SUSPENDED, "credential.suspended", "suspend"),
    REINSTATE(CredentialState.ACTIVE, "credential.reinstated", "reinstate");

    private final CredentialState result;
    private final String notice;
    private final String auditAction;

    StatusChangeAction(CredentialState result, String notice, String auditAction) {
        this.result = result;
        this.notice = notice;
        this.auditAction = auditAction;
    }

    /** The state a credential is in after the change. */
    public CredentialState result() { return result; }

    /** The {@code event} of the holder's push notice. */
    public String notice() { return notice; }

    /** The audit entry's action. */
    public String auditAction() { return auditAction; }
}
