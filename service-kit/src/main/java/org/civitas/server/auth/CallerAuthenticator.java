package org.civitas.server.auth;

import org.civitas.sdk.FormatException;
import org.civitas.sdk.auth.AuthToken;
import org.civitas.sdk.did.Did;
import org.civitas.sdk.did.DidDocument;
import org.civitas.sdk.did.DidResolver;
import org.civitas.sdk.did.Relationship;
import org.civitas.sdk.did.ResolutionException;
import org.civitas.sdk.did.VerificationMethod;
import org.civitas.server.auth.AuthenticationException.Reason;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Checks an {@link AuthToken}: meant for this service, within its short lifetime, never seen before, and signed
 * by a key the caller's DID document lists under {@code authentication} as it stands now. Thread-safe.
 */
public final class CallerAuthenticator {

    /** Tolerated clock difference between caller and service. */
    static final Duration SKEW = Duration.ofSeconds(60);

    private final String audience;
    private final DidResolver resolver;
    private final ReplayGuard replays;
    private final Clock clock;

    public CallerAuthenticator(String audience, DidResolver resolver, ReplayGuard replays, Clock clock) {
        this.audience = Objects.requireNonNull(audience, "audience");
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        this.replays = Objects.requireNonNull(replays, "replays");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The authenticated caller, or an {@link AuthenticationException} saying what to fix. */
    public Caller.Authenticated authenticate(String compactToken) {
        AuthToken token;
        Did did;
        try {
            token = AuthToken.parse(compactToken);
            did = Did.parse(token.issuer());
        } catch (FormatException e) {
            throw new AuthenticationException(Reason.TOKEN_MALFORMED, "the auth token is malformed: " + e.getMessage());
        }
        Instant now = clock.instant();
        if (!audience.equals(token.audience())) {
            throw new AuthenticationException(Reason.TOKEN_NOT_FOR_THIS_SERVICE,
                "the auth token is for '" + token.audience() + "', not for " + audience + "; sign one for this service");
        }
        if (token.issuedAt().isAfter(now.plus(SKEW)) || !now.isBefore(token.expiresAt().plus(SKEW))
                || Duration.between(token.issuedAt(), token.expiresAt()).compareTo(AuthToken.MAX_LIFETIME) > 0) {
            throw new AuthenticationException(Reason.TOKEN_EXPIRED, "the auth token is expired, not yet valid or lives "
                + "longer than " + AuthToken.MAX_LIFETIME.toMinutes() + " minutes; sign a fresh one (check the clock)");
        }
        if (!token.keyId().startsWith(did + "#")) {
            throw new AuthenticationException(Reason.KEY_NOT_AUTHORISED, "the token's key " + token.keyId()
                + " is not a key of its issuer " + did);
        }
        DidDocument document;
        try {
            document = resolver.resolve(did, now);
        } catch (ResolutionException e) {
            throw new AuthenticationException(Reason.CALLER_UNKNOWN, "the caller " + did + " cannot be resolved: "
                + e.getMessage());
        }
        VerificationMethod method = document.verificationMethod(token.keyId()).orElse(null);
        if (method == null || method.key() == null || !document.authorizes(method.id(), Relationship.AUTHENTICATION)) {
            throw new AuthenticationException(Reason.KEY_NOT_AUTHORISED, token.keyId()
                + " is not listed under authentication in the current DID document of " + did);
        }
        if (!token.verifySignature(method.key())) {
            throw new AuthenticationException(Reason.SIGNATURE_INVALID, "the auth token's signature does not verify "
                + "with " + token.keyId());
        }
        if (!replays.firstUse(did.toString(), token.tokenId(), token.expiresAt().plus(SKEW))) {
            throw new AuthenticationException(Reason.TOKEN_REPLAYED, "this auth token was used before; sign a new "
                + "one (with a new jti) for every call");
        }
        return new Caller.Authenticated(did, token.keyId());
    }
}
