package org.civitas.server;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import org.civitas.sdk.did.DidKey;
import org.civitas.sdk.did.DidResolver;
import org.civitas.server.auth.ReplayGuard;

import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** did:key callers and an in-memory replay guard, for testing authentication without a ledger or Redis. */
@Factory
@Requires(env = "test")
class AuthTestBeans {

    @Singleton
    DidResolver didResolver() {
        return DidKey.resolver();
    }

    @Singleton
    ReplayGuard replayGuard() {
        Set<String> seen = ConcurrentHashMap.newKeySet();
        return (issuer, tokenId, until) -> seen.add(issuer + " " + tokenId);
    }
}
