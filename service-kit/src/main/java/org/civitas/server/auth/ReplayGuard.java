package org.civitas.server.auth;

import java.time.Instant;

/** Remembers token ids until they expire, so a captured token cannot be replayed. Thread-safe. */
public interface ReplayGuard {

    /**
     * Records {@code tokenId} of {@code issuer} until {@code until}; false when it was already recorded (a
     * replay). Atomic: two concurrent first uses cannot both succeed.
     */
    boolean firstUse(String issuer, String tokenId, Instant until);
}
