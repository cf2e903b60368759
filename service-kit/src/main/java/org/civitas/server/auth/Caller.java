package org.civitas.server.auth;

import io.grpc.Context;
import org.civitas.sdk.did.Did;

import java.util.Objects;

/**
 * Who is calling, as the {@link AuthInterceptor} established it. Authentication only says which DID signed the
 * caller's token; what that DID may do (an accredited agency, the citizen owning a credential) each service
 * decides on every call.
 */
public sealed interface Caller {

    /** A caller that proved control of a key listed under {@code authentication} in its DID document. */
    record Authenticated(Did did, String keyId) implements Caller {
        public Authenticated {
            Objects.requireNonNull(did, "did");
            Objects.requireNonNull(keyId, "keyId");
        }
    }

    /** A caller that presented no credentials; only public rpcs accept it. */
    record Anonymous() implements Caller { }

    /** The gRPC context key the interceptor stores the caller under. */
    Context.Key<Caller> CONTEXT_KEY = Context.key("civitas-caller");

    /** The caller of the current gRPC call; {@link Anonymous} outside one or when none was authenticated. */
    static Caller current() {
        Caller caller = CONTEXT_KEY.get();
        return caller == null ? new Anonymous() : caller;
    }
}
