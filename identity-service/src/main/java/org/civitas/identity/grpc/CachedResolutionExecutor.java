package org.civitas.identity.grpc;

import com.google.common.util.concurrent.MoreExecutors;
import io.grpc.Metadata;
import io.grpc.ServerBuilder;
import io.grpc.ServerCall;
import io.grpc.ServerCallExecutorSupplier;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;
import org.civitas.proto.identity.v1.IdentityGrpc;
import org.civitas.server.auth.AuthInterceptor;

import java.util.concurrent.Executor;

/**
 * Runs an anonymous ResolveDid on the gRPC transport thread instead of handing each of its steps to the IO
 * executor: a resolution this replica holds is a map lookup, cheaper than the thread hand-offs around it, and
 * {@link IdentityEndpoint#resolveDid} moves anything that waits (Redis, the ledger) to the IO executor itself.
 * Calls with a credential keep the IO executor: checking a service token or a Firebase ID token waits on Redis or
 * the network.
 */
@Singleton
final class CachedResolutionExecutor implements BeanCreatedEventListener<ServerBuilder<?>> {

    @Override
    public ServerBuilder<?> onCreated(BeanCreatedEvent<ServerBuilder<?>> event) {
        return event.getBean().callExecutor(new ServerCallExecutorSupplier() {
            @Override
            public <Q, R> Executor getExecutor(ServerCall<Q, R> call, Metadata headers) {
                boolean anonymousResolution = call.getMethodDescriptor() == IdentityGrpc.getResolveDidMethod()
                    && !headers.containsKey(AuthInterceptor.AUTHORIZATION)
                    && !headers.containsKey(FirebaseCallerInterceptor.FIREBASE_ID_TOKEN);
                return anonymousResolution ? MoreExecutors.directExecutor() : null;   // null: the IO executor
            }
        });
    }
}
