package org.civitas.identity.verifier;

import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;

/** Keeps the online verifier's trust bundle current: first soon after start, then every refresh interval. */
@Singleton
public class TrustRefresh {

    private final OnlineTrust trust;

    public TrustRefresh(OnlineTrust trust) {
        this.trust = trust;
    }

    @Scheduled(fixedDelay = "${civitas.verifier.refresh-interval:10s}", initialDelay = "1s")
    void refresh() {
        trust.refresh();   // logs and keeps the bundle held on any failure
    }
}
