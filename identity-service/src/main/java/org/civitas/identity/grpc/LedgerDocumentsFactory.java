package org.civitas.identity.grpc;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import org.civitas.identity.did.DocumentSource;
import org.civitas.server.ledger.LedgerClient;

/** The ledger's ResolveDid as the domain's {@link DocumentSource}, on its own channel to {@code civitas.ledger.target}. */
@Factory
public class LedgerDocumentsFactory {

    @Singleton
    @Bean(preDestroy = "close")
    LedgerDocuments ledgerDocuments(@Value("${civitas.ledger.target}") String target, LedgerClient ledger) {
        return new LedgerDocuments(target, ledger.trust());
    }
}
