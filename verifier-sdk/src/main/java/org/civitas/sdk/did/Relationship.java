package org.civitas.sdk.did;

/** Verification relationships of a DID document (DID Core §5.3), named as their JSON properties. */
public enum Relationship {
    AUTHENTICATION("authentication"),
    ASSERTION_METHOD("assertionMethod"),
    KEY_AGREEMENT("keyAgreement"),
    CAPABILITY_INVOCATION("capabilityInvocation"),
    CAPABILITY_DELEGATION("capabilityDelegation");

    private final String property;

    Relationship(String property) { this.property = property; }

    /** The JSON property name, which is also the Data Integrity {@code proofPurpose} value. */
    public String property() { return property; }

    /** The relationship a proof purpose names, or {@code null}. */
    public static Relationship ofProofPurpose(String proofPurpose) {
        for (Relationship r : values()) if (r.property.equals(proofPurpose)) return r;
        return null;
    }
}
