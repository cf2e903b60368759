package org.civitas.identity.challenge;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.civitas.identity.IdentityException;
import org.civitas.identity.fixtures.MutableClock;
import org.civitas.sdk.did.Did;
import org.civitas.testkit.LocalRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Device challenges against a real redis-server: what is stored reads back exactly, and each is used once. */
class ChallengeStoreTest {

    private static LocalRedis redisServer;
    private static RedisClient client;
    private static StatefulRedisConnection<String, String> redis;

    private final MutableClock clock = new MutableClock();
    private final ChallengeStore challenges = new ChallengeStore(redis, clock, Duration.ofMinutes(5), 1000);

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
    void everyFieldOfAChallenge_readsBackExactly() {
        Challenge full = challenge(ChallengePurpose.REVOKE_DEVICE, "device-3", "did:civitas:z9#device-3",
            "zDnaexample", Instant.parse("2026-12-03T09:59:01.123456789Z"));
        Challenge minimal = challenge(ChallengePurpose.SIGN_IN, null, null, null, null);

        for (Challenge c : List.of(full, minimal)) {
            assertSame(c, ChallengeStore.read(c.id(), ChallengeStore.write(c)));
        }
    }

    @Test
    void challengesStoredAsJson_stillRead() {
        String json = "{\"purpose\":\"ENROL\",\"did\":\"did:civitas:z9\",\"payload\":\"AAEC\","
            + "\"createdAt\":\"2026-12-03T10:00:00.5Z\",\"expiresAt\":\"2026-12-03T10:05:00.5Z\","
            + "\"deviceId\":\"device-1\",\"verificationMethod\":\"did:civitas:z9#device-1\","
            + "\"publicKeyMultibase\":\"zDnaexample\"}";

        Challenge read = ChallengeStore.read("ch_AAAAAAAAAAAAAAAAAAAAAA", json);

        assertEquals(ChallengePurpose.ENROL, read.purpose());
        assertEquals("did:civitas:z9#device-1", read.verificationMethod());
        assertArrayEquals(new byte[] {0, 1, 2}, read.payload());
        assertEquals(Instant.parse("2026-12-03T10:05:00.5Z"), read.expiresAt());
        assertNull(read.compromisedSince());
    }

    @Test
    void issuedChallenge_isClaimedByOneRequest_andReadAgainOnlyByItsRetry() {
        Challenge issued = issue();

        Challenge claimed = challenges.consume(issued.id(), ChallengePurpose.ENROL, "request-1");
        Challenge retried = challenges.consume(issued.id(), ChallengePurpose.ENROL, "request-1");

        assertSame(issued, claimed);
        assertSame(issued, retried);
        assertEquals(IdentityException.Reason.CHALLENGE_USED, refusal(() ->
            challenges.consume(issued.id(), ChallengePurpose.ENROL, "request-2")));
        assertEquals(IdentityException.Reason.CHALLENGE_MISMATCH, refusal(() ->
            challenges.consume(issued.id(), ChallengePurpose.BIND_DEVICE, "request-1")));
    }

    @Test
    void scriptsForgottenByRedis_areLoadedAgain() {
        Challenge issued = issue();
        redis.sync().scriptFlush();

        assertSame(issued, challenges.consume(issued.id(), ChallengePurpose.ENROL, "request-1"));
        redis.sync().scriptFlush();
        issue();
    }

    @Test
    void concurrentRequests_exactlyOneClaimsTheChallenge() throws Exception {
        Challenge issued = issue();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Boolean>> answers = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                String consumer = "request-" + i;
                answers.add(() -> {
                    try {
                        challenges.consume(issued.id(), ChallengePurpose.ENROL, consumer);
                        return true;
                    } catch (IdentityException e) {
                        return false;
                    }
                });
            }
            long claimed = 0;
            for (Future<Boolean> f : pool.invokeAll(answers)) if (f.get()) claimed++;
            assertEquals(1, claimed);
        } finally {
            pool.shutdown();
        }
    }

    private Challenge issue() {
        Challenge c = new Challenge(ChallengeStore.newId(), ChallengePurpose.ENROL, new Did("civitas", "z9"),
            "device-1", "did:civitas:z9#device-1", "zDnaexample", new byte[] {1, 2, 3}, clock.instant(),
            challenges.expiry(), null);
        challenges.issue(c, "zDnaexample-" + c.id());
        return c;
    }

    private static Challenge challenge(ChallengePurpose purpose, String deviceId, String method, String key,
                                       Instant compromisedSince) {
        return new Challenge(ChallengeStore.newId(), purpose, new Did("civitas", "z9"), deviceId, method, key,
            new byte[] {0, (byte) 0xff, 7, '\n', '|'}, Instant.parse("2026-12-03T10:00:00.000000001Z"),
            Instant.parse("2026-12-03T10:05:00Z"), compromisedSince);
    }

    private static IdentityException.Reason refusal(org.junit.jupiter.api.function.Executable call) {
        return assertThrows(IdentityException.class, call).identityReason();
    }

    private static void assertSame(Challenge expected, Challenge actual) {
        assertEquals(expected.id(), actual.id());
        assertEquals(expected.purpose(), actual.purpose());
        assertEquals(expected.did(), actual.did());
        assertEquals(expected.deviceId(), actual.deviceId());
        assertEquals(expected.verificationMethod(), actual.verificationMethod());
        assertEquals(expected.publicKeyMultibase(), actual.publicKeyMultibase());
        assertArrayEquals(expected.payload(), actual.payload());
        assertEquals(expected.createdAt(), actual.createdAt());
        assertEquals(expected.expiresAt(), actual.expiresAt());
        assertEquals(expected.compromisedSince(), actual.compromisedSince());
    }
}
