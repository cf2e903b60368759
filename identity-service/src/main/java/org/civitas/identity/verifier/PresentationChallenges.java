package org.civitas.identity.verifier;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import org.civitas.sdk.qr.ChallengeQr;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The online verifier's presentation challenges, in Redis so every replica shares them. A challenge answers one
 * presentation: the first verification to claim it wins, atomically (one Lua script), and any later one is told
 * it was used. A challenge is remembered a while past its expiry so a late answer is told "expired", not
 * "unknown". Thread-safe.
 */
public final class PresentationChallenges {

    /** How long a challenge is remembered after it expires. */
    static final Duration GRACE = Duration.ofMinutes(10);
    private static final String PREFIX = "identity:vp-challenge:";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** KEYS: challenge, its claim. ARGV: keep (ms). {0} unknown, {1, value} claimed now, {2} claimed before. */
    private static final String CLAIM = """
        local v = redis.call('GET', KEYS[1])
        if not v then return {0} end
        if redis.call('SET', KEYS[2], '1', 'NX', 'PX', ARGV[1]) then return {1, v} end
        return {2}
        """;

    /** An open challenge: what the counter showed. */
    public record Open(String challenge, String domain, String policy, Instant expiresAt) {
        public Open {
            Objects.requireNonNull(challenge, "challenge");
            Objects.requireNonNull(domain, "domain");
            Objects.requireNonNull(policy, "policy");
            Objects.requireNonNull(expiresAt, "expiresAt");
        }
    }

    /** What claiming a challenge found. */
    public sealed interface Claim {
        /** The challenge was open and is now used by this claim. */
        record Claimed(Open challenge) implements Claim { }
        /** Never made here, or forgotten long after it expired. */
        record Unknown() implements Claim { }
        /** Another presentation answered it first. */
        record AlreadyUsed() implements Claim { }
        /** Too late: it expired at the time given. */
        record Expired(Instant expiredAt) implements Claim { }
    }

    private final StatefulRedisConnection<String, String> redis;
    private final Clock clock;

    public PresentationChallenges(StatefulRedisConnection<String, String> redis, Clock clock) {
        this.redis = redis;
        this.clock = clock;
    }

    /** Opens a fresh challenge (128 random bits) for a counter's domain and policy, usable for {@code ttl}. */
    public Open open(String domain, String policy, Duration ttl) {
        Instant expires = clock.instant().plus(ttl).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        Open challenge = new Open(ChallengeQr.newChallenge(RANDOM), domain, policy, expires);
        redis.sync().set(PREFIX + challenge.challenge(), expires.toString() + "|" + policy + "|" + domain,
            io.lettuce.core.SetArgs.Builder.nx().px(keep(expires).toMillis()));
        return challenge;
    }

    /** Claims a challenge for one presentation. */
    public Claim claim(String challenge) {
        List<Object> result = redis.sync().eval(CLAIM, ScriptOutputType.MULTI,
            new String[] {PREFIX + challenge, PREFIX + challenge + ":used"}, Long.toString(GRACE.toMillis() * 2));
        long outcome = (Long) result.get(0);
        if (outcome == 0) return new Claim.Unknown();
        if (outcome == 2) return new Claim.AlreadyUsed();
        String[] parts = ((String) result.get(1)).split("\\|", 3);
        Open open = new Open(challenge, parts[2], parts[1], Instant.parse(parts[0]));
        if (!clock.instant().isBefore(open.expiresAt())) return new Claim.Expired(open.expiresAt());
        return new Claim.Claimed(open);
    }

    private Duration keep(Instant expires) {
        Duration left = Duration.between(clock.instant(), expires);
        return (left.isNegative() ? Duration.ZERO : left).plus(GRACE);
    }
}
