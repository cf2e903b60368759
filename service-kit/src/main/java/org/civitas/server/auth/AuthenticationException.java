package org.civitas.server.auth;

import io.grpc.Status.Code;
import org.civitas.server.ErrorReason;
import org.civitas.server.ServiceException;

/** A caller's credentials were presented but do not authenticate it: answered UNAUTHENTICATED with a reason. */
public final class AuthenticationException extends ServiceException {

    /** Why authentication failed. */
    public enum Reason implements ErrorReason {
        TOKEN_MALFORMED, TOKEN_EXPIRED, TOKEN_NOT_FOR_THIS_SERVICE, TOKEN_REPLAYED, KEY_NOT_AUTHORISED,
        SIGNATURE_INVALID, CALLER_UNKNOWN;

        @Override public Code code() { return Code.UNAUTHENTICATED; }
    }

    public AuthenticationException(Reason reason, String message) {
        super(reason, message);
    }

    @Override
    public String domain() { return "auth.civitas"; }
}
