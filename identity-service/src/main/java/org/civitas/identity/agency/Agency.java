package org.civitas.identity.agency;

import org.civitas.sdk.did.Did;

import java.time.Instant;
import java.util.Objects;

/**
 * An onboarded agency: its DID (on the ledger), names, kind and region (GB/T 2260).
 *
 * @param onboardedBy the provincial root that onboarded it (the national root for a provincial root)
 */
public record Agency(Did did, String nameEn, String nameZh, AgencyKind kind, String region, Instant onboardedAt,
                     Did onboardedBy) {

    public Agency {
        Objects.requireNonNull(did, "did");
        Objects.requireNonNull(nameEn, "nameEn");
        Objects.requireNonNull(nameZh, "nameZh");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(onboardedAt, "onboardedAt");
        Objects.requireNonNull(onboardedBy, "onboardedBy");
    }
}
