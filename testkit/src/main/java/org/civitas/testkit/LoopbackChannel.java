package org.civitas.testkit;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.reflection.v1.ServiceResponse;
import io.grpc.stub.StreamObserver;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A real gRPC channel to a server under test on 127.0.0.1, with the standard health and reflection clients that
 * every Civitas service answers.
 */
public final class LoopbackChannel implements AutoCloseable {

    private static final long DEADLINE_SECONDS = 10;

    private final ManagedChannel channel;

    private LoopbackChannel(ManagedChannel channel) { this.channel = channel; }

    public static LoopbackChannel to(int port) {
        return new LoopbackChannel(ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build());
    }

    public ManagedChannel channel() { return channel; }

    /** The serving status the standard health service reports for a service name ("" for the whole server). */
    public ServingStatus health(String service) {
        return HealthGrpc.newBlockingStub(channel).withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS)
            .check(HealthCheckRequest.newBuilder().setService(service).build())
            .getStatus();
    }

    /** The fully qualified names of the services the server lists through reflection. */
    public Set<String> reflectedServices() {
        CompletableFuture<Set<String>> names = new CompletableFuture<>();
        StreamObserver<ServerReflectionRequest> requests = ServerReflectionGrpc.newStub(channel)
            .withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS)
            .serverReflectionInfo(new StreamObserver<>() {
                @Override public void onNext(ServerReflectionResponse response) {
                    names.complete(response.getListServicesResponse().getServiceList().stream()
                        .map(ServiceResponse::getName).collect(Collectors.toSet()));
                }
                @Override public void onError(Throwable t) { names.completeExceptionally(t); }
                @Override public void onCompleted() { names.complete(Set.of()); }
            });
        requests.onNext(ServerReflectionRequest.newBuilder().setListServices("").build());
        requests.onCompleted();
        return names.join();
    }

    @Override
    public void close() {
        channel.shutdownNow();
        try {
            channel.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
