package org.civitas.issuer.grpc;

import com.mongodb.client.MongoClient;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.micronaut.grpc.server.GrpcEmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.bson.Document;
import org.civitas.issuer.fixtures.Grpc;
import org.civitas.issuer.fixtures.Party;
import org.civitas.issuer.fixtures.Requests;
import org.civitas.issuer.fixtures.TestWorld;
import org.civitas.proto.issuer.v1.AnchorAuditChainRequest;
import org.civitas.proto.issuer.v1.AnchorAuditChainResponse;
import org.civitas.proto.issuer.v1.AuditEntry;
import org.civitas.proto.issuer.v1.CredentialIssuerGrpc;
import org.civitas.proto.issuer.v1.ListAuditEntriesRequest;
import org.civitas.proto.issuer.v1.ListAuditEntriesResponse;
import org.civitas.proto.issuer.v1.SuspendCredentialRequest;
import org.civitas.proto.issuer.v1.VerifyAuditChainRequest;
import org.civitas.proto.issuer.v1.VerifyAuditChainResponse;
import org.civitas.sdk.ledger.Transaction;
import org.civitas.server.ledger.LedgerProtos;
import org.civitas.testkit.LoopbackChannel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;

import java.util.ArrayList;
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
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuditTest implements TestPropertyProvider {

    TestWorld world;
    @Inject GrpcEmbeddedServer server;
    @Inject MongoClient mongo;
    LoopbackChannel loopback;

    @Override
    public Map<String, String> getProperties() {
        world = TestWorld.start();
        return world.properties();
    }

    @BeforeAll
    void issueSome() throws Exception {
        loopback = LoopbackChannel.to(server.getPort());
        Party citizen = world.citizen();
        for (int i = 0; i < 4; i++) {
            var credential = as(world.agency).issueCredential(Requests.diploma(citizen.did()).build()).getCredential();
            if (i == 0) {
                as(world.agency).suspendCredential(SuspendCredentialRequest.newBuilder()
                    .setRequestId(UUID.randomUUID().toString()).setCredentialId(credential.getCredentialId())
                    .setReason("check").build());
            }
        }
        var pending = mongo.getDatabase("issuer").getCollection("issuance_groups");
        for (int i = 0; i < 200 && pending.countDocuments(new Document("done", false)) > 0; i++) Thread.sleep(50);
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

    private List<AuditEntry> entries(Party reader) {
        List<AuditEntry> all = new ArrayList<>();
        String token = "";
        do {
            ListAuditEntriesResponse page = as(reader).listAuditEntries(ListAuditEntriesRequest.newBuilder()
                .setAgencyDid(world.agency.did().toString()).setPageSize(2).setPageToken(token).build());
            all.addAll(page.getEntriesList());
            token = page.getNextPageToken();
        } while (!token.isEmpty());
        return all;
    }

    @Test
    @Order(1)
    void listAuditEntries_byTheAgencyAndItsProvincialRoot_isTheChainInOrderWithoutClaims() {
        List<AuditEntry> byAgency = entries(world.agency);
        List<AuditEntry> byRegulator = entries(world.province);

        assertEquals(byAgency, byRegulator);
        assertEquals(5, byAgency.size());
        assertEquals(4, byAgency.stream().filter(e -> e.getAction().equals("issue")).count());
        assertEquals(1, byAgency.stream().filter(e -> e.getAction().equals("suspend")).count());
        for (int i = 0; i < byAgency.size(); i++) {
            assertEquals(i + 1, byAgency.get(i).getSequence());
            if (i > 0) assertEquals(byAgency.get(i - 1).getEntryHash(), byAgency.get(i).getPreviousHash());
            assertFalse(byAgency.get(i).toString().contains("Fudan"));
        }
    }

    @Test
    @Order(2)
    void listAuditEntries_byAnotherAgencyOrACitizen_isPermissionDenied() {
        for (Party outsider : List.of(world.clinic, world.stranger)) {
            var e = assertThrows(StatusRuntimeException.class, () -> as(outsider).listAuditEntries(
                ListAuditEntriesRequest.newBuilder().setAgencyDid(world.agency.did().toString()).build()));
            assertEquals(Status.Code.PERMISSION_DENIED, e.getStatus().getCode());
            assertEquals("NOT_REGULATOR", Grpc.reason(e));
        }
    }

    @Test
    @Order(3)
    void anchorAuditChain_putsTheHeadOnTheLedger_andVerifyAuditChainMatchesIt() throws Exception {
        AnchorAuditChainResponse anchored = as(world.agency).anchorAuditChain(AnchorAuditChainRequest.newBuilder()
            .setRequestId(UUID.randomUUID().toString()).build());
        var entry = LedgerProtos.fromProto(anchored.getAnchor());
        assertTrue(entry.check(world.ledger.trust()).proven());
        var anchoring = (Transaction.AuditAnchoring) entry.entry().transaction();
        assertEquals(world.agency.did(), anchoring.agency());
        assertEquals(5, anchoring.sequence());
        assertArrayEquals(anchored.getHeadHash().toByteArray(), anchoring.chainHead().bytes());

        VerifyAuditChainResponse verified = as(world.province).verifyAuditChain(VerifyAuditChainRequest.newBuilder()
            .setAgencyDid(world.agency.did().toString()).build());
        assertTrue(verified.getIntact());
        assertEquals(5, verified.getEntriesChecked());
        assertTrue(verified.getAnchorMatches());
        assertEquals(anchored.getHeadHash(), verified.getHeadHash());
    }

    @Test
    @Order(4)
    void verifyAuditChain_afterAnEntryWasAlteredInTheStore_reportsTheFirstBrokenLink() {
        var audit = mongo.getDatabase("issuer").getCollection("audit_entries");
        audit.updateOne(Filters.and(Filters.eq("agency", world.agency.did().toString()), Filters.eq("sequence", 3L)),
            Updates.set("credentialType", "PropertyOwnershipCertificate"));

        VerifyAuditChainResponse verified = as(world.nationalRootParty()).verifyAuditChain(VerifyAuditChainRequest
            .newBuilder().setAgencyDid(world.agency.did().toString()).build());
        assertFalse(verified.getIntact());
        assertEquals(3, verified.getFirstBrokenSequence());
        assertFalse(verified.getAnchorMatches());
    }
}
