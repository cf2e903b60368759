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
import org.civitas.proto.issuer.v1.CredentialState;
import org.civitas.proto.issuer.v1.GetStatusListRequest;
import org.civitas.proto.issuer.v1.IssuedCredential;
import org.civitas.proto.issuer.v1.ReinstateCredentialRequest;
import org.civitas.proto.issuer.v1.RevokeCredentialRequest;
import org.civitas.proto.issuer.v1.StatusChange;
import org.civitas.proto.issuer.v1.SuspendCredentialRequest;
import org.civitas.sdk.VerificationResult;
import org.civitas.sdk.Verifier;
import org.civitas.sdk.did.DidKey;
import org.civitas.sdk.did.DidResolver;
import org.civitas.sdk.jcs.IJson;
import org.civitas.sdk.jcs.Jcs;
import org.civitas.sdk.status.StatusListSource;
import org.civitas.server.ledger.LedgerDidResolver;
import org.civitas.testkit.LoopbackChannel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StatusChangeTest implements TestPropertyProvider {

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

    private CredentialIssuerGrpc.CredentialIssuerBlockingStub as(Party party) {
        return CredentialIssuerGrpc.newBlockingStub(loopback.channel()).withDeadlineAfter(30, TimeUnit.SECONDS)
            .withCallCredentials(party.bearer());
    }

    private IssuedCredential issue() {
        return as(world.agency).issueCredential(Requests.diploma(citizen.did()).build()).getCredential();
    }

    private VerificationResult verify(IssuedCredential credential) throws Exception {
        List<com.fasterxml.jackson.databind.node.ObjectNode> lists = new ArrayList<>();
        for (var entry : credential.getStatusEntriesList()) {
            lists.add(IJson.parseObject("list", as(world.agency).getStatusList(GetStatusListRequest.newBuilder()
                .setStatusListId(entry.getStatusListId()).build()).getStatusListCredentialJson()));
        }
        DidResolver resolver = DidResolver.firstOf(DidKey.resolver(), new LedgerDidResolver(world.client, Clock.systemUTC()));
        return Verifier.builder().resolver(resolver).statusLists(StatusListSource.of(lists)).build()
            .verify(IJson.parseObject("vc", credential.getCredentialJson()), Verifier.Request.none());
    }

    @Test
    void revokeCredential_setsItsBit_reSignsAndAnchorsTheListForVerifiers() throws Exception {
        IssuedCredential credential = issue();
        String listId = credential.getStatusEntries(0).getStatusListId();
        long before = as(world.agency).getStatusList(GetStatusListRequest.newBuilder().setStatusListId(listId).build())
            .getAnchor().getVersion();

        StatusChange change = as(world.agency).revokeCredential(RevokeCredentialRequest.newBuilder()
            .setRequestId(UUID.randomUUID().toString()).setCredentialId(credential.getCredentialId())
            .setReason("issued in error").build()).getChange();

        assertEquals(CredentialState.REVOKED, change.getState());
        assertEquals(listId, change.getAnchor().getListId());
        assertEquals(before + 1, change.getAnchor().getVersion());
        var served = as(world.agency).getStatusList(GetStatusListRequest.newBuilder().setStatusListId(listId).build());
        assertEquals(before + 1, served.getAnchor().getVersion());
        byte[] digest = world.ledger.trust().hash().digest(Jcs.canonicalize(
            IJson.parseObject("list", served.getStatusListCredentialJson())));
        assertArrayEquals(digest, served.getAnchor().getDigest().toByteArray());
        VerificationResult result = verify(credential);
        assertFalse(result.accepted());
        assertTrue(result.failures().toString().toLowerCase().contains("revoked"), result.failures().toString());
    }

    @Test
    void revokeCredential_retriedWithTheSameRequestId_returnsTheFirstAnswer() {
        IssuedCredential credential = issue();
        RevokeCredentialRequest request = RevokeCredentialRequest.newBuilder().setRequestId(UUID.randomUUID().toString())
            .setCredentialId(credential.getCredentialId()).setReason("lost").build();

        assertEquals(as(world.agency).revokeCredential(request), as(world.agency).revokeCredential(request));
    }

    @Test
    void suspendThenReinstate_flipsTheSuspensionBitBothWays() throws Exception {
        IssuedCredential credential = issue();

        StatusChange suspended = as(world.agency).suspendCredential(SuspendCredentialRequest.newBuilder()
            .setRequestId(UUID.randomUUID().toString()).setCredentialId(credential.getCredentialId())
            .setReason("under review").build()).getChange();
        assertEquals(CredentialState.SUSPENDED, suspended.getState());
        assertFalse(verify(credential).accepted());

        StatusChange reinstated = as(world.agency).reinstateCredential(ReinstateCredentialRequest.newBuilder()
            .setRequestId(UUID.randomUUID().toString()).setCredentialId(credential.getCredentialId())
            .setReason("review passed").build()).getChange();
        assertEquals(CredentialState.ACTIVE, reinstated.getState());
        assertEquals(suspended.getAnchor().getVersion() + 1, reinstated.getAnchor().getVersion());
        VerificationResult result = verify(credential);
        assertTrue(result.accepted(), result.failures().toString());
    }

    @Test
    void reinstatingOrSuspendingARevokedCredential_isFailedPrecondition() {
        IssuedCredential credential = issue();
        as(world.agency).revokeCredential(RevokeCredentialRequest.newBuilder().setRequestId(UUID.randomUUID().toString())
            .setCredentialId(credential.getCredentialId()).setReason("fraud").build());

        var e = assertThrows(StatusRuntimeException.class, () -> as(world.agency).reinstateCredential(
            ReinstateCredentialRequest.newBuilder().setRequestId(UUID.randomUUID().toString())
                .setCredentialId(credential.getCredentialId()).setReason("oops").build()));
        assertEquals(Status.Code.FAILED_PRECONDITION, e.getStatus().getCode());
        assertEquals("CREDENTIAL_REVOKED", Grpc.reason(e));
    }

    @Test
    void reinstatingAnActiveCredential_isFailedPrecondition() {
        IssuedCredential credential = issue();

        var e = assertThrows(StatusRuntimeException.class, () -> as(world.agency).reinstateCredential(
            ReinstateCredentialRequest.newBuilder().setRequestId(UUID.randomUUID().toString())
                .setCredentialId(credential.getCredentialId()).setReason("nothing").build()));
        assertEquals("NOT_SUSPENDED", Grpc.reason(e));
    }

    @Test
    void revokeByAnotherAgency_isPermissionDenied() {
        IssuedCredential credential = issue();

        var e = assertThrows(StatusRuntimeException.class, () -> as(world.clinic).revokeCredential(
            RevokeCredentialRequest.newBuilder().setRequestId(UUID.randomUUID().toString())
                .setCredentialId(credential.getCredentialId()).setReason("mine now").build()));
        assertEquals(Status.Code.PERMISSION_DENIED, e.getStatus().getCode());
        assertEquals("NOT_ISSUER", Grpc.reason(e));
    }

    @Test
    void revokeWithoutReasonOrOfAnUnknownCredential_isInvalidOrNotFound() {
        var noReason = assertThrows(StatusRuntimeException.class, () -> as(world.agency).revokeCredential(
            RevokeCredentialRequest.newBuilder().setRequestId(UUID.randomUUID().toString())
                .setCredentialId(issue().getCredentialId()).build()));
        var unknown = assertThrows(StatusRuntimeException.class, () -> as(world.agency).revokeCredential(
            RevokeCredentialRequest.newBuilder().setRequestId(UUID.randomUUID().toString())
                .setCredentialId("urn:uuid:00000000-0000-8000-8000-000000000000").setReason("x").build()));

        assertEquals(Status.Code.INVALID_ARGUMENT, noReason.getStatus().getCode());
        assertEquals(Status.Code.NOT_FOUND, unknown.getStatus().getCode());
    }

    @Test
    void statusLists_holdAtLeast131072EntriesAndAllocateDistinctRandomIndexes() throws Exception {
        List<Long> indexes = new ArrayList<>();
        for (int i = 0; i < 8; i++) indexes.add(issue().getStatusEntries(0).getStatusListIndex());
        String listId = issue().getStatusEntries(0).getStatusListId();
        var served = IJson.parseObject("list", as(world.agency).getStatusList(GetStatusListRequest.newBuilder()
            .setStatusListId(listId).build()).getStatusListCredentialJson());
        var bits = org.civitas.sdk.status.StatusBits.decode(served.path("credentialSubject").path("encodedList").asText(), 1);

        assertTrue(bits.length() >= 131_072);
        assertEquals(indexes.size(), indexes.stream().distinct().count());
        // random, not sequential: eight consecutive issuances spread over the list
        long[] sorted = indexes.stream().mapToLong(Long::longValue).sorted().toArray();
        assertTrue(sorted[sorted.length - 1] - sorted[0] > 1_000, Arrays.toString(sorted));
    }

    @Test
    void getStatusList_unknownList_isNotFound() {
        var e = assertThrows(StatusRuntimeException.class, () -> CredentialIssuerGrpc.newBlockingStub(loopback.channel())
            .getStatusList(GetStatusListRequest.newBuilder().setStatusListId("https://status.example/lists/nope").build()));
        assertEquals(Status.Code.NOT_FOUND, e.getStatus().getCode());
    }
}
