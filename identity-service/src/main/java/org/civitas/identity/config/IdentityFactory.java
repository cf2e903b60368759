package org.civitas.identity.config;

import com.google.firebase.auth.FirebaseAuth;
import com.google.firebase.messaging.FirebaseMessaging;
import com.mongodb.ConnectionString;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import org.civitas.identity.IdentityException;
import org.civitas.identity.agency.AccreditationRequestStore;
import org.civitas.identity.agency.AgencyService;
import org.civitas.identity.agency.AgencyStore;
import org.civitas.identity.agency.TrustRegistry;
import org.civitas.identity.challenge.ChallengeStore;
import org.civitas.identity.grpc.IssuerBundleSource;
import org.civitas.identity.verifier.OnlineTrust;
import org.civitas.identity.verifier.PresentationChallenges;
import org.civitas.identity.verifier.PublisherKey;
import org.civitas.identity.citizen.CitizenStore;
import org.civitas.identity.citizen.CitizenWrites;
import org.civitas.identity.device.DeviceService;
import org.civitas.identity.device.FirebaseAccounts;
import org.civitas.identity.device.HolderTopic;
import org.civitas.identity.device.PushTokens;
import org.civitas.identity.did.DocumentSource;
import org.civitas.identity.did.LedgerWriter;
import org.civitas.identity.did.ResolutionCache;
import org.civitas.identity.did.ResolutionService;
import org.civitas.identity.enrolment.EnrolmentService;
import org.civitas.identity.enrolment.NationalIdKey;
import org.civitas.identity.store.MongoAccreditationRequestStore;
import org.civitas.identity.store.MongoAgencyStore;
import org.civitas.identity.store.MongoCitizenStore;
import org.civitas.sdk.FormatException;
import org.civitas.sdk.did.Did;
import org.civitas.sdk.ledger.LedgerHash;
import org.civitas.sdk.ledger.SignedTransaction;
import org.civitas.sdk.ledger.Transaction;
import org.civitas.server.idempotency.IdempotentRequests;
import org.civitas.server.ledger.LedgerClient;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/**
 * Wires identity-service: MongoDB stores (database from {@code mongodb.uri}, {@code identity} by default), Redis
 * (challenges, the resolution cache), the ledger (from service-kit's {@code civitas.ledger.*}), Firebase when
 * configured, and the domain services.
 */
@Factory
public class IdentityFactory {

    @Singleton
    MongoDatabase identityDatabase(MongoClient client, @Value("${mongodb.uri}") String uri) {
        String name = new ConnectionString(uri).getDatabase();
        return client.getDatabase(name == null || name.isEmpty() ? "identity" : name);
    }

    @Singleton
    IdempotentRequests idempotentRequests(MongoDatabase database, Clock clock) {
        return new IdempotentRequests(database, IdentityException.DOMAIN, clock);
    }

    @Singleton
    CitizenStore citizenStore(MongoDatabase database) { return new MongoCitizenStore(database); }

    @Singleton
    AgencyStore agencyStore(MongoDatabase database) { return new MongoAgencyStore(database); }

    @Singleton
    AccreditationRequestStore accreditationRequestStore(MongoDatabase database) {
        return new MongoAccreditationRequestStore(database);
    }

    @Singleton
    NationalIdKey nationalIdKey(IdentityConfiguration config) {
        return NationalIdKey.fromFile(config.nationalIdKeyFile());
    }

    @Singleton
    LedgerHash ledgerHash(LedgerClient ledger) { return ledger.trust().hash(); }

    @Singleton
    PresentationChallenges presentationChallenges(StatefulRedisConnection<String, String> redis, Clock clock) {
        return new PresentationChallenges(redis, clock);
    }

    @Singleton
    @Bean(preDestroy = "close")
    IssuerBundleSource issuerBundleSource(VerifierConfiguration config) {
        return new IssuerBundleSource(config.issuerTarget());
    }

    @Singleton
    OnlineTrust onlineTrust(IssuerBundleSource source, LedgerClient ledger, VerifierConfiguration config, Clock clock) {
        return new OnlineTrust(source, ledger.trust(),
            new PublisherKey(config.bundlePublisher(), config.bundlePublisherFile()), clock);
    }

    @Singleton
    LedgerWriter ledgerWriter(LedgerClient ledger) { return new LedgerWriter(ledger); }

    @Singleton
    @Bean(preDestroy = "close")
    ResolutionCache resolutionCache(RedisClient redis, IdentityConfiguration config) {
        return new ResolutionCache(redis, config.resolutionCacheTtl(), config.resolutionLocalTtl());
    }

    @Singleton
    ResolutionService resolutionService(DocumentSource documents, ResolutionCache cache, Clock clock) {
        return new ResolutionService(documents, cache, clock);
    }

    @Singleton
    ChallengeStore challengeStore(StatefulRedisConnection<String, String> redis, Clock clock,
                                  IdentityConfiguration config) {
        return new ChallengeStore(redis, clock, config.challengeTtl(), config.challengesPerMinute());
    }

    @Singleton
    TrustRegistry trustRegistry(LedgerClient ledger, Clock clock, IdentityConfiguration config) {
        return new TrustRegistry(ledger, clock, config.registryFreshness());
    }

    @Singleton
    HolderTopic holderTopic(@Nullable FirebaseMessaging messaging) {
        return new HolderTopic(messaging);
    }

    @Singleton
    CitizenWrites citizenWrites(CitizenStore store, LedgerWriter ledger, ResolutionService resolutions,
                                HolderTopic topics, Clock clock) {
        return new CitizenWrites(store, ledger, resolutions, topics, clock);
    }

    @Singleton
    EnrolmentService enrolmentService(ChallengeStore challenges, CitizenStore citizens, CitizenWrites writes,
                                      LedgerWriter ledger, TrustRegistry registry, NationalIdKey key,
                                      IdempotentRequests idempotency, Clock clock) {
        return new EnrolmentService(challenges, citizens, writes, ledger, registry, key, idempotency, clock);
    }

    @Singleton
    DeviceService deviceService(ChallengeStore challenges, CitizenStore citizens, CitizenWrites writes,
                                ResolutionService resolutions, TrustRegistry registry, LedgerHash hash, Clock clock) {
        return new DeviceService(challenges, citizens, writes, resolutions, registry, hash, clock);
    }

    @Singleton
    PushTokens pushTokens(CitizenStore citizens, HolderTopic topics, CitizenWrites writes, Clock clock) {
        return new PushTokens(citizens, topics, writes, clock);
    }

    @Singleton
    FirebaseAccounts firebaseAccounts(@Nullable FirebaseAuth auth, DeviceService devices, CitizenStore citizens) {
        return new FirebaseAccounts(auth, devices, citizens);
    }

    @Singleton
    AgencyService agencyService(AgencyStore agencies, AccreditationRequestStore requests, TrustRegistry registry,
                                LedgerWriter ledger, LedgerHash hash,
                                @Value("${civitas.ledger.genesis-file}") Path genesisFile, Clock clock) {
        return new AgencyService(agencies, requests, registry, ledger, hash, nationalRoot(genesisFile), clock);
    }

    /** The national root named by the ledger's genesis: the only accreditor of provincial roots. */
    static Did nationalRoot(Path genesisFile) {
        try {
            SignedTransaction genesis = SignedTransaction.parseJson(Files.readString(genesisFile, StandardCharsets.UTF_8));
            if (genesis.transaction() instanceof Transaction.Genesis g) return g.nationalRoot().id();
            throw new ConfigurationException(genesisFile + " is not a ledger genesis");
        } catch (IOException | FormatException e) {
            throw new ConfigurationException("civitas.ledger.genesis-file " + genesisFile + " cannot be read: "
                + e.getMessage());
        }
    }
}
