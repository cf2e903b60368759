package org.civitas.issuer.grpc;

import com.fasterxml.jackson.databind.JsonNode;
import io.grpc.CallCredentials;
import io.grpc.Metadata;
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
import org.civitas.proto.issuer.v1.GetCredentialRequest;
import org.civitas.proto.issuer.v1.IssuedCredential;
import org.civitas.proto.issuer.v1.ListCredentialsRequest;
import org.civitas.proto.issuer.v1.ListCredentialsResponse;
import org.civitas.proto.issuer.v1.RevokeCredentialRequest;
import org.civitas.server.firebase.HolderTopics;
import org.civitas.testkit.LoopbackChannel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WalletTest implements TestPropertyProvider {

    TestWorld world;
    @Inject GrpcEmbeddedServer server;
    LoopbackChannel loopback;

    @Override
    public Map<String, String> getProperties() {
        world = TestWorld.start();
        return world.properties();
    }

    @BeforeAll void connect() { loopback = LoopbackChannel.to(server.getPort()); }

    @AfterAll
    void stop() {
        loopback.close();
        world.close();
    }

    private CredentialIssuerGrpc.CredentialIssuerBlockingStub as(Party party) {
        return stub().withCallCredentials(party.bearer());
    }

    private CredentialIssuerGrpc.CredentialIssuerBlockingStub stub() {
        return CredentialIssuerGrpc.newBlockingStub(loopback.channel()).withDeadlineAfter(30, TimeUnit.SECONDS);
    }

    private static CallCredentials firebase(String idToken) {
        return new CallCredentials() {
            @Override
            public void applyRequestMetadata(RequestInfo info, Executor executor, MetadataApplier applier) {
                Metadata headers = new Metadata();
                headers.put(FirebaseTokenInterceptor.HEADER, idToken);
                applier.apply(headers);
            }
        };
    }

    private IssuedCredential issueTo(Party holder) {
        return as(world.agency).issueCredential(Requests.diploma(holder.did()).build()).getCredential();
    }

    @Test
    void listCredentials_holderSeesOnlyTheirOwn_newestFirst_inPages() {
        Party holder = world.citizen();
        Party other = world.citizen();
        List<String> issued = new ArrayList<>();
        for (int i = 0; i < 5; i++) issued.add(issueTo(holder).getCredentialId());
        issueTo(other);

        Set<String> listed = new HashSet<>();
        String token = "";
        int pages = 0;
        do {
            ListCredentialsResponse page = as(holder).listCredentials(ListCredentialsRequest.newBuilder()
                .setPageSize(2).setPageToken(token).build());
            page.getCredentialsList().forEach(c -> {
                assertEquals(holder.did().toString(), c.getSubjectDid());
                listed.add(c.getCredentialId());
            });
            token = page.getNextPageToken();
            pages++;
        } while (!token.isEmpty());

        assertEquals(Set.copyOf(issued), listed);
        assertEquals(3, pages);
    }

    @Test
    void listCredentials_ofAnotherHolder_isPermissionDenied() {
        Party holder = world.citizen();
        Party other = world.citizen();

        var e = assertThrows(StatusRuntimeException.class, () -> as(holder).listCredentials(
            ListCredentialsRequest.newBuilder().setHolderDid(other.did().toString()).build()));
        assertEquals(Status.Code.PERMISSION_DENIED, e.getStatus().getCode());
        assertEquals("NOT_HOLDER", Grpc.reason(e));
    }

    @Test
    void getCredential_byItsHolderOrIssuer_butNeverByAnotherCitizen() {
        Party holder = world.citizen();
        IssuedCredential credential = issueTo(holder);
        GetCredentialRequest get = GetCredentialRequest.newBuilder().setCredentialId(credential.getCredentialId()).build();

        assertEquals(credential.getCredentialJson(), as(holder).getCredential(get).getCredential().getCredentialJson());
        assertEquals(credential.getCredentialId(), as(world.agency).getCredential(get).getCredential().getCredentialId());
        var e = assertThrows(StatusRuntimeException.class, () -> as(world.citizen()).getCredential(get));
        assertEquals(Status.Code.PERMISSION_DENIED, e.getStatus().getCode());
        var anonymous = assertThrows(StatusRuntimeException.class, () -> stub().getCredential(get));
        assertEquals(Status.Code.UNAUTHENTICATED, anonymous.getStatus().getCode());
    }

    @Test
    void firebaseIdTokenWithTheCitizensDidClaim_readsTheirCredentials() {
        Party holder = world.citizen();
        IssuedCredential credential = issueTo(holder);
        String token = world.firebase.mintIdToken("firebase-user-" + UUID.randomUUID(), Map.of("did", holder.did().toString()));

        var listed = stub().withCallCredentials(firebase(token)).listCredentials(ListCredentialsRequest.getDefaultInstance());
        assertEquals(List.of(credential.getCredentialId()), listed.getCredentialsList().stream()
            .map(IssuedCredential::getCredentialId).toList());

        String otherToken = world.firebase.mintIdToken("firebase-user-" + UUID.randomUUID(),
            Map.of("did", world.citizen().did().toString()));
        var e = assertThrows(StatusRuntimeException.class, () -> stub().withCallCredentials(firebase(otherToken))
            .getCredential(GetCredentialRequest.newBuilder().setCredentialId(credential.getCredentialId()).build()));
        assertEquals(Status.Code.PERMISSION_DENIED, e.getStatus().getCode());
    }

    @Test
    void firebaseTokenWithoutDidOrForged_isUnauthenticated() {
        String unlinked = world.firebase.mintIdToken("firebase-user-" + UUID.randomUUID(), Map.of());
        String[] parts = world.firebase.mintIdToken("u", Map.of("did", "did:civitas:x")).split("\\.");
        String forged = parts[0] + "." + parts[1] + "." + parts[2].substring(0, parts[2].length() - 4) + "AAAA";

        for (String token : List.of(unlinked, forged, "not-a-jwt")) {
            var e = assertThrows(StatusRuntimeException.class, () -> stub().withCallCredentials(firebase(token))
                .listCredentials(ListCredentialsRequest.getDefaultInstance()));
            assertEquals(Status.Code.UNAUTHENTICATED, e.getStatus().getCode(), token);
        }
    }

    @Test
    void issuingAndRevoking_sendDataOnlyNoticesToTheHoldersTopic_withoutClaims() throws Exception {
        Party holder = world.citizen();
        IssuedCredential credential = issueTo(holder);
        as(world.agency).revokeCredential(RevokeCredentialRequest.newBuilder().setRequestId(UUID.randomUUID().toString())
            .setCredentialId(credential.getCredentialId()).setReason("replaced").build());

        String topic = HolderTopics.of(holder.did());
        List<JsonNode> notices = new ArrayList<>();
        for (int i = 0; i < 100 && notices.size() < 2; i++) {
            notices = world.firebase.sentMessages().stream().filter(m -> topic.equals(m.path("topic").asText())).toList();
            Thread.sleep(50);
        }
        assertEquals(List.of("credential.issued", "credential.revoked"),
            notices.stream().map(m -> m.path("data").path("event").asText()).toList());
        for (JsonNode notice : notices) {
            assertEquals(credential.getCredentialId(), notice.path("data").path("credentialId").asText());
            assertEquals("Diploma", notice.path("data").path("credentialType").asText());
            assertTrue(notice.path("notification").isMissingNode(), "data-only: " + notice);
            assertFalse(notice.toString().contains("Fudan") || notice.toString().contains("Li Hua"), notice.toString());
        }
    }
}
