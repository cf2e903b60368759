package org.civitas.server.auth;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.civitas.testkit.LocalRedis;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RedisReplayGuardTest {

    @Test
    void tokenId_isAcceptedOnceAndForgottenAfterItsExpiry() throws Exception {
        try (LocalRedis redis = LocalRedis.start()) {
            RedisClient client = RedisClient.create(redis.uri());
            try (StatefulRedisConnection<String, String> connection = client.connect()) {
                RedisReplayGuard guard = new RedisReplayGuard(connection);
                Instant soon = Instant.now().plusMillis(300);

                assertTrue(guard.firstUse("did:key:a", "jti-1", soon));
                assertFalse(guard.firstUse("did:key:a", "jti-1", soon), "a replay");
                assertTrue(guard.firstUse("did:key:b", "jti-1", soon), "token ids are per issuer");
                Thread.sleep(600);
                assertTrue(guard.firstUse("did:key:a", "jti-1", Instant.now().plusSeconds(5)),
                    "expired ids are forgotten (the token itself is refused as expired by then)");
            } finally {
                client.shutdown();
            }
        }
    }
}
