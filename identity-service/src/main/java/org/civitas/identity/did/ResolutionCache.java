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
 * {@code localTtl} (zero: not at all), so a burst of resolutions of one DID costs one Redis round trip per replica
 * and period.
 *
 * <p>Freshness: a Redis entry lives {@code ttl}. A change made through this service replaces it at once with a
 * tombstone carrying the new version's index (and drops this replica's local copy), and a fill never replaces an
 * entry of a later version, so a resolution that read the old version just before the change cannot put it back.
 * Staleness is therefore bounded by {@code localTtl} for changes made through another replica, and by
 * {@code ttl + localTtl} for changes made on the ledger without this service. Thread-safe.
 */
public final class ResolutionCache implements AutoCloseable {

    /** A cached current version. */
    public record Entry(long version, Instant updated, byte[] answer) { }

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

    private record Local(Entry entry, long expiresAtNanos) { }

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

    /** The cached current version, or null. */
    public Entry get(Did did) {
        Local copy = local.get(did);
        if (copy != null && copy.expiresAtNanos() - System.nanoTime() > 0) return copy.entry();
        byte[] value = redis.sync().get(key(did));
        if (value == null || value.length <= HEADER) return null;
        String header = new String(value, 0, HEADER, StandardCharsets.US_ASCII);
        Entry entry = new Entry(Long.parseLong(header.substring(0, DIGITS)),
            Instant.ofEpochMilli(Long.parseLong(header.substring(DIGITS + 1, 2 * DIGITS + 1))),
            Arrays.copyOfRange(value, HEADER, value.length));
        keepLocally(did, entry);
        return entry;
    }

    /** Caches the answer of the version written by entry {@code version}, unless a later one is cached. */
    public void put(Did did, long version, Instant updated, byte[] answer) {
        store(did, version, updated.toEpochMilli(), answer);
        keepLocally(did, new Entry(version, updated, answer));
    }

    /** The document changed at entry {@code newVersion}: drop what is cached and keep older fills out. */
    public void invalidate(Did did, long newVersion) {
        local.remove(did);
        store(did, newVersion, 0, new byte[0]);
    }

    private void keepLocally(Did did, Entry entry) {
        if (localTtlNanos <= 0) return;
        if (local.size() >= MAX_LOCAL) local.clear();
        local.put(did, new Local(entry, System.nanoTime() + localTtlNanos));
    }

    private void store(Did did, long version, long updatedMillis, byte[] answer) {
        byte[] header = (String.format("%0" + DIGITS + "d|%0" + DIGITS + "d|", version, updatedMillis))
            .getBytes(StandardCharsets.US_ASCII);
        byte[] value = new byte[header.length + answer.length];
        System.arraycopy(header, 0, value, 0, header.length);
        System.arraycopy(answer, 0, value, header.length, answer.length);
        redis.sync().eval(PUT_UNLESS_NEWER, ScriptOutputType.INTEGER, new byte[][] {key(did)},
            Long.toString(version).getBytes(StandardCharsets.US_ASCII), value,
            Long.toString(ttl.toMillis()).getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] key(Did did) {
        return (PREFIX + did).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        redis.close();
    }
}
