package org.civitas.server.auth;

import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;

import java.time.Instant;

/** Token ids in Redis ({@code SET NX} with an expiry): atomic across every replica of a service. */
public final class RedisReplayGuard implements ReplayGuard {

    private final StatefulRedisConnection<String, String> redis;

    public RedisReplayGuard(StatefulRedisConnection<String, String> redis) {
        this.redis = redis;
    }

    @Override
    public boolean firstUse(String issuer, String tokenId, Instant until) {
        String reply = redis.sync().set("auth:jti:" + issuer + ":" + tokenId, "1",
            SetArgs.Builder.nx().pxAt(until.toEpochMilli()));
        return "OK".equals(reply);
    }
}
