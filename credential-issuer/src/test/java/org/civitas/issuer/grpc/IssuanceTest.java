package org.civitas.issuer.grpc;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.MongoClient;
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
import org.civitas.issuer.issuance.IssuanceRelay;
import org.civitas.proto.issuer.v1.BatchItemResult;
import org.civitas.proto.issuer.v1.CredentialIssuerGrpc;
import org.civitas.proto.issuer.v1.GetCredentialTypeRequest;
import org.civitas.proto.issuer.v1.GetStatusListRequest;
import org.civitas.proto.issuer.v1.IssueCredentialRequest;
import org.civitas.proto.issuer.v1.IssueCredentialsRequest;
import org.civitas.proto.issuer.v1.IssueCredentialsResponse;
import org.civitas.proto.issuer.v1.IssuedCredential;
import org.civitas.proto.issuer.v1.ListCredentialTypesRequest;
import org.civitas.proto.issuer.v1.StreamIssueCredentialsRequest;
import org.civitas.proto.issuer.v1.StreamIssueCredentialsResponse;
import org.civitas.sdk.VerificationResult;
import org.civitas.sdk.Verifier;
import org.civitas.sdk.did.DidKey;
import org.civitas.sdk.did.DidResolver;
import org.civitas.sdk.jcs.IJson;
import org.civitas.sdk.status.StatusListSource;
import org.civitas.server.ledger.LedgerDidResolver;
import org.civitas.testkit.LoopbackChannel;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IssuanceTest implements TestPropertyProvider {

    TestWorld world;
    @Inject GrpcEmbeddedServer server;
    @Inject MongoClient mongoClient;
    @Inject IssuanceRelay relay;
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

    private CredentialIssuerGrpc.CredentialIssuerStub asyncAs(Party party) {
        return CredentialIssuerGrpc.newStub(loopback.channel()).withDeadlineAfter(60, TimeUnit.SECONDS)
            .withCallCredentials(party.bearer());
    }

    @Test
    void issueCredential_accreditedAgency_isAVc2WithBothProofsThatTheSdkAccepts() throws Exception {
        IssuedCredential issued = as(world.agency).issueCredential(Requests.diploma(citizen.did()).build()).getCredential();

        ObjectNode vc = IJson.parseObject("vc", issued.getCredentialJson());
        assertEquals(world.agency.did().toString(), vc.get("issuer").asText());
        assertEquals(citizen.did().toString(), vc.path("credentialSubject").path("id").asText());
        assertEquals("Diploma", vc.path("type").get(1).asText());
        assertEquals(List.of("eddsa-jcs-2022", "sm2-jcs-2025"),
            List.of(vc.path("proof").get(0).path("cryptosuite").asText(), vc.path("proof").get(1).path("cryptosuite").asText()));
        assertEquals(world.agency.keyId(), vc.path("proof").get(0).path("verificationMethod").asText());
        assertEquals(world.agency.sm2KeyId(), vc.path("proof").get(1).path("verificationMethod").asText());
        assertEquals(2, issued.getStatusEntriesCount());
        assertNotEquals(issued.getStatusEntries(0).getStatusListId(), issued.getStatusEntries(1).getStatusListId());

        List<ObjectNode> lists = new ArrayList<>();
        for (var entry : issued.getStatusEntriesList()) {
            String json = as(world.agency).getStatusList(GetStatusListRequest.newBuilder()
                .setStatusListId(entry.getStatusListId()).build()).getStatusListCredentialJson();
            lists.add(IJson.parseObject("list", json));
        }
        DidResolver resolver = DidResolver.firstOf(DidKey.resolver(), new LedgerDidResolver(world.client, Clock.systemUTC()));
        VerificationResult result = Verifier.builder().resolver(resolver).statusLists(StatusListSource.of(lists)).build()
            .verify(vc, Verifier.Request.none());
        assertTrue(result.accepted(), result.failures().toString());
    }

    @Test
    void issueCredential_sameRequestIdAgain_returnsTheFirstCredential() {
        IssueCredentialRequest request = Requests.diploma(citizen.did()).build();
        IssuedCredential first = as(world.agency).issueCredential(request).getCredential();
        IssuedCredential again = as(world.agency).issueCredential(request).getCredential();

        assertEquals(first, again);
    }

    @Test
    void issueCredential_sameRequestIdOtherContent_isAlreadyExists() {
        IssueCredentialRequest request = Requests.diploma(citizen.did()).build();
        as(world.agency).issueCredential(request);

        var e = assertThrows(StatusRuntimeException.class, () -> as(world.agency).issueCredential(
            request.toBuilder().setRegion("310104").build()));
        assertEquals(Status.Code.ALREADY_EXISTS, e.getStatus().getCode());
        assertEquals("REQUEST_ID_REUSED", Grpc.reason(e));
    }

    @Test
    void issueCredential_claimsFailTheSchema_isInvalidArgumentWithAViolationPerProblem() {
        var e = assertThrows(StatusRuntimeException.class, () -> as(world.agency).issueCredential(
            Requests.diploma(citizen.did()).setClaimsJson("""
                {"holderName":"Li Hua","institution":"Fudan University","degree":"wizard","fieldOfStudy":"Physics",
                 "graduationDate":"30/06/2024"}""").build()));

        assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
        assertEquals("CLAIMS_INVALID", Grpc.reason(e));
        assertEquals(java.util.Set.of("claims_json.degree", "claims_json.graduationDate", "claims_json.certificateNumber"),
            java.util.Set.copyOf(Grpc.violatedFields(e)));
        assertTrue(!e.getStatus().getDescription().contains("wizard"));
    }

    @Test
    void issueCredential_typeNotAccreditedToTheAgency_isPermissionDenied() {
        var e = assertThrows(StatusRuntimeException.class,
            () -> as(world.clinic).issueCredential(Requests.diploma(citizen.did()).build()));

        assertEquals(Status.Code.PERMISSION_DENIED, e.getStatus().getCode());
        assertEquals("TYPE_NOT_ACCREDITED", Grpc.reason(e));
    }

    @Test
    void issueCredential_regionOutsideTheAccreditation_isPermissionDenied() {
        var e = assertThrows(StatusRuntimeException.class,
            () -> as(world.agency).issueCredential(Requests.diploma(citizen.did()).setRegion("110101").build()));

        assertEquals(Status.Code.PERMISSION_DENIED, e.getStatus().getCode());
    }

    @Test
    void issueCredential_subjectNotAnEnrolledCitizen_isNotFound() {
        var key = org.civitas.sdk.key.SigningKey.generate(org.civitas.sdk.key.KeyType.ED25519).signingKey();
        Party unknown = new Party(org.civitas.sdk.ledger.CivitasDid.of(key.verificationKey()), key, null, null);
        Party gone = world.citizen();
        world.deactivate(gone);

        for (Party subject : List.of(unknown, gone)) {
            var e = assertThrows(StatusRuntimeException.class,
                () -> as(world.agency).issueCredential(Requests.diploma(subject.did()).build()));
            assertEquals(Status.Code.NOT_FOUND, e.getStatus().getCode());
            assertEquals("SUBJECT_NOT_FOUND", Grpc.reason(e));
        }
    }

    @Test
    void issueCredential_unknownTypeOrMalformedSubject_isNotFoundOrInvalid() {
        var unknownType = assertThrows(StatusRuntimeException.class, () -> as(world.agency).issueCredential(
            Requests.diploma(citizen.did()).setCredentialType("BirthCertificate").build()));
        var badDid = assertThrows(StatusRuntimeException.class, () -> as(world.agency).issueCredential(
            Requests.diploma(citizen.did()).setSubjectDid("citizen-42").build()));

        assertEquals(Status.Code.NOT_FOUND, unknownType.getStatus().getCode());
        assertEquals(Status.Code.INVALID_ARGUMENT, badDid.getStatus().getCode());
        assertEquals(List.of("subject_did"), Grpc.violatedFields(badDid));
    }

    @Test
    void issueCredential_withoutAuthToken_isUnauthenticated() {
        var e = assertThrows(StatusRuntimeException.class, () -> CredentialIssuerGrpc.newBlockingStub(loopback.channel())
            .issueCredential(Requests.diploma(citizen.did()).build()));

        assertEquals(Status.Code.UNAUTHENTICATED, e.getStatus().getCode());
    }

    @Test
    void issueCredentials_batch_answersEveryItemInOrderWithPerItemErrors() throws Exception {
        var responses = new Grpc.Collector<IssueCredentialsResponse>();
        var requests = asyncAs(world.agency).issueCredentials(responses);
        for (int i = 0; i < 40; i++) {
            IssueCredentialRequest.Builder item = Requests.diploma(citizen.did());
            if (i % 10 == 3) item.setClaimsJson("{\"degree\":\"wizard\"}");
            requests.onNext(IssueCredentialsRequest.newBuilder().setItem(item).build());
        }
        requests.onCompleted();

        IssueCredentialsResponse response = responses.done.get(60, TimeUnit.SECONDS).get(0);
        assertEquals(36, response.getIssuedCount());
        assertEquals(4, response.getFailedCount());
        for (int i = 0; i < 40; i++) {
            BatchItemResult result = response.getResults(i);
            assertEquals(i, result.getIndex());
            assertEquals(i % 10 == 3, result.hasError());
            if (result.hasError()) assertEquals(Status.Code.INVALID_ARGUMENT.value(), result.getError().getCode());
        }
    }

    @Test
    void streamIssueCredentials_answersEachItemAndReportsProgressUntilDone() throws Exception {
        var responses = new Grpc.Collector<StreamIssueCredentialsResponse>();
        var requests = asyncAs(world.agency).streamIssueCredentials(responses);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            IssueCredentialRequest item = Requests.vaccination(citizen.did()).build();
            ids.add(item.getRequestId());
            requests.onNext(StreamIssueCredentialsRequest.newBuilder().setItem(item).build());
        }
        requests.onCompleted();

        List<StreamIssueCredentialsResponse> answers = responses.done.get(60, TimeUnit.SECONDS);
        List<String> answered = answers.stream().filter(StreamIssueCredentialsResponse::hasResult)
            .map(a -> a.getResult().getRequestId()).sorted().toList();
        assertEquals(ids.stream().sorted().toList(), answered);
        var last = answers.get(answers.size() - 1);
        assertTrue(last.hasProgress() && last.getProgress().getDone(), last.toString());
        assertEquals(25, last.getProgress().getIssued());
    }

    @Test
    void issuance_recordsOneHashChainedAuditEntryPerCredential() throws Exception {
        Party holder = world.citizen();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(as(world.agency).issueCredential(Requests.diploma(holder.did()).build()).getCredential().getCredentialId());
        }
        awaitRelay();

        var audit = mongoClient.getDatabase("issuer").getCollection("audit_entries");
        for (String id : ids) {
            Document entry = audit.find(new Document("_id", "issue " + id)).first();
            assertTrue(entry != null, id);
            assertEquals("Diploma", entry.getString("credentialType"));
            assertTrue(!entry.toJson().contains("Fudan"));
        }
        var groups = mongoClient.getDatabase("issuer").getCollection("issuance_groups");
        assertEquals(0, groups.countDocuments(new Document("done", false)));
    }

    @Test
    void catalogue_isListedByDomainAndReadByType() {
        var stub = CredentialIssuerGrpc.newBlockingStub(loopback.channel()).withDeadlineAfter(10, TimeUnit.SECONDS);
        var education = stub.listCredentialTypes(ListCredentialTypesRequest.newBuilder()
            .setDomain(org.civitas.proto.issuer.v1.Domain.EDUCATION).build());
        var type = stub.getCredentialType(GetCredentialTypeRequest.newBuilder().setTypeId("EHealthCard").build());

        assertEquals(List.of("AcademicTranscript", "Diploma"), education.getCredentialTypesList().stream()
            .map(t -> t.getTypeId()).toList());
        assertEquals("电子健康卡", type.getCredentialType().getLabelZh());
        assertEquals(32, type.getCredentialType().getSchemaDigest().size());
        assertEquals(9, stub.listCredentialTypes(ListCredentialTypesRequest.getDefaultInstance()).getCredentialTypesCount());
    }

    private void awaitRelay() throws InterruptedException {
        var groups = mongoClient.getDatabase("issuer").getCollection("issuance_groups");
        for (int i = 0; i < 200 && groups.countDocuments(new Document("done", false)) > 0; i++) Thread.sleep(50);
    }
}
