package org.civitas.issuer.issuance;

import java.time.Instant;
import java.util.Objects;

/**
 * An agency's request to issue one credential, as received (validated by {@link IssuanceService}).
 *
 * @param typeVersion empty for the type's current version
 * @param validFrom   {@code null}: the time of issuance
 * @param validUntil  {@code null}: validFrom plus the type's default validity
 * @param fingerprint digest of the request's whole content, which a retry under the same request id must match
 */
public record IssuanceOrder(String requestId, String credentialType, String typeVersion, String subjectDid,
                            String claimsJson, String region, Instant validFrom, Instant validUntil,
                            String fingerprint) {
    public IssuanceOrder {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(credentialType, "credentialType");
        Objects.requireNonNull(typeVersion, "typeVersion");
        Objects.requireNonNull(subjectDid, "subjectDid");
        Objects.requireNonNull(claimsJson, "claimsJson");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(fingerprint, "fingerprint");
    }

    /** Redacted: the claims are personal data. */
    @Override
    public String toString() {
        return "IssuanceOrder[" + requestId + ", " + credentialType + "]";
    }
}
