package org.civitas.sdk.policy;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChallengeRegistryTest {

    /** A clock the test moves. */
    private static final class MovingClock extends Clock {
        Instant now = Instant.parse("2026-12-01T09:00:00Z");
        @Override public ZoneId getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(ZoneId zone) { return this; }
        @Override public Instant instant() { return now; }
    }

    @Test
    void aChallenge_isOpenOnce_perDomain() {
        ChallengeRegistry registry = ChallengeRegistry.inMemory(Duration.ofMinutes(15), new MovingClock());
        assertTrue(registry.consume("c1", "counter.a"));
        assertFalse(registry.consume("c1", "counter.a"));
        assertTrue(registry.consume("c1", "counter.b"));
        assertTrue(registry.consume("c2", "counter.a"));
    }

    @Test
    void usedChallenges_areForgottenAfterTheRetention_soMemoryStaysBounded() {
        MovingClock clock = new MovingClock();
        ChallengeRegistry.InMemory registry = (ChallengeRegistry.InMemory) ChallengeRegistry.inMemory(Duration.ofMinutes(15), clock);
        for (int i = 0; i < 1000; i++) registry.consume("c" + i, "counter.a");
        assertEquals(1000, registry.size());

        clock.now = clock.now.plus(Duration.ofMinutes(10));
        registry.consume("late", "counter.a");
        assertEquals(1001, registry.size());
        assertFalse(registry.consume("c0", "counter.a"), "still remembered within the retention");

        clock.now = clock.now.plus(Duration.ofMinutes(6));
        registry.consume("later", "counter.a");
        assertEquals(2, registry.size(), "the first thousand are forgotten; late and later remain");
    }
}
