package org.civitas.server;

import io.grpc.BindableService;
import io.grpc.ServerInterceptor;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

/**
 * The parts of the gRPC edge every service has: error mapping and server reflection. The standard health service
 * comes from micronaut-grpc (it registers {@code grpc.health.v1.Health} when grpc-services is present) and is
 * driven by {@link HealthStatusPublisher}.
 */
@Factory
public class ServerEdgeFactory {

    @Singleton
    @Named("error-mapping")
    ServerInterceptor errorMapping() {
        return new ErrorMappingInterceptor();
    }

    /** Lets operators explore a live service with standard tools (grpcurl, grpcui). */
    @Singleton
    @Named("reflection")
    @Requires(property = "civitas.grpc.reflection.enabled", notEquals = "false")
    BindableService reflection() {
        return ProtoReflectionServiceV1.newInstance();
    }
}
