package org.civitas.identity.challenge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import org.civitas.identity.IdentityException;
import org.civitas.identity.IdentityException.Reason;
import org.civitas.sdk.FormatException;
import org.civitas.sdk.did.Did;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Device challenges in Redis, shared by every replica. A challenge is kept a while past its expiry (so a late
 * answer is told "expired", not "unknown"), and consumed atomically by one Lua script: the first request to
 * answer it claims it, and only a retry of that same request may read it again; any other request is told it was
 * used. Issuing counts challenges per key or DID and refuses more than the configured number per minute.
 * Thread-safe.
 */
public final class ChallengeStore {

    /** How long a challenge is remembered after it expires, to tell "expired" from "unknown". */
    static final Duration GRACE = Duration.ofMinutes(10);
    private static final Pattern ID = Pattern.compile("ch_[A-Za-z0-9_-]{22}");
    private static final String PREFIX = "identity:challenge:";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    /** KEYS: rate counter, challenge. ARGV: limit, value, keep (ms). 0 when over the limit. */
    private static final String ISSUE = """
        local n = redis.call('INCR', KEYS[1])
        if n == 1 then redis.call('PEXPIRE', KEYS[1], 60000) end
        if n > tonumber(ARGV[1]) then return 0 end
        redis.call('SET', KEYS[2], ARGV[2], 'PX', ARGV[3])
        return 1
        """;
    /**
     * KEYS: challenge, its claim. ARGV: purpose, consumer, keep (ms).
     * {0} unknown, {1, value} claimed by this consumer, {2} claimed by another, {3, purpose} other purpose.
     */
    private static final String CONSUME = """
        local v = redis.call('GET', KEYS[1])
        if not v then return {0} end
        local purpose = string.match(v, '^([A-Z_]+)|')
        if purpose ~= ARGV[1] then return {3, purpose} end
        if redis.call('SET', KEYS[2], ARGV[2], 'NX', 'PX', ARGV[3]) then return {1, v} end
        if redis.call('GET', KEYS[2]) == ARGV[2] then return {1, v} end
        return {2}
        """;

    private final StatefulRedisConnection<String, String> redis;
    private final Clock clock;
    private final Duration ttl;
    private final int perMinute;

    public ChallengeStore(StatefulRedisConnection<String, String> redis, Clock clock, Duration ttl, int perMinute) {
        this.redis = redis;
        this.clock = clock;
        this.ttl = ttl;
        this.perMinute = perMinute;
    }

    /** A fresh challenge id, also usable as a nonce: 128 random bits. */
    public static String newId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return "ch_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** When a challenge made now expires. */
    public Instant expiry() { return clock.instant().plus(ttl); }

    /**
     * Keeps a challenge until it is answered or expires.
     *
     * @param rateSubject what the rate limit counts by: the new key, or the citizen's DID
     * @throws IdentityException TOO_MANY_CHALLENGES when the subject asked for too many in the last minute
     */
    public void issue(Challenge challenge, String rateSubject) {
        Duration keep = Duration.between(clock.instant(), challenge.expiresAt()).plus(GRACE);
        Long stored = redis.sync().eval(ISSUE, ScriptOutputType.INTEGER,
            new String[] {PREFIX + "rate:" + rateSubject, PREFIX + challenge.id()},
            Integer.toString(perMinute), challenge.purpose().name() + "|" + write(challenge),
            Long.toString(Math.max(1, keep.toMillis())));
        if (stored == null || stored == 0) {
            throw IdentityException.retryable(Reason.TOO_MANY_CHALLENGES, "more than " + perMinute
                + " challenges were asked for this key or DID in the last minute; back off", Duration.ofSeconds(60));
        }
    }

    /**
     * Claims a challenge for {@code consumer} (the request answering it). A retry of the same request gets it
     * again; any other gets CHALLENGE_USED.
     *
     * @throws IdentityException CHALLENGE_NOT_FOUND, CHALLENGE_USED, CHALLENGE_MISMATCH (other purpose) or
     *                           CHALLENGE_EXPIRED; INVALID_ARGUMENT for an id that cannot be one
     */
    public Challenge consume(String id, ChallengePurpose purpose, String consumer) {
        if (!ID.matcher(id).matches()) {
            throw IdentityException.invalid("challenge_id", "is not a challenge id; use the one CreateChallenge gave");
        }
        List<Object> result = redis.sync().eval(CONSUME, ScriptOutputType.MULTI,
            new String[] {PREFIX + id, PREFIX + id + ":claim"}, purpose.name(), consumer,
            Long.toString(ttl.plus(GRACE).toMillis()));
        long outcome = (Long) result.get(0);
        if (outcome == 0) {
            throw IdentityException.about(Reason.CHALLENGE_NOT_FOUND, "challenge", id,
                "no such challenge (never made, or expired long ago); ask CreateChallenge for a new one");
        }
        if (outcome == 2) {
            throw IdentityException.about(Reason.CHALLENGE_USED, "challenge", id,
                "the challenge was already answered; every challenge answers one request: make a new one");
        }
        if (outcome == 3) {
            throw IdentityException.about(Reason.CHALLENGE_MISMATCH, "challenge", id,
                "the challenge was made for " + result.get(1) + ", not " + purpose);
        }
        String value = (String) result.get(1);
        Challenge challenge = read(id, value.substring(value.indexOf('|') + 1));
        if (!clock.instant().isBefore(challenge.expiresAt())) {
            throw IdentityException.about(Reason.CHALLENGE_EXPIRED, "challenge", id,
                "the challenge expired at " + challenge.expiresAt() + "; ask CreateChallenge for a new one");
        }
        return challenge;
    }

    private static String write(Challenge c) {
        ObjectNode json = JSON.createObjectNode()
            .put("purpose", c.purpose().name())
            .put("did", c.did().toString())
            .put("payload", Base64.getEncoder().encodeToString(c.payload()))
            .put("createdAt", c.createdAt().toString())
            .put("expiresAt", c.expiresAt().toString());
        if (c.deviceId() != null) json.put("deviceId", c.deviceId());
        if (c.verificationMethod() != null) json.put("verificationMethod", c.verificationMethod());
        if (c.publicKeyMultibase() != null) json.put("publicKeyMultibase", c.publicKeyMultibase());
        if (c.compromisedSince() != null) json.put("compromisedSince", c.compromisedSince().toString());
        return json.toString();
    }

    private static Challenge read(String id, String text) {
        try {
            JsonNode json = JSON.readTree(text);
            return new Challenge(id, ChallengePurpose.valueOf(json.get("purpose").asText()),
                Did.parse(json.get("did").asText()), text(json, "deviceId"), text(json, "verificationMethod"),
                text(json, "publicKeyMultibase"), Base64.getDecoder().decode(json.get("payload").asText()),
                Instant.parse(json.get("createdAt").asText()), Instant.parse(json.get("expiresAt").asText()),
                json.has("compromisedSince") ? Instant.parse(json.get("compromisedSince").asText()) : null);
        } catch (IOException e) {
            throw new UncheckedIOException("a stored challenge does not read back", e);
        } catch (FormatException e) {
            throw new IllegalStateException("a stored challenge does not read back: " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode json, String name) {
        JsonNode node = json.get(name);
        return node == null ? null : node.asText();
    }
}
