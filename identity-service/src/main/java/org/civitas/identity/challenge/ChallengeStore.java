package org.civitas.identity.challenge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import org.civitas.server.redis.RedisScript;
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
 * The scripts run by their SHA-1 ({@code EVALSHA}, loaded again when Redis has lost them), not by their text, and a
 * challenge is kept as plain lines ({@link #write}) rather than JSON: both are per-enrolment costs. Thread-safe.
 */
public final class ChallengeStore {

    /** How long a challenge is remembered after it expires, to tell "expired" from "unknown". */
    static final Duration GRACE = Duration.ofMinutes(10);
    private static final Pattern ID = Pattern.compile("ch_[A-Za-z0-9_-]{22}");
    private static final String PREFIX = "identity:challenge:";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    /** KEYS: rate counter, challenge. ARGV: limit, value, keep (ms). 0 when over the limit. */
    private static final RedisScript ISSUE = new RedisScript("""
        local n = redis.call('INCR', KEYS[1])
        if n == 1 then redis.call('PEXPIRE', KEYS[1], 60000) end
        if n > tonumber(ARGV[1]) then return 0 end
        redis.call('SET', KEYS[2], ARGV[2], 'PX', ARGV[3])
        return 1
        """);
    /**
     * KEYS: challenge, its claim. ARGV: purpose, consumer, keep (ms).
     * {0} unknown, {1, value} claimed by this consumer, {2} claimed by another, {3, purpose} other purpose.
     */
    private static final RedisScript CONSUME = new RedisScript("""
        local v = redis.call('GET', KEYS[1])
        if not v then return {0} end
        local purpose = string.match(v, '^([A-Z_]+)|')
        if purpose ~= ARGV[1] then return {3, purpose} end
        if redis.call('SET', KEYS[2], ARGV[2], 'NX', 'PX', ARGV[3]) then return {1, v} end
        if redis.call('GET', KEYS[2]) == ARGV[2] then return {1, v} end
        return {2}
        """);

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
        Long stored = ISSUE.run(redis, ScriptOutputType.INTEGER,
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
        List<Object> result = CONSUME.run(redis, ScriptOutputType.MULTI,
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

    /** A challenge's fields one per line, in {@link Field} order; an absent one is an empty line. */
    static String write(Challenge c) {
        String[] fields = new String[Field.values().length];
        fields[Field.FORMAT.ordinal()] = LINES_FORMAT;
        fields[Field.PURPOSE.ordinal()] = c.purpose().name();
        fields[Field.DID.ordinal()] = c.did().toString();
        fields[Field.DEVICE_ID.ordinal()] = orEmpty(c.deviceId());
        fields[Field.VERIFICATION_METHOD.ordinal()] = orEmpty(c.verificationMethod());
        fields[Field.PUBLIC_KEY_MULTIBASE.ordinal()] = orEmpty(c.publicKeyMultibase());
        fields[Field.PAYLOAD.ordinal()] = Base64.getEncoder().encodeToString(c.payload());
        fields[Field.CREATED_AT.ordinal()] = instant(c.createdAt());
        fields[Field.EXPIRES_AT.ordinal()] = instant(c.expiresAt());
        fields[Field.COMPROMISED_SINCE.ordinal()] = c.compromisedSince() == null ? "" : instant(c.compromisedSince());
        return String.join("\n", fields);
    }

    /** Reads what {@link #write} wrote, or the JSON of challenges stored before it. */
    static Challenge read(String id, String text) {
        if (text.startsWith("{")) return readJson(id, text);
        String[] fields = text.split("\n", -1);
        if (fields.length != Field.values().length || !LINES_FORMAT.equals(fields[Field.FORMAT.ordinal()])) {
            throw new IllegalStateException("a stored challenge does not read back: unknown layout");
        }
        try {
            return new Challenge(id, ChallengePurpose.valueOf(fields[Field.PURPOSE.ordinal()]),
                Did.parse(fields[Field.DID.ordinal()]), orNull(fields[Field.DEVICE_ID.ordinal()]),
                orNull(fields[Field.VERIFICATION_METHOD.ordinal()]),
                orNull(fields[Field.PUBLIC_KEY_MULTIBASE.ordinal()]),
                Base64.getDecoder().decode(fields[Field.PAYLOAD.ordinal()]),
                instant(fields[Field.CREATED_AT.ordinal()]), instant(fields[Field.EXPIRES_AT.ordinal()]),
                fields[Field.COMPROMISED_SINCE.ordinal()].isEmpty() ? null
                    : instant(fields[Field.COMPROMISED_SINCE.ordinal()]));
        } catch (FormatException | RuntimeException e) {
            throw new IllegalStateException("a stored challenge does not read back: " + e.getMessage(), e);
        }
    }

    /** The lines of a stored challenge; none of the values can hold a line break. */
    private enum Field {
        FORMAT, PURPOSE, DID, DEVICE_ID, VERIFICATION_METHOD, PUBLIC_KEY_MULTIBASE, PAYLOAD, CREATED_AT, EXPIRES_AT,
        COMPROMISED_SINCE
    }

    /** The first line of the line layout; JSON (the layout before it) starts with a brace. */
    private static final String LINES_FORMAT = "v2";

    /** Exact to the nanosecond, without ISO-8601 formatting: {@code <epoch seconds>.<nanos>}. */
    private static String instant(Instant instant) { return instant.getEpochSecond() + "." + instant.getNano(); }

    private static Instant instant(String text) {
        int dot = text.indexOf('.');
        return Instant.ofEpochSecond(Long.parseLong(text.substring(0, dot)), Long.parseLong(text.substring(dot + 1)));
    }

    private static String orEmpty(String value) { return value == null ? "" : value; }

    private static String orNull(String value) { return value.isEmpty() ? null : value; }

    private static Challenge readJson(String id, String text) {
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
