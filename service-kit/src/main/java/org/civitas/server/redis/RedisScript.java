package org.civitas.server.redis;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A Lua script run by its SHA-1 ({@code EVALSHA}) instead of its text: Redis then neither receives nor hashes the
 * text on every call. When Redis does not know the script (a restart, {@code SCRIPT FLUSH}, another node) it is
 * loaded and the call made again; running a script twice that way is safe, since the first call did not run it.
 * Immutable and thread-safe.
 */
public final class RedisScript {

    private final String text;
    private final String sha1;

    public RedisScript(String text) {
        this.text = text;
        this.sha1 = sha1Hex(text);
    }

    /** Runs the script on {@code keys} with {@code arguments}, as {@code EVAL} would. */
    public <T> T run(StatefulRedisConnection<String, String> redis, ScriptOutputType output, String[] keys,
                     String... arguments) {
        try {
            return redis.sync().evalsha(sha1, output, keys, arguments);
        } catch (RedisNoScriptException e) {
            redis.sync().scriptLoad(text);
            return redis.sync().evalsha(sha1, output, keys, arguments);
        }
    }

    /** The SHA-1 Redis names the script by (lowercase hex). */
    public String sha1() { return sha1; }

    private static String sha1Hex(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8));
            StringBuilder hex = new StringBuilder(40);
            for (byte b : digest) hex.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
            return hex.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is part of every JDK", e);
        }
    }
}
