package org.civitas.sdk.policy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Makes interactive challenges single-use: the verifier consumes a challenge once the holder's signature over it
 * verified, and refuses a second presentation answering the same one (a replayed QR). A counter with several
 * verifiers shares one registry (identity-service backs it with Redis). Implementations are thread-safe.
 */
public interface ChallengeRegistry {

    /**
     * Marks the challenge, for that domain, as used.
     *
     * @return true when it was still open (this is its first use), false when it had been used already
     */
    boolean consume(String challenge, String domain);

    /**
     * A registry in this process's memory that remembers a used challenge for {@code retention}, then forgets it,
     * so its size stays bounded by the rate of presentations. The verifier refuses interactive presentations older
     * than the policy's challenge lifetime, so a retention longer than that lifetime plus twice the clock skew
     * leaves no gap for a replay.
     */
    static ChallengeRegistry inMemory(Duration retention, Clock clock) {
        return new InMemory(retention, clock);
    }

    /** The in-memory registry: a map of used challenges and a queue of them in order of use, for eviction. */
    final class InMemory implements ChallengeRegistry {
        private final Duration retention;
        private final Clock clock;
        private final Map<String, Instant> used = new HashMap<>();
        private final Deque<Map.Entry<String, Instant>> order = new ArrayDeque<>();

        private InMemory(Duration retention, Clock clock) {
            if (retention.isNegative() || retention.isZero()) throw new IllegalArgumentException("retention must be positive");
            this.retention = retention;
            this.clock = Objects.requireNonNull(clock, "clock");
        }

        @Override
        public synchronized boolean consume(String challenge, String domain) {
            Objects.requireNonNull(challenge, "challenge");
            Instant now = clock.instant();
            while (!order.isEmpty() && !order.peekFirst().getValue().isAfter(now)) {
                Map.Entry<String, Instant> oldest = order.pollFirst();
                used.remove(oldest.getKey(), oldest.getValue());
            }
            // domain and challenge separated by a character neither may contain unescaped in a QR text
            String key = (domain == null ? "" : domain) + '\n' + challenge;
            if (used.containsKey(key)) return false;
            Instant forgetAt = now.plus(retention);
            used.put(key, forgetAt);
            order.addLast(new java.util.AbstractMap.SimpleImmutableEntry<>(key, forgetAt));
            return true;
        }

        /** How many used challenges are remembered now (for tests and metrics). */
        public synchronized int size() { return used.size(); }
    }
}
