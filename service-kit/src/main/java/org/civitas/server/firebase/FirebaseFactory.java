package org.civitas.server.firebase;

import com.google.api.client.http.HttpTransport;
import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.firebase.FirebaseApp;
import com.google.firebase.FirebaseOptions;
import com.google.firebase.auth.FirebaseAuth;
import com.google.firebase.messaging.FirebaseMessaging;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Date;

/**
 * Firebase through {@code firebase-admin}, configured by {@link FirebaseConfiguration}. With an {@code endpoint},
 * the SDK's own HTTP transport sends every request (FCM sends, the ID-token signing certificates) to that host
 * instead of Google's: the SDK runs unchanged against a local fake or emulator.
 */
@Factory
@Requires(classes = FirebaseApp.class)
public class FirebaseFactory {

    @Singleton
    @Bean(preDestroy = "delete")
    @Requires(property = "civitas.firebase.project-id")
    FirebaseApp firebaseApp(FirebaseConfiguration config) {
        FirebaseOptions.Builder options = FirebaseOptions.builder().setProjectId(config.projectId());
        try {
            if (config.endpoint() != null) {
                options.setHttpTransport(redirectedTransport(URI.create(config.endpoint())))
                    .setCredentials(GoogleCredentials.create(new AccessToken("local-endpoint-token",
                        Date.from(java.time.Instant.now().plus(Duration.ofDays(3650))))));
            } else if (config.credentialsFile() != null) {
                try (InputStream key = Files.newInputStream(config.credentialsFile())) {
                    options.setCredentials(GoogleCredentials.fromStream(key));
                }
            } else {
                options.setCredentials(GoogleCredentials.getApplicationDefault());
            }
        } catch (IOException e) {
            throw new ConfigurationException("Firebase credentials cannot be read: " + e.getMessage()
                + " (set civitas.firebase.credentials-file to a service account key, or civitas.firebase.endpoint)");
        }
        return FirebaseApp.initializeApp(options.build(), "civitas-" + System.identityHashCode(config));
    }

    @Singleton
    @Requires(beans = FirebaseApp.class)
    FirebaseMessaging firebaseMessaging(FirebaseApp app) {
        return FirebaseMessaging.getInstance(app);
    }

    @Singleton
    @Requires(beans = FirebaseApp.class)
    FirebaseAuth firebaseAuth(FirebaseApp app) {
        return FirebaseAuth.getInstance(app);
    }

    /** Keeps each request's path and query, and sends it to {@code endpoint}'s scheme, host and port. */
    static HttpTransport redirectedTransport(URI endpoint) {
        return new NetHttpTransport.Builder().setConnectionFactory(url -> {
            URL redirected = new URL(endpoint.getScheme(), endpoint.getHost(), endpoint.getPort(), url.getFile());
            return (HttpURLConnection) redirected.openConnection();
        }).build();
    }
}
