package org.civitas.identity.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

import java.nio.file.Path;

/**
 * {@code civitas.verifier.*}: where the online verifier gets its trust bundle and whom it trusts to publish one.
 *
 * @param issuerTarget        the credential-issuer that publishes trust bundles ({@code host:port})
 * @param bundlePublisher     the did:key the publisher signs bundles with, pinned; when unset it is read from
 *                            {@code bundlePublisherFile} (the default deployment writes it there)
 * @param bundlePublisherFile where the default deployment's issuer writes its publisher did:key
 * (How often the bundle is brought up to date is {@code civitas.verifier.refresh-interval}, read by
 * {@link org.civitas.identity.verifier.TrustRefresh}'s schedule.)
 */
@ConfigurationProperties("civitas.verifier")
public record VerifierConfiguration(
    @Bindable(defaultValue = "127.0.0.1:7300") String issuerTarget,
    @Nullable String bundlePublisher,
    @Bindable(defaultValue = "var/issuer/bundle-publisher.did") Path bundlePublisherFile) {
}
