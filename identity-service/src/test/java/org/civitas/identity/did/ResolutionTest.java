package org.civitas.identity.did;

import io.grpc.Status;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micronaut.grpc.server.GrpcEmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.civitas.identity.agency.TrustRegistry;
import org.civitas.identity.fixtures.Actor;
import org.civitas.identity.fixtures.Citizens;
import org.civitas.identity.fixtures.Requests;
import org.civitas.identity.fixtures.Wallet;
import org.civitas.identity.fixtures.World;
import org.civitas.proto.identity.v1.IdentityGrpc;
import org.civitas.proto.identity.v1.ResolveDidRequest;
import org.civitas.proto.identity.v1.ResolveDidResponse;
import org.civitas.sdk.did.DidDocument;
import org.civitas.sdk.did.DidKey;
import org.civitas.sdk.key.KeyType;
import org.civitas.sdk.key.SigningKey;
import org.civitas.sdk.ledger.ProvenEntry;
import org.civitas.sdk.ledger.SignedTransaction;
import org.civitas.sdk.ledger.Transaction;
import org.civitas.server.ledger.LedgerProtos;
import org.civitas.testkit.LoopbackChannel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.civitas.identity.fixtures.Errors.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ResolveDid: ledger proofs, did:key, and the Redis cache's freshness rules. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResolutionTest implements TestPropertyProvider {

    World world;
    @Inject GrpcEmbeddedServer server;
    LoopbackChannel loopback;
    RedisClient redisClient;
    StatefulRedisConnection<String, String> redis;
    Actor registrar;

    @Override
    public Map<String, String> getProperties() {
        world = World.start();
        Map<String, String> properties = new java.util.HashMap<>(world.properties());
        // the replica's own short-lived copies would hide what these tests look at: the shared Redis entries
        properties.put("civitas.identity.resolution-local-ttl", "0s");
        return properties;
    }

    @BeforeAll
    void setUp() {
        loopback = LoopbackChannel.to(server.getPort());
        redisClient = RedisClient.create(world.redis.uri());
        redis = redisClient.connect();
        Actor root = world.provincialRoot(List.of(World.SHANGHAI));
        registrar = world.accreditedAgency(root, List.of(TrustRegistry.CITIZEN_ENROLMENT), List.of(World.SHANGHAI));
    }

    @AfterAll
    void tearDown() {
        redis.close();
        redisClient.shutdown();
        loopback.close();
        world.close();
    }

    @Test
    void resolveDid_civitas_answersTheDocumentWithAProofThatChecksAgainstTheGenesis() throws Exception {
        Wallet phone = enrolled();

        ResolveDidResponse resolved = stub().resolveDid(request(phone).build());

        assertEquals(phone.did, DidDocument.parse(resolved.getDidDocumentJson()).id());
        ProvenEntry proof = LedgerProtos.fromProto(resolved.getProof());
        assertTrue(proof.check(world.ledger.trust()).proven());
        assertEquals(resolved.getMetadata().getVersionEntryIndex(), proof.entry().index());
        assertFalse(resolved.getMetadata().getDeactivated());
    }

    @Test
    void resolveDid_twice_isServedFromRedisWithinItsTimeToLive() {
        Wallet phone = enrolled();

        ResolveDidResponse first = stub().resolveDid(request(phone).build());
        ResolveDidResponse second = stub().resolveDid(request(phone).build());

        assertEquals(first, second);
        long ttl = redis.sync().pttl("identity:did:" + phone.did);
        assertTrue(ttl > 0 && ttl <= 30_000, "ttl " + ttl);
    }

    @Test
    void resolveDid_afterAChangeThroughThisService_answersTheNewDocumentAtOnce() throws Exception {
        Wallet phone = enrolled();
        stub().resolveDid(request(phone).build());

        Citizens.bind(stub(), phone, Wallet.p256());

        assertTrue(DidDocument.parse(stub().resolveDid(request(phone).build()).getDidDocumentJson())
            .verificationMethod("#device-2").isPresent());
    }

    @Test
    void resolveDid_afterAChangeMadeOnTheLedgerDirectly_staysStaleOnlyUntilTheEntryExpires() throws Exception {
        Wallet phone = enrolled();
        ResolveDidResponse cached = stub().resolveDid(request(phone).build());
        DidDocument current = DidDocument.parse(cached.getDidDocumentJson());
        SigningKey extra = SigningKey.generate(KeyType.ED25519).signingKey();
        DidDocument next = CitizenDocuments.withDevice(current, phone.did + "#device-9", extra.verificationKey());
        Transaction.DidUpdate update = new Transaction.DidUpdate(next,
            LedgerProtos.fromProto(cached.getProof()).entry().signedTransaction().hash(world.ledger.trust().hash()),
            List.of(), "direct");
        world.ledgerClient().submit(SignedTransaction.sign(update, Map.of(phone.verificationMethod, phone.key))
            .withSignature(phone.did + "#device-9", extra));

        assertEquals(cached, stub().resolveDid(request(phone).build()));
        redis.sync().del("identity:did:" + phone.did);
        assertTrue(DidDocument.parse(stub().resolveDid(request(phone).build()).getDidDocumentJson())
            .verificationMethod("#device-9").isPresent());
    }

    @Test
    void resolveDid_asOfBeforeTheDidExisted_isNotFound() {
        Wallet phone = enrolled();

        assertRefused(Status.Code.NOT_FOUND, "DID_NOT_FOUND", () -> stub().resolveDid(request(phone)
            .setAsOf(Requests.timestamp(Instant.now().minusSeconds(86_400))).build()));
        assertRefused(Status.Code.NOT_FOUND, "DID_NOT_FOUND", () -> stub().resolveDid(ResolveDidRequest.newBuilder()
            .setDid(Actor.generate().did().toString()).build()));
    }

    @Test
    void resolveDid_didKey_isDerivedLocallyWithoutAProof() throws Exception {
        SigningKey key = SigningKey.generate(KeyType.P256).signingKey();

        ResolveDidResponse resolved = stub().resolveDid(ResolveDidRequest.newBuilder()
            .setDid(DidKey.of(key.verificationKey()).toString()).build());

        assertEquals(key.verificationKey(), DidDocument.parse(resolved.getDidDocumentJson()).verificationMethods()
            .get(0).key());
        assertFalse(resolved.hasProof());
    }

    @Test
    void resolveDid_malformedOrUnsupported_isInvalidArgument() {
        assertRefused(Status.Code.INVALID_ARGUMENT, "FIELD_INVALID",
            () -> stub().resolveDid(ResolveDidRequest.newBuilder().setDid("did:civitas").build()));
        assertRefused(Status.Code.INVALID_ARGUMENT, "DID_METHOD_NOT_SUPPORTED",
            () -> stub().resolveDid(ResolveDidRequest.newBuilder().setDid("did:web:example.org").build()));
    }

    private Wallet enrolled() {
        Wallet wallet = Wallet.p256();
        Citizens.enrol(stub(), stub().withCallCredentials(registrar.credentials()), wallet);
        return wallet;
    }

    private static ResolveDidRequest.Builder request(Wallet wallet) {
        return ResolveDidRequest.newBuilder().setDid(wallet.did.toString());
    }

    private IdentityGrpc.IdentityBlockingStub stub() {
        return IdentityGrpc.newBlockingStub(loopback.channel()).withDeadlineAfter(20, TimeUnit.SECONDS);
    }
}
