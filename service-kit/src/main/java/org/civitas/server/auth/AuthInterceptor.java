package org.civitas.server.auth;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.StatusRuntimeException;
import org.civitas.server.ErrorMappingInterceptor;

/**
 * Authenticates every call that presents {@code authorization: Bearer <token>} and makes the {@link Caller}
 * available to the endpoint ({@link Caller#current()}). A call without it is {@link Caller.Anonymous}; a call
 * with a bad token is refused here, UNAUTHENTICATED with the reason, before any endpoint code runs.
 */
public final class AuthInterceptor implements ServerInterceptor {

    /** The standard header. */
    public static final Metadata.Key<String> AUTHORIZATION =
        Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    private static final String BEARER = "Bearer ";

    private final CallerAuthenticator authenticator;

    public AuthInterceptor(CallerAuthenticator authenticator) {
        this.authenticator = authenticator;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                       ServerCallHandler<Q, R> next) {
        String header = headers.get(AUTHORIZATION);
        Caller caller;
        if (header == null) {
            caller = new Caller.Anonymous();
        } else {
            try {
                if (!header.startsWith(BEARER)) {
                    throw new AuthenticationException(AuthenticationException.Reason.TOKEN_MALFORMED,
                        "the authorization header must be 'Bearer <token>'");
                }
                caller = authenticator.authenticate(header.substring(BEARER.length()).trim());
            } catch (AuthenticationException e) {
                StatusRuntimeException status = ErrorMappingInterceptor.statusOf(e);
                call.close(status.getStatus(), status.getTrailers() == null ? new Metadata() : status.getTrailers());
                return new ServerCall.Listener<>() { };
            }
        }
        return Contexts.interceptCall(Context.current().withValue(Caller.CONTEXT_KEY, caller), call, headers, next);
    }
}
