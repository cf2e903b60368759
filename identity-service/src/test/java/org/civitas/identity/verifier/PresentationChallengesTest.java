package org.civitas.identity.verifier;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.civitas.identity.fixtures.MutableClock;
import org.civitas.testkit.LocalRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class PresentationChallengesTest {

    private static LocalRedis redisServer;
    private static RedisClient client;
    private static StatefulRedisConnection<String, String> redis;

    private final MutableClock clock = new MutableClock();
    private final PresentationChallenges challenges = new PresentationChallenges(redis, clock);

    @BeforeAll
    static void startRedis() {
        redisServer = LocalRedis.start();
        client = RedisClient.create(redisServer.uri());
        redis = client.connect();
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
        client.shutdown();
        redisServer.close();
    }

    @Test
    void openChallenge_isClaimedOnceWithItsDomainAndPolicy_thenUsed() {
        PresentationChallenges.Open open = challenges.open("counter.hospital.example", "hospital", Duration.ofMinutes(2));

        PresentationChallenges.Claim first = challenges.claim(open.challenge());
        PresentationChallenges.Claim second = challenges.claim(open.challenge());

        assertEquals(new PresentationChallenges.Claim.Claimed(open), first);
        assertInstanceOf(PresentationChallenges.Claim.AlreadyUsed.class, second);
    }

    @Test
    void challengesAreFreshRandomNonces() {
        String a = challenges.open("d", "bank", Duration.ofMinutes(1)).challenge();
        String b = challenges.open("d", "bank", Duration.ofMinutes(1)).challenge();
        assertNotEquals(a, b);
        assertEquals(22, a.length(), "128 bits as base64url");
    }

    @Test
    void lateAnswer_isToldExpiredNotUnknown() {
        PresentationChallenges.Open open = challenges.open("d", "school", Duration.ofSeconds(30));
        clock.advance(Duration.ofSeconds(31));

        assertEquals(new PresentationChallenges.Claim.Expired(open.expiresAt()), challenges.claim(open.challenge()));
    }

    @Test
    void challengeNeverMade_isUnknown() {
        assertInstanceOf(PresentationChallenges.Claim.Unknown.class, challenges.claim("q8Gd2vX1kPzR7tYbNc4eWa"));
    }

    @Test
    void concurrentAnswers_exactlyOneClaimsTheChallenge() throws Exception {
        String challenge = challenges.open("d", "court", Duration.ofMinutes(2)).challenge();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<PresentationChallenges.Claim>> answers = new ArrayList<>();
            for (int i = 0; i < 16; i++) answers.add(() -> challenges.claim(challenge));
            long claimed = 0;
            for (Future<PresentationChallenges.Claim> f : pool.invokeAll(answers)) {
                if (f.get() instanceof PresentationChallenges.Claim.Claimed) claimed++;
            }
            assertEquals(1, claimed);
        } finally {
            pool.shutdown();
        }
    }
}
