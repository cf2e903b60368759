package org.civitas.identity.grpc;

import io.grpc.Metadata;
import io.grpc.ServerBuilder;
import io.grpc.ServerCall;
import io.grpc.ServerCallExecutorSupplier;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.civitas.proto.identity.v1.IdentityGrpc;
import org.civitas.server.auth.AuthInterceptor;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;

/**
 * Runs an anonymous ResolveDid on the gRPC transport thread instead of handing its steps to the IO executor: a
 * resolution this replica holds is a map lookup, cheaper than the thread hand-offs around it, and
 * {@link IdentityEndpoint#resolveDid} moves anything that waits (Redis, the ledger) to the IO executor itself.
 * Every other call, and a ResolveDid with a credential (checking a service token or a Firebase ID token waits on
 * Redis or the network), runs on the IO executor as before.
 */
@Singleton
final class CachedResolutionExecutor implements BeanCreatedEventListener<ServerBuilder<?>> {

    private final ExecutorService blocking;

    CachedResolutionExecutor(@Named(TaskExecutors.IO) ExecutorService blocking) {
        this.blocking = blocking;
    }

    @Override
    public ServerBuilder<?> onCreated(BeanCreatedEvent<ServerBuilder<?>> event) {
        // the server's own executor only finds the method and picks the call's executor, on the transport thread
        return event.getBean().directExecutor().callExecutor(new ServerCallExecutorSupplier() {
            @Override
            public <Q, R> Executor getExecutor(ServerCall<Q, R> call, Metadata headers) {
                boolean anonymousResolution = call.getMethodDescriptor() == IdentityGrpc.getResolveDidMethod()
                    && !headers.containsKey(AuthInterceptor.AUTHORIZATION)
                    && !headers.containsKey(FirebaseCallerInterceptor.FIREBASE_ID_TOKEN);
                return anonymousResolution ? null : blocking;          // null: the server's own (direct) executor
            }
        });
    }
}
