package org.civitas.server.firebase;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

import java.nio.file.Path;

/**
 * {@code civitas.firebase.*}: the Firebase project that carries push notices (FCM) and citizens' sign-in
 * (ID tokens).
 *
 * @param projectId       the Firebase project id; Firebase is off when unset
 * @param credentialsFile a service account JSON key file (production)
 * @param endpoint        a base URL, e.g. {@code http://127.0.0.1:9099}, to send every Google API request to
 *                        instead of Google (a local fake in tests and offline deployments); credentials are then
 *                        a fixed bearer token
 */
@ConfigurationProperties("civitas.firebase")
public record FirebaseConfiguration(@Nullable String projectId, @Nullable Path credentialsFile,
                                    @Nullable String endpoint) {
}
