package org.civitas.server;

import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.protobuf.services.HealthStatusManager;
import io.micronaut.context.event.ShutdownEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.grpc.server.GrpcEmbeddedServer;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.inject.Singleton;

/**
 * Publishes per-service serving status on the standard gRPC health service: every service the server exposes is
 * {@code SERVING} once the server has started, and everything turns {@code NOT_SERVING} when it shuts down, so a
 * load balancer drains it before the port closes.
 */
@Singleton
public class HealthStatusPublisher {

    private final HealthStatusManager health;

    public HealthStatusPublisher(HealthStatusManager health) {
        this.health = health;
    }

    @EventListener
    void onStartup(ServerStartupEvent event) {
        if (!(event.getSource() instanceof GrpcEmbeddedServer server)) return;
        server.getServer().getServices().forEach(service ->
            health.setStatus(service.getServiceDescriptor().getName(), ServingStatus.SERVING));
    }

    @EventListener
    void onShutdown(ShutdownEvent event) {
        health.enterTerminalState();
    }
}
