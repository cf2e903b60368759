package org.civitas.identity.citizen;

import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;

/**
 * Finishes what a crash interrupted: at startup every pending citizen write is settled from the ledger
 * ({@link CitizenWrites}); then a sweep each minute settles writes pending for over a minute (their request died
 * without a retry) and removes push tokens still queued for unsubscription.
 */
@Singleton
public class Recovery {

    private static final Logger LOG = LoggerFactory.getLogger(Recovery.class);
    /** A write pending this long has lost its request. */
    static final Duration ABANDONED_AFTER = Duration.ofMinutes(1);

    private final CitizenWrites writes;
    private final Clock clock;

    public Recovery(CitizenWrites writes, Clock clock) {
        this.writes = writes;
        this.clock = clock;
    }

    @EventListener
    void onStartup(StartupEvent event) {
        try {
            int left = writes.settleAll();
            if (left > 0) LOG.warn("{} pending citizen writes could not be settled at startup; the sweep retries", left);
        } catch (RuntimeException e) {
            LOG.warn("Settling pending citizen writes at startup failed; the sweep retries", e);
        }
    }

    @Scheduled(fixedDelay = "60s", initialDelay = "60s")
    void sweep() {
        try {
            writes.settleAll(clock.instant().minus(ABANDONED_AFTER));
        } catch (RuntimeException e) {
            LOG.warn("The sweep of pending citizen writes failed; it runs again in a minute", e);
        }
    }
}
