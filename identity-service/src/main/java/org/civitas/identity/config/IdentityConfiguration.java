package org.civitas.identity.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.nio.file.Path;
import java.time.Duration;

/**
 * {@code civitas.identity.*}: the settings of identity-service.
 *
 * @param nationalIdKeyFile   the secret key of the national id's keyed hash (base64 of at least 32 random bytes);
 *                            created with owner-only permissions when absent. Losing it makes every enrolled
 *                            person unmatchable, so back it up with the database
 * @param challengeTtl        how long a device challenge may be answered
 * @param challengesPerMinute the most challenges one key or DID may ask for per minute
 * @param resolutionCacheTtl  how long a resolved did:civitas document is served from Redis: the bound on staleness
 *                            for changes made on the ledger without this service
 * @param resolutionLocalTtl  how long each replica reuses what it read from Redis without asking again (zero: never);
 *                            adds to the staleness bounds
 * @param registryFreshness   how long a trust-registry verdict (is this DID a provincial root, a registrar) is
 *                            reused: a withdrawn accreditation stops working within this time
 */
@ConfigurationProperties("civitas.identity")
public record IdentityConfiguration(
    @Bindable(defaultValue = "var/identity/national-id.key") Path nationalIdKeyFile,
    @Bindable(defaultValue = "5m") Duration challengeTtl,
    @Bindable(defaultValue = "30") int challengesPerMinute,
    @Bindable(defaultValue = "30s") Duration resolutionCacheTtl,
    @Bindable(defaultValue = "1s") Duration resolutionLocalTtl,
    @Bindable(defaultValue = "10s") Duration registryFreshness) {
}
