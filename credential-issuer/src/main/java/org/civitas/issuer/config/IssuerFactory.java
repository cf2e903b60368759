package org.civitas.issuer.config;

import com.google.firebase.auth.FirebaseAuth;
import com.google.firebase.messaging.FirebaseMessaging;
import com.mongodb.ConnectionString;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.env.Environment;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.civitas.sdk.trust.TrustBundle;
import org.civitas.issuer.bundle.TrustBundles;
import org.civitas.issuer.bundle.PublisherKey;
import org.civitas.issuer.audit.AuditAnchors;
import org.civitas.issuer.audit.AuditLog;
import org.civitas.issuer.audit.Supervision;
import org.civitas.issuer.delivery.CredentialReads;
import org.civitas.issuer.delivery.FirebaseHolders;
import org.civitas.issuer.delivery.Notices;
import org.civitas.issuer.issuance.CredentialWriter;
import org.civitas.issuer.issuance.IssuanceChecks;
import org.civitas.issuer.issuance.IssuanceRelay;
import org.civitas.issuer.issuance.IssuanceService;
import org.civitas.issuer.key.AgencyKeys;
import org.civitas.issuer.key.AgencySigners;
import org.civitas.issuer.key.Pkcs12AgencyKeys;
import org.civitas.issuer.ledger.IssuerLedger;
import org.civitas.issuer.status.StatusChanges;
import org.civitas.issuer.status.StatusListPublisher;
import org.civitas.issuer.status.StatusLists;
import org.civitas.issuer.status.StatusService;
import org.civitas.issuer.store.AuditStore;
import org.civitas.issuer.store.CredentialStore;
import org.civitas.issuer.store.StatusListStore;
import org.civitas.issuer.type.CredentialTypes;
import org.civitas.sdk.FormatException;
import org.civitas.sdk.did.DidResolver;
import org.civitas.sdk.ledger.SignedTransaction;
import org.civitas.sdk.ledger.Transaction;
import org.civitas.server.idempotency.IdempotentRequests;
import org.civitas.server.ledger.LedgerClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Wires credential-issuer from its configuration ({@code civitas.issuer.*}, {@code civitas.ledger.*},
 * {@code mongodb.uri}; see application.properties). Everything here needs the ledger: without
 * {@code civitas.ledger.target} the service runs only its health endpoints.
 */
@Factory
@Requires(beans = LedgerClient.class)
public class IssuerFactory {

    private static final Logger LOG = LoggerFactory.getLogger(IssuerFactory.class);

    @Singleton
    @Named("issuer")
    MongoDatabase database(MongoClient client, @Value("${mongodb.uri}") String uri) {
        String name = new ConnectionString(uri).getDatabase();
        return client.getDatabase(name == null ? "issuer" : name);
    }

    @Singleton
    CredentialStore credentialStore(@Named("issuer") MongoDatabase database) { return new CredentialStore(database); }

    @Singleton
    StatusListStore statusListStore(@Named("issuer") MongoDatabase database) { return new StatusListStore(database); }

    @Singleton
    AuditStore auditStore(@Named("issuer") MongoDatabase database) { return new AuditStore(database); }

    @Singleton
    IdempotentRequests idempotentRequests(@Named("issuer") MongoDatabase database, Clock clock) {
        return new IdempotentRequests(database, "issuer.civitas", clock);
    }

    @Singleton
    @Bean(preDestroy = "close")
    IssuerLedger issuerLedger(@Named("ledger") LedgerClient client, @Value("${civitas.ledger.target}") String target,
                              @Value("${civitas.ledger.genesis-file}") Path genesisFile) {
        try {
            SignedTransaction genesis = SignedTransaction.parseJson(Files.readString(genesisFile, StandardCharsets.UTF_8));
            return new IssuerLedger(client, target, ((Transaction.Genesis) genesis.transaction()).nationalRoot().id());
        } catch (IOException | FormatException | ClassCastException e) {
            throw new ConfigurationException("civitas.ledger.genesis-file " + genesisFile + " is not the ledger's "
                + "signed genesis: " + e.getMessage());
        }
    }

    @Singleton
    CredentialTypes credentialTypes(IssuerLedger ledger, Environment environment) {
        Map<String, List<String>> overrides = new HashMap<>();
        environment.getProperties("civitas.issuer.proof-suites").forEach((type, suites) ->
            overrides.put(type, Arrays.stream(String.valueOf(suites).replaceAll("[\\[\\]]", "").split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).toList()));
        return CredentialTypes.load(ledger.hash(), overrides);
    }

    @Singleton
    AgencyKeys agencyKeys(@Value("${civitas.issuer.keystore.path}") Path path,
                          @Value("${civitas.issuer.keystore.password:}") String password,
                          @Nullable @Value("${civitas.issuer.keystore.import-dir:}") String importDir) {
        if (password.isEmpty()) {
            throw new ConfigurationException("civitas.issuer.keystore.password (env CIVITAS_ISSUER_KEYSTORE_PASSWORD) "
                + "must be set: it protects the agencies' issuing keys in " + path);
        }
        Pkcs12AgencyKeys keys = Pkcs12AgencyKeys.open(path, password.toCharArray());
        if (importDir != null && !importDir.isEmpty()) {
            new IssuingKeyImport(keys, Path.of(importDir)).run();   // before the first request; then periodically
        }
        return keys;
    }

    @Singleton
    AgencySigners agencySigners(AgencyKeys keys, DidResolver resolver, Clock clock) {
        return new AgencySigners(keys, resolver, clock);
    }

    @Singleton
    IssuanceChecks issuanceChecks(IssuerLedger ledger, DidResolver resolver, Clock clock) {
        return new IssuanceChecks(ledger, resolver, clock);
    }

    @Singleton
    StatusListPublisher statusListPublisher(StatusListStore lists, IssuerLedger ledger, AgencySigners signers,
                                            Clock clock) {
        return new StatusListPublisher(lists, ledger, signers, clock);
    }

    @Singleton
    StatusLists statusLists(StatusListStore lists, CredentialStore credentials, StatusListPublisher publisher,
                            @Value("${civitas.issuer.status-lists.base-url}") String baseUrl,
                            @Value("${civitas.issuer.status-lists.length:131072}") int length) {
        return new StatusLists(lists, credentials, publisher, baseUrl, length);
    }

    @Singleton
    AuditLog auditLog(AuditStore store, IssuerLedger ledger, Clock clock) {
        return new AuditLog(store, ledger.hash(), clock);
    }

    @Singleton
    AuditAnchors auditAnchors(AuditLog log, AuditStore store, IssuerLedger ledger, AgencySigners signers) {
        return new AuditAnchors(log, store, ledger, signers);
    }

    @Singleton
    Supervision supervision(AuditLog log, AuditStore store, IssuerLedger ledger, DidResolver resolver, Clock clock) {
        return new Supervision(log, store, ledger, resolver, clock);
    }

    @Singleton
    @Bean(preDestroy = "close")
    Notices notices(@Nullable FirebaseMessaging messaging) {
        if (messaging == null) LOG.info("Firebase is not configured (civitas.firebase.project-id): no push notices");
        return new Notices(messaging);
    }

    @Singleton
    FirebaseHolders firebaseHolders(@Nullable FirebaseAuth auth) {
        return new FirebaseHolders(auth);
    }

    @Singleton
    @Bean(preDestroy = "close")
    IssuanceRelay issuanceRelay(CredentialStore credentials, AuditLog audit, Notices notices) {
        return new IssuanceRelay(credentials, audit, notices);
    }

    @Singleton
    @Bean(preDestroy = "close")
    CredentialWriter credentialWriter(CredentialStore store, IssuanceRelay relay) {
        return new CredentialWriter(store, relay::submit);
    }

    @Singleton
    @Named("signing")
    @Bean(preDestroy = "shutdown")
    ExecutorService signing(@Value("${civitas.issuer.signing-threads:0}") int threads) {
        int n = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        AtomicInteger count = new AtomicInteger();
        return Executors.newFixedThreadPool(n, r -> {
            Thread t = new Thread(r, "signing-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @Singleton
    IssuanceService issuanceService(CredentialTypes types, IssuanceChecks checks, AgencySigners signers,
                                    StatusLists statusLists, CredentialStore store, CredentialWriter writer,
                                    @Named("signing") ExecutorService signing, Clock clock) {
        return new IssuanceService(types, checks, signers, statusLists, store, writer, signing, clock);
    }

    @Singleton
    @Bean(preDestroy = "close")
    StatusChanges statusChanges(CredentialStore credentials, StatusListStore lists, StatusListPublisher publisher,
                                AuditLog audit, Notices notices) {
        return new StatusChanges(credentials, lists, publisher, audit, notices);
    }

    @Singleton
    StatusService statusService(CredentialStore credentials, StatusListStore lists, StatusChanges changes, Clock clock) {
        return new StatusService(credentials, lists, changes, clock);
    }

    @Singleton
    CredentialReads credentialReads(CredentialStore store) { return new CredentialReads(store); }

    @Singleton
    TrustBundles trustBundles(IssuerLedger ledger, StatusListStore lists, CredentialTypes types, Clock clock,
                              @Value("${civitas.issuer.bundle.keystore.path}") Path keystore,
                              @Value("${civitas.issuer.keystore.password:}") String password,
                              @Value("${civitas.issuer.bundle.refresh-after:30s}") Duration refreshAfter,
                              @Value("${civitas.issuer.bundle.max-status-age:24h}") Duration maxStatusAge) {
        if (password.isEmpty()) {
            throw new ConfigurationException("civitas.issuer.keystore.password (env CIVITAS_ISSUER_KEYSTORE_PASSWORD) "
                + "must be set: it also protects the trust bundle publisher key in " + keystore);
        }
        PublisherKey publisher = PublisherKey.open(keystore, password.toCharArray());
        LOG.info("Trust bundles are signed by {} (verifiers pin this DID)", publisher.did());
        // beside the keystore, for the deployment's own verifiers to pin (the DID is public; the key stays inside)
        Path didFile = keystore.toAbsolutePath().resolveSibling("bundle-publisher.did");
        try {
            Files.writeString(didFile, publisher.did() + "\n");
        } catch (IOException e) {
            LOG.warn("Could not write the publisher DID to {}: {}", didFile, e.toString());
        }
        return new TrustBundles(ledger, lists, types, publisher.key(), publisher.did(), clock, refreshAfter,
            Map.of(TrustBundle.ANY_TYPE, maxStatusAge));
    }
}
