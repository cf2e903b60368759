package org.civitas.server;

import com.mongodb.client.MongoClient;
import io.micronaut.context.annotation.Requires;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import jakarta.inject.Singleton;
import org.bson.Document;

import java.util.Map;

/**
 * Reports MongoDB {@code UP} when a {@code ping} round-trips, for the services that keep data there. The HTTP
 * {@code /health} endpoint shows it as {@code mongodb}.
 */
@Singleton
@Requires(classes = MongoClient.class)
@Requires(beans = MongoClient.class)
public class MongoHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {

    private final MongoClient client;

    public MongoHealthIndicator(MongoClient client) {
        this.client = client;
    }

    @Override
    protected Map<String, Object> getHealthInformation() {
        Document reply = client.getDatabase("admin").runCommand(new Document("ping", 1));
        healthStatus = HealthStatus.UP;
        return Map.of("ping", reply.get("ok"));
    }

    @Override
    protected String getName() {
        return "mongodb";
    }
}
