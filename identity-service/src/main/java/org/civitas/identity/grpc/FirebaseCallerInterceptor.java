package org.civitas.identity.grpc;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.StatusRuntimeException;
import jakarta.inject.Singleton;
import org.civitas.identity.IdentityException;
import org.civitas.identity.device.FirebaseAccounts;
import org.civitas.server.ErrorMappingInterceptor;

/**
 * Citizens signed in with Firebase: a call carrying {@code firebase-id-token: <ID token>} has the token verified
 * with firebase-admin, and the verified user (and the DID its custom claim names) is available to the endpoint. A
 * token that does not verify is refused here, UNAUTHENTICATED, before any endpoint code runs. Service tokens
 * ({@code authorization}) are handled by service-kit's interceptor, independently.
 */
@Singleton
public final class FirebaseCallerInterceptor implements ServerInterceptor {

    /** The header a Firebase-signed-in citizen sends its ID token in. */
    public static final Metadata.Key<String> FIREBASE_ID_TOKEN =
        Metadata.Key.of("firebase-id-token", Metadata.ASCII_STRING_MARSHALLER);
    /** The verified Firebase user of the current call, if any. */
    static final Context.Key<FirebaseAccounts.FirebaseUser> USER = Context.key("civitas-firebase-user");

    private final FirebaseAccounts accounts;

    public FirebaseCallerInterceptor(FirebaseAccounts accounts) {
        this.accounts = accounts;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                       ServerCallHandler<Q, R> next) {
        String token = headers.get(FIREBASE_ID_TOKEN);
        if (token == null) return next.startCall(call, headers);
        FirebaseAccounts.FirebaseUser user;
        try {
            user = accounts.verify(token.trim());
        } catch (IdentityException e) {
            StatusRuntimeException status = ErrorMappingInterceptor.statusOf(e);
            call.close(status.getStatus(), status.getTrailers() == null ? new Metadata() : status.getTrailers());
            return new ServerCall.Listener<>() { };
        }
        return Contexts.interceptCall(Context.current().withValue(USER, user), call, headers, next);
    }
}
