package org.civitas.sdk.credential;

/** The version of the VC Data Model a document follows, told by its first {@code @context} item. */
public enum DataModelVersion {
    /** VC Data Model v1.1: {@code issuanceDate} (required) and {@code expirationDate}. */
    V1_1(VcDataModel.CONTEXT_V1),
    /** VC Data Model v2.0: {@code validFrom} and {@code validUntil}, both optional. */
    V2_0(VcDataModel.CONTEXT_V2);

    private final String baseContext;

    DataModelVersion(String baseContext) { this.baseContext = baseContext; }

    /** The URL that must come first in {@code @context}. */
    public String baseContext() { return baseContext; }
}
