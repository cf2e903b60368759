package org.civitas.identity.did;

import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import org.civitas.sdk.did.Did;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Current did:civitas resolutions in Redis, shared by every replica: key {@code identity:did:<did>}; value the
 * version's ledger entry index (20 decimal digits), {@code |}, when the version took effect (epoch milliseconds,
 * 20 digits), {@code |}, and the encoded answer. In front of Redis, each replica keeps what it read for a short
 * {@code localTtl} (zero: not at all), with the answer decoded once, so a burst of resolutions of one DID costs one
 * Redis round trip per replica and period and no parse per call.
 *
 * <p>Freshness: a Redis entry lives {@code ttl}. A change made through this service replaces it at once with a
 * tombstone carrying the new version's index (and drops this replica's local copy), and a fill never replaces an
 * entry of a later version, so a resolution that read the old version just before the change cannot put it back.
 * Staleness is therefore bounded by {@code localTtl} for changes made through another replica, and by
 * {@code ttl + localTtl} for changes made on the ledger without this service. Thread-safe.
 */
public final class ResolutionCache implements AutoCloseable {

    /** A cached current version, with the answer decoded for the caller. */
    public record Entry<A>(long version, Instant updated, A answer) { }

    private static final String PREFIX = "identity:did:";
    private static final int DIGITS = 20;
    private static final int HEADER = 2 * (DIGITS + 1);
    /** Stores ARGV[2] with expiry ARGV[3] ms unless the entry holds a later version than ARGV[1]. */
    private static final String PUT_UNLESS_NEWER = """
        local cur = redis.call('GET', KEYS[1])
        if cur and tonumber(string.sub(cur, 1, 20)) > tonumber(ARGV[1]) then return 0 end
        redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
        return 1
        """;

    /** The most entries a replica keeps locally; reaching it empties the local copies. */
    static final int MAX_LOCAL = 100_000;

    /**
     * This replica's copy of a Redis value, and the answer decoded from it by the last codec that asked: a hit
     * then costs a map lookup, not a parse (answers are immutable, so one instance serves every caller).
     */
    private static final class Local {
        final long version;
        final Instant updated;
        final byte[] value;
        final long expiresAtNanos;
        volatile Decoded decoded;

        Local(long version, Instant updated, byte[] value, long expiresAtNanos, Decoded decoded) {
            this.version = version;
            this.updated = updated;
            this.value = value;
            this.expiresAtNanos = expiresAtNanos;
            this.decoded = decoded;
        }

        <A> Entry<A> entry(ResolutionService.Codec<A> codec) {
            Decoded known = decoded;
            if (known == null || known.codec() != codec) {
                known = new Decoded(codec, codec.decode(Arrays.copyOfRange(value, HEADER, value.length)));
                decoded = known;
            }
            @SuppressWarnings("unchecked") A answer = (A) known.answer();
            return new Entry<>(version, updated, answer);
        }
    }

    private record Decoded(ResolutionService.Codec<?> codec, Object answer) { }

    private final StatefulRedisConnection<byte[], byte[]> redis;
    private final Duration ttl;
    private final long localTtlNanos;
    private final Map<Did, Local> local = new ConcurrentHashMap<>();

    public ResolutionCache(RedisClient client, Duration ttl, Duration localTtl) {
        this.redis = client.connect(ByteArrayCodec.INSTANCE);
        this.ttl = ttl;
        this.localTtlNanos = localTtl.toNanos();
    }

    public Duration ttl() { return ttl; }

    /** The current version as this replica holds it (no Redis round trip), or null. */
    public <A> Entry<A> held(Did did, ResolutionService.Codec<A> codec) {
        Local copy = local.get(did);
        return copy != null && copy.expiresAtNanos - System.nanoTime() > 0 ? copy.entry(codec) : null;
    }

    /** The cached current version with its answer decoded by {@code codec}, or null. */
    public <A> Entry<A> get(Did did, ResolutionService.Codec<A> codec) {
        Local copy = local.get(did);
        long now = System.nanoTime();
        if (copy != null && copy.expiresAtNanos - now > 0) return copy.entry(codec);
        byte[] value = redis.sync().get(key(did));
        if (value == null || value.length <= HEADER) return null;
        // the same bytes as the expired copy (the usual case: the version did not change) keep its decoded answer
        Decoded decoded = copy != null && Arrays.equals(copy.value, value) ? copy.decoded : null;
        Local fresh = new Local(Long.parseLong(new String(value, 0, DIGITS, StandardCharsets.US_ASCII)),
            Instant.ofEpochMilli(Long.parseLong(new String(value, DIGITS + 1, DIGITS, StandardCharsets.US_ASCII))),
            value, now + localTtlNanos, decoded);
        keepLocally(did, fresh);
        return fresh.entry(codec);
    }

    /** Caches the answer of the version written by entry {@code version}, unless a later one is cached. */
    public <A> void put(Did did, long version, Instant updated, A answer, ResolutionService.Codec<A> codec) {
        byte[] value = value(version, updated.toEpochMilli(), codec.encode(answer));
        store(did, version, value);
        // the local copy is decoded from the stored bytes on first use, not the answer just built: a decoded
        // protobuf message keeps its strings as UTF-8 bytes and serializes them by copying, where a built one
        // encodes them again on every call
        keepLocally(did, new Local(version, updated, value, System.nanoTime() + localTtlNanos, null));
    }

    /** The document changed at entry {@code newVersion}: drop what is cached and keep older fills out. */
    public void invalidate(Did did, long newVersion) {
        local.remove(did);
        store(did, newVersion, value(newVersion, 0, new byte[0]));
    }

    private void keepLocally(Did did, Local copy) {
        if (localTtlNanos <= 0) return;
        if (local.size() >= MAX_LOCAL) local.clear();
        local.put(did, copy);
    }

    private void store(Did did, long version, byte[] value) {
        redis.sync().eval(PUT_UNLESS_NEWER, ScriptOutputType.INTEGER, new byte[][] {key(did)},
            Long.toString(version).getBytes(StandardCharsets.US_ASCII), value,
            Long.toString(ttl.toMillis()).getBytes(StandardCharsets.US_ASCII));
    }

    /** The stored form: version and time as zero-padded decimals, then the encoded answer. */
    private static byte[] value(long version, long updatedMillis, byte[] answer) {
        byte[] value = new byte[HEADER + answer.length];
        writeDigits(value, 0, version);
        value[DIGITS] = '|';
        writeDigits(value, DIGITS + 1, updatedMillis);
        value[2 * DIGITS + 1] = '|';
        System.arraycopy(answer, 0, value, HEADER, answer.length);
        return value;
    }

    private static void writeDigits(byte[] into, int at, long number) {
        if (number < 0) throw new IllegalArgumentException("negative: " + number);
        long rest = number;
        for (int i = at + DIGITS - 1; i >= at; i--) {
            into[i] = (byte) ('0' + rest % 10);
            rest /= 10;
        }
    }

    private static byte[] key(Did did) {
        return (PREFIX + did).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        redis.close();
    }
}
