package org.civitas.identity.did;

import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import org.civitas.sdk.did.Did;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

/**
 * Current did:civitas resolutions in Redis, shared by every replica: key {@code identity:did:<did>}, value the
 * version's ledger entry index (20 decimal digits), {@code |}, and the encoded answer.
 *
 * <p>Freshness: an entry lives {@code ttl} (the bound on staleness for document changes made on the ledger without
 * this service); a change made through this service replaces the entry at once with a tombstone carrying the new
 * version's index, and a fill never replaces an entry of a later version, so a resolution that read the old
 * version just before the change cannot put it back. Thread-safe.
 */
public final class ResolutionCache implements AutoCloseable {

    private static final String PREFIX = "identity:did:";
    private static final int VERSION_DIGITS = 20;
    /** Stores ARGV[2] with expiry ARGV[3] ms unless the entry holds a later version than ARGV[1]. */
    private static final String PUT_UNLESS_NEWER = """
        local cur = redis.call('GET', KEYS[1])
        if cur and tonumber(string.sub(cur, 1, 20)) > tonumber(ARGV[1]) then return 0 end
        redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
        return 1
        """;

    private final StatefulRedisConnection<byte[], byte[]> redis;
    private final Duration ttl;

    public ResolutionCache(RedisClient client, Duration ttl) {
        this.redis = client.connect(ByteArrayCodec.INSTANCE);
        this.ttl = ttl;
    }

    /** The cached answer of the current version, or null. */
    public byte[] get(Did did) {
        byte[] value = redis.sync().get(key(did));
        if (value == null || value.length <= VERSION_DIGITS + 1) return null;
        return Arrays.copyOfRange(value, VERSION_DIGITS + 1, value.length);
    }

    /** Caches an answer of the version written by entry {@code versionIndex}, unless a later one is cached. */
    public void put(Did did, long versionIndex, byte[] answer) {
        store(did, versionIndex, answer);
    }

    /** The document changed at entry {@code newVersionIndex}: drop what is cached and keep older fills out. */
    public void invalidate(Did did, long newVersionIndex) {
        store(did, newVersionIndex, new byte[0]);
    }

    private void store(Did did, long version, byte[] answer) {
        byte[] prefix = (String.format("%0" + VERSION_DIGITS + "d", version) + "|").getBytes(StandardCharsets.US_ASCII);
        byte[] value = new byte[prefix.length + answer.length];
        System.arraycopy(prefix, 0, value, 0, prefix.length);
        System.arraycopy(answer, 0, value, prefix.length, answer.length);
        redis.sync().eval(PUT_UNLESS_NEWER, ScriptOutputType.INTEGER, new byte[][] {key(did)},
            Long.toString(version).getBytes(StandardCharsets.US_ASCII), value,
            Long.toString(ttl.toMillis()).getBytes(StandardCharsets.US_ASCII));
    }

    /** The remaining lifetime of a DID's entry, for operators and tests; negative when absent. */
    public Duration remaining(Did did) {
        return Duration.ofMillis(redis.sync().pttl(key(did)));
    }

    private static byte[] key(Did did) {
        return (PREFIX + did).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        redis.close();
    }
}
