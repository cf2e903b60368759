package org.civitas.issuer.grpc;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.StatusRuntimeException;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import org.civitas.issuer.IssuerException;
import org.civitas.issuer.delivery.FirebaseHolders;
import org.civitas.sdk.did.Did;
import org.civitas.server.ErrorMappingInterceptor;
import org.civitas.server.ledger.LedgerClient;

/**
 * The Firebase path of authentication, beside AuthTokens: a call carrying {@code x-firebase-id-token} has the
 * token verified here and the citizen DID of its {@code did} claim made available to the wallet rpcs
 * ({@link #current()}). A bad token is refused UNAUTHENTICATED before any endpoint code runs. AuthTokens in
 * {@code authorization} are untouched (service-kit's AuthInterceptor handles them).
 */
@Singleton
@Requires(beans = LedgerClient.class)
public final class FirebaseTokenInterceptor implements ServerInterceptor {

    /** The metadata key of the token. */
    public static final Metadata.Key<String> HEADER = Metadata.Key.of("x-firebase-id-token", Metadata.ASCII_STRING_MARSHALLER);
    static final Context.Key<Did> HOLDER = Context.key("civitas-firebase-holder");

    private final FirebaseHolders holders;

    public FirebaseTokenInterceptor(FirebaseHolders holders) {
        this.holders = holders;
    }

    /** The citizen a verified Firebase ID token names in the current call, or {@code null}. */
    public static Did current() { return HOLDER.get(); }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                       ServerCallHandler<Q, R> next) {
        String token = headers.get(HEADER);
        if (token == null) return next.startCall(call, headers);
        Did holder;
        try {
            holder = holders.holder(token.trim());
        } catch (IssuerException e) {
            StatusRuntimeException status = ErrorMappingInterceptor.statusOf(e);
            call.close(status.getStatus(), status.getTrailers() == null ? new Metadata() : status.getTrailers());
            return new ServerCall.Listener<>() { };
        }
        return Contexts.interceptCall(Context.current().withValue(HOLDER, holder), call, headers, next);
    }
}
