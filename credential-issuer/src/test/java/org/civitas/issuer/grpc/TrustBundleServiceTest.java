package org.civitas.issuer.grpc;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.micronaut.grpc.server.GrpcEmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.civitas.issuer.fixtures.Grpc;
import org.civitas.issuer.fixtures.Party;
import org.civitas.issuer.fixtures.Requests;
import org.civitas.issuer.fixtures.TestWorld;
import org.civitas.proto.issuer.v1.CredentialIssuerGrpc;
import org.civitas.proto.issuer.v1.GetTrustBundleDeltaRequest;
import org.civitas.proto.issuer.v1.GetTrustBundleDeltaResponse;
import org.civitas.proto.issuer.v1.GetTrustBundleRequest;
import org.civitas.proto.issuer.v1.GetTrustBundleResponse;
import org.civitas.proto.issuer.v1.IssuedCredential;
import org.civitas.proto.issuer.v1.RevokeCredentialRequest;
import org.civitas.proto.issuer.v1.StatusEntry;
import org.civitas.sdk.did.Did;
import org.civitas.sdk.did.DidKey;
import org.civitas.sdk.trust.BundleAnchors;
import org.civitas.sdk.trust.TrustBundle;
import org.civitas.sdk.trust.VerifiedStatusList;
import org.civitas.testkit.LoopbackChannel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** GetTrustBundle and GetTrustBundleDelta against the real ledger, MongoDB and Redis, loaded by the SDK. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TrustBundleServiceTest implements TestPropertyProvider {

    TestWorld world;
    @Inject GrpcEmbeddedServer server;
    LoopbackChannel loopback;
    Party citizen;

    @Override
    public Map<String, String> getProperties() {
        world = TestWorld.start();
        return world.properties();
    }

    @BeforeAll
    void connect() {
        loopback = LoopbackChannel.to(server.getPort());
        citizen = world.citizen();
    }

    @AfterAll
    void stop() {
        loopback.close();
        world.close();
    }

    private CredentialIssuerGrpc.CredentialIssuerBlockingStub stub() {
        return CredentialIssuerGrpc.newBlockingStub(loopback.channel()).withDeadlineAfter(60, TimeUnit.SECONDS);
    }

    private IssuedCredential issueVaccination() {
        return stub().withCallCredentials(world.agency.bearer())
            .issueCredential(Requests.vaccination(citizen.did()).build()).getCredential();
    }

    private BundleAnchors anchors(GetTrustBundleResponse response) throws Exception {
        return BundleAnchors.of(world.ledger.trust(), DidKey.key(Did.parse(response.getPublisherDid())));
    }

    private static StatusEntry revocationEntry(IssuedCredential credential) {
        return credential.getStatusEntriesList().stream().filter(e -> e.getStatusPurpose().equals("revocation"))
            .findFirst().orElseThrow();
    }

    @Test
    void getTrustBundle_loadsInTheSdk_withTheIssuersListsAccreditationsAndSchemas() throws Exception {
        IssuedCredential credential = issueVaccination();
        StatusEntry entry = revocationEntry(credential);

        GetTrustBundleResponse response = stub().getTrustBundle(GetTrustBundleRequest.getDefaultInstance());
        TrustBundle bundle = TrustBundle.load(response.getBundle().toByteArray(), anchors(response), Instant.now());

        assertEquals(response.getVersion(), bundle.version());
        assertTrue(response.getPublisherDid().startsWith("did:key:"));
        VerifiedStatusList list = bundle.statusList(entry.getStatusListId()).orElseThrow();
        assertEquals(0, list.list().bits().status((int) entry.getStatusListIndex()));
        assertTrue(bundle.accreditation(world.agency.did(), "VaccinationCertificate", TestWorld.DISTRICT,
            Instant.now()).accredited());
        assertFalse(bundle.accreditation(world.clinic.did(), "Diploma", TestWorld.DISTRICT, Instant.now()).accredited());
        assertTrue(bundle.schema("VaccinationCertificate", credential.getTypeVersion()).isPresent());
        assertTrue(bundle.resolver().resolve(world.agency.did(), Instant.now())
            .verificationMethod(world.agency.keyId()).isPresent());
    }

    @Test
    void getTrustBundleDelta_afterARevocation_carriesTheRevokedBit() throws Exception {
        IssuedCredential credential = issueVaccination();
        StatusEntry entry = revocationEntry(credential);
        GetTrustBundleResponse first = stub().getTrustBundle(GetTrustBundleRequest.getDefaultInstance());
        TrustBundle held = TrustBundle.load(first.getBundle().toByteArray(), anchors(first), Instant.now());

        stub().withCallCredentials(world.agency.bearer()).revokeCredential(RevokeCredentialRequest.newBuilder()
            .setRequestId(UUID.randomUUID().toString()).setCredentialId(credential.getCredentialId())
            .setReason("issued in error").build());
        GetTrustBundleDeltaResponse delta = stub().getTrustBundleDelta(GetTrustBundleDeltaRequest.newBuilder()
            .setSinceVersion(held.version()).build());
        TrustBundle next = held.applyDelta(delta.getDelta().toByteArray(), Instant.now());

        assertEquals(held.version(), delta.getFromVersion());
        assertEquals(delta.getToVersion(), next.version());
        assertEquals(1, next.statusList(entry.getStatusListId()).orElseThrow().list().bits()
            .status((int) entry.getStatusListIndex()));
        assertTrue(delta.getDelta().size() < stub().getTrustBundle(GetTrustBundleRequest.getDefaultInstance())
            .getBundle().size(), "a delta is smaller than the full bundle");
    }

    @Test
    void getTrustBundleDelta_sinceTheLatestVersion_isEmpty() {
        GetTrustBundleResponse latest = stub().getTrustBundle(GetTrustBundleRequest.getDefaultInstance());

        GetTrustBundleDeltaResponse delta = stub().getTrustBundleDelta(GetTrustBundleDeltaRequest.newBuilder()
            .setSinceVersion(latest.getVersion()).build());

        assertTrue(delta.getDelta().isEmpty());
        assertEquals(latest.getVersion(), delta.getToVersion());
    }

    @Test
    void getTrustBundleDelta_sinceAVersionNotHeld_isNotFoundAndSaysToFetchTheFullBundle() {
        var e = assertThrows(StatusRuntimeException.class, () -> stub().getTrustBundleDelta(
            GetTrustBundleDeltaRequest.newBuilder().setSinceVersion(3).build()));

        assertEquals(Status.Code.NOT_FOUND, e.getStatus().getCode());
        assertEquals("BUNDLE_VERSION_NOT_HELD", Grpc.reason(e));
        assertTrue(e.getStatus().getDescription().contains("GetTrustBundle"), e.getStatus().getDescription());
    }

    @Test
    void getTrustBundleDelta_withoutAVersion_isInvalidArgument() {
        var e = assertThrows(StatusRuntimeException.class, () -> stub().getTrustBundleDelta(
            GetTrustBundleDeltaRequest.getDefaultInstance()));

        assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
    }
}
