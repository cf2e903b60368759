package org.civitas.server.auth;

import io.grpc.ServerInterceptor;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.civitas.sdk.FormatException;
import org.civitas.sdk.did.DidKey;
import org.civitas.sdk.did.DidResolver;
import org.civitas.sdk.ledger.LedgerTrust;
import org.civitas.sdk.ledger.SignedTransaction;
import org.civitas.server.ledger.LedgerClient;
import org.civitas.server.ledger.LedgerDidResolver;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/**
 * Wires caller authentication into a service that is configured for it: with {@code civitas.ledger.target} (the
 * ledger to resolve callers' DIDs from, trusted through {@code civitas.ledger.genesis-file}) and Redis (token
 * replay protection). Without them no interceptor is registered and every caller is anonymous.
 */
@Factory
public class AuthFactory {

    @Singleton
    @Requires(property = "civitas.ledger.target")
    @Named("ledger")
    LedgerClient ledgerClient(@Value("${civitas.ledger.target}") String target,
                              @Value("${civitas.ledger.genesis-file}") Path genesisFile) {
        try {
            return LedgerClient.connect(target, LedgerTrust.fromGenesis(SignedTransaction.parseJson(
                Files.readString(genesisFile, StandardCharsets.UTF_8))));
        } catch (IOException | FormatException | IllegalArgumentException e) {
            throw new ConfigurationException("civitas.ledger.genesis-file " + genesisFile + " cannot be used as the "
                + "ledger's trust anchor: " + e.getMessage());
        }
    }

    /**
     * did:civitas from the ledger, did:key locally. The ledger's resolver is asked first: almost every caller is an
     * agency or a citizen on the ledger, and a resolver refusing a DID's method does so with an exception.
     */
    @Singleton
    @Requires(beans = LedgerClient.class)
    DidResolver didResolver(LedgerClient ledger, Clock clock) {
        return DidResolver.firstOf(new LedgerDidResolver(ledger, clock), DidKey.resolver());
    }

    @Singleton
    @Requires(classes = StatefulRedisConnection.class)
    @Requires(beans = StatefulRedisConnection.class)
    ReplayGuard replayGuard(StatefulRedisConnection<String, String> redis) {
        return new RedisReplayGuard(redis);
    }

    @Singleton
    @Requires(beans = {DidResolver.class, ReplayGuard.class})
    CallerAuthenticator callerAuthenticator(@Value("${micronaut.application.name}") String service,
                                            DidResolver resolver, ReplayGuard replays, Clock clock) {
        return new CallerAuthenticator(service, resolver, replays, clock);
    }

    @Singleton
    @Named("auth")
    @Requires(beans = CallerAuthenticator.class)
    ServerInterceptor auth(CallerAuthenticator authenticator) {
        return new AuthInterceptor(authenticator);
    }
}
