package org.civitas.ledger.grpc;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.micronaut.grpc.server.GrpcEmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.civitas.grpc.StatusDetails;
import org.civitas.ledger.config.LedgerInit;
import org.civitas.ledger.fixtures.Actor;
import org.civitas.proto.ledger.v1.*;
import org.civitas.sdk.FormatException;
import org.civitas.sdk.did.DidDocument;
import org.civitas.sdk.key.KeyType;
import org.civitas.sdk.key.MultikeyDocument;
import org.civitas.sdk.ledger.CivitasDid;
import org.civitas.sdk.ledger.LedgerHash;
import org.civitas.sdk.ledger.LedgerTrust;
import org.civitas.sdk.ledger.ProvenEntry;
import org.civitas.sdk.ledger.SignedTransaction;
import org.civitas.sdk.ledger.Transaction;
import org.civitas.server.ledger.LedgerClient;
import org.civitas.server.ledger.LedgerProtos;
import org.civitas.testkit.LoopbackChannel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.function.Executable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The ledger service through its generated stub over a real loopback channel, on a real data directory. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LedgerServerTest implements TestPropertyProvider {

    @Inject GrpcEmbeddedServer server;
    LoopbackChannel loopback;
    LedgerGrpc.LedgerBlockingStub ledger;
    Path directory;
    LedgerInit.Founded founded;
    Actor nationalRoot;
    LedgerTrust trust;

    @Override
    public Map<String, String> getProperties() {
        try {
            directory = Files.createTempDirectory("ledger-server-test");
            founded = LedgerInit.create(directory, "civitas-test", 1, LedgerHash.SHA_256, KeyType.ED25519,
                Clock.systemUTC());
            var rootKey = MultikeyDocument.signingKey(Files.readString(founded.nationalRootKeyFile()));
            nationalRoot = new Actor(rootKey, CivitasDid.initialDocument(rootKey.verificationKey()));
            trust = LedgerTrust.fromGenesis(SignedTransaction.parseJson(Files.readString(founded.genesisFile())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (FormatException e) {
            throw new IllegalStateException(e);
        }
        return Map.of(
            "civitas.ledger.data-dir", directory.resolve("node-1").toString(),
            "civitas.ledger.node-id", "node-1",
            "civitas.ledger.node-key-file", founded.nodeKeyFiles().get(0).toString(),
            "civitas.ledger.genesis-file", founded.genesisFile().toString());
    }

    @BeforeAll
    void connect() {
        loopback = LoopbackChannel.to(server.getPort());
        ledger = LedgerGrpc.newBlockingStub(loopback.channel()).withDeadlineAfter(30, TimeUnit.SECONDS);
    }

    @AfterAll
    void disconnect() { loopback.close(); }

    @Test
    void healthAndReflection_showTheLedgerServing() {
        assertEquals(ServingStatus.SERVING, loopback.health(LedgerGrpc.SERVICE_NAME));
        assertTrue(loopback.reflectedServices().contains(LedgerGrpc.SERVICE_NAME));
    }

    @Test
    void signedTreeHead_isTrustedFromTheGenesisAlone() throws FormatException {
        var head = LedgerProtos.fromProto(ledger.getSignedTreeHead(GetSignedTreeHeadRequest.getDefaultInstance())
            .getTreeHead());

        assertTrue(trust.check(head).trusted(), trust.check(head).reason().en());
        assertTrue(head.head().treeSize() >= 1, "the genesis is committed on first start");
    }

    @Test
    void submit_newDid_commitsAndARetryAnswersTheSameEntry() {
        SignedTransaction create = Actor.generate(KeyType.P256).create();

        var first = ledger.submitTransaction(submit(create));
        var retry = ledger.submitTransaction(submit(create));

        assertFalse(first.getAlreadyCommitted());
        assertTrue(retry.getAlreadyCommitted());
        assertEquals(first.getEntry(), retry.getEntry());
    }

    @Test
    void submit_forgedSignature_isInvalidArgumentNamingTheReason() {
        Actor agency = Actor.generate(KeyType.ED25519);
        ledger.submitTransaction(submit(agency.create()));
        var anchor = LedgerProtos.toProto(agency.anchor("https://agency.example/status/1", 1)).toBuilder();
        anchor.setSignatures(0, anchor.getSignatures(0).toBuilder().setSignature(ByteString.copyFrom(new byte[64])));

        StatusRuntimeException e = fails(() -> ledger.submitTransaction(
            SubmitTransactionRequest.newBuilder().setTransaction(anchor).build()));

        assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
        assertEquals("SIGNATURE_INVALID", StatusDetails.of(e).reason().orElseThrow());
    }

    @Test
    void submit_accreditationByANonRoot_isPermissionDenied() {
        Actor province = Actor.generate(KeyType.SM2);
        Actor agency = Actor.generate(KeyType.ED25519);
        ledger.submitTransaction(submit(province.create()));
        ledger.submitTransaction(submit(agency.create()));

        StatusRuntimeException e = fails(() -> ledger.submitTransaction(submit(province.grant(agency,
            Transaction.Tier.PROVINCIAL_ROOT, List.of("*"), List.of("310000"), Instant.now()))));

        assertEquals(Status.Code.PERMISSION_DENIED, e.getStatus().getCode());
        assertEquals("SIGNER_NOT_AUTHORIZED", StatusDetails.of(e).reason().orElseThrow());
    }

    @Test
    void submit_payloadThatIsNotATransaction_isInvalidArgumentWithAFieldViolation() {
        StatusRuntimeException e = fails(() -> ledger.submitTransaction(SubmitTransactionRequest.newBuilder()
            .setTransaction(org.civitas.proto.ledger.v1.SignedTransaction.newBuilder()
                .setPayload(ByteString.copyFromUtf8("{\"type\":\"did.burn\"}"))
                .addSignatures(TransactionSignature.newBuilder().setVerificationMethod("did:civitas:x#k")
                    .setSignature(ByteString.copyFrom(new byte[64]))))
            .build()));

        assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
        assertEquals("transaction", StatusDetails.of(e).badRequest().orElseThrow().getFieldViolations(0).getField());
    }

    @Test
    void resolveDid_returnsTheDocumentWithAProofAPhoneCanCheckOffline() throws FormatException {
        Actor citizen = Actor.generate(KeyType.P256);
        ledger.submitTransaction(submit(citizen.create()));

        var resolved = ledger.resolveDid(org.civitas.proto.ledger.v1.ResolveDidRequest.newBuilder()
            .setDid(citizen.did().toString()).build());

        ProvenEntry proven = LedgerProtos.fromProto(resolved.getProof());
        assertTrue(proven.check(trust).proven(), proven.check(trust).reason().en());
        assertEquals(citizen.did(), DidDocument.parse(resolved.getDidDocumentJson()).id());
        assertTrue(proven.entry().transaction() instanceof Transaction.DidCreate create
            && create.did().equals(citizen.did()));
    }

    @Test
    void resolveDid_unknownOrNotCivitas_isNotFoundOrInvalid() {
        StatusRuntimeException unknown = fails(() -> ledger.resolveDid(org.civitas.proto.ledger.v1.ResolveDidRequest
            .newBuilder().setDid(Actor.generate(KeyType.ED25519).did().toString()).build()));
        StatusRuntimeException foreign = fails(() -> ledger.resolveDid(org.civitas.proto.ledger.v1.ResolveDidRequest
            .newBuilder().setDid("did:web:example.com").build()));

        assertEquals(Status.Code.NOT_FOUND, unknown.getStatus().getCode());
        assertEquals(Status.Code.INVALID_ARGUMENT, foreign.getStatus().getCode());
    }

    @Test
    void accreditationsAndAnchors_areListedWithProofsAndPaged() throws FormatException {
        Actor province = Actor.generate(KeyType.SM2);
        Actor hospital = Actor.generate(KeyType.ED25519);
        ledger.submitTransaction(submit(province.create()));
        ledger.submitTransaction(submit(hospital.create()));
        ledger.submitTransaction(submit(nationalRoot.grant(province, Transaction.Tier.PROVINCIAL_ROOT, List.of("*"),
            List.of("310000"), Instant.now().minusSeconds(60))));
        ledger.submitTransaction(submit(province.grant(hospital, Transaction.Tier.AGENCY,
            List.of("VaccinationCertificate"), List.of("310101"), Instant.now().minusSeconds(60))));
        ledger.submitTransaction(submit(hospital.anchor("https://hospital.example/status/1", 1)));

        var first = ledger.listAccreditations(ListAccreditationsRequest.newBuilder().setPageSize(1).build());
        var second = ledger.listAccreditations(ListAccreditationsRequest.newBuilder().setPageSize(1)
            .setPageToken(first.getNextPageToken()).build());
        var hospitalOnly = ledger.listAccreditations(ListAccreditationsRequest.newBuilder()
            .setSubjectDid(hospital.did().toString()).setCredentialType("VaccinationCertificate").build());
        var anchor = ledger.getStatusListAnchor(GetStatusListAnchorRequest.newBuilder()
            .setIssuerDid(hospital.did().toString()).setListId("https://hospital.example/status/1").build());

        assertEquals(1, first.getAccreditationsCount());
        assertFalse(first.getNextPageToken().isEmpty());
        assertEquals(1, hospitalOnly.getAccreditationsCount());
        assertEquals(AccreditationTier.AGENCY, hospitalOnly.getAccreditations(0).getTier());
        assertTrue(LedgerProtos.fromProto(hospitalOnly.getAccreditations(0).getGrant()).check(trust).proven());
        assertTrue(second.getAccreditationsCount() >= 1);
        assertEquals(1, anchor.getAnchor().getVersion());
        assertTrue(LedgerProtos.fromProto(anchor.getAnchor().getEntry()).check(trust).proven());
    }

    @Test
    void consistencyProof_betweenTwoHeads_verifies() throws FormatException {
        var before = LedgerProtos.fromProto(ledger.getSignedTreeHead(GetSignedTreeHeadRequest.getDefaultInstance())
            .getTreeHead());
        ledger.submitTransaction(submit(Actor.generate(KeyType.ED25519).create()));

        var response = ledger.getConsistencyProof(GetConsistencyProofRequest.newBuilder()
            .setFirstTreeSize(before.head().treeSize()).build());

        var after = LedgerProtos.fromProto(response.getSecondTreeHead());
        assertTrue(trust.check(after).trusted());
        assertTrue(LedgerProtos.fromProto(response.getProof()).verify(LedgerHash.SHA_256, before.head().rootHash(),
            after.head().rootHash()));
    }

    @Test
    void reads_outOfRangeOrMissing_answerPreciseCodes() {
        assertEquals(Status.Code.NOT_FOUND, fails(() -> ledger.getEntry(GetEntryRequest.newBuilder()
            .setIndex(1_000_000).build())).getStatus().getCode());
        assertEquals(Status.Code.INVALID_ARGUMENT, fails(() -> ledger.getEntry(GetEntryRequest.getDefaultInstance()))
            .getStatus().getCode());
        assertEquals(Status.Code.OUT_OF_RANGE, fails(() -> ledger.getInclusionProof(GetInclusionProofRequest
            .newBuilder().setLeafIndex(0).setTreeSize(1_000_000).build())).getStatus().getCode());
        assertEquals(Status.Code.INVALID_ARGUMENT, fails(() -> ledger.listAccreditations(ListAccreditationsRequest
            .newBuilder().setPageToken("not-ours").build())).getStatus().getCode());
        assertEquals(Status.Code.NOT_FOUND, fails(() -> ledger.getStatusListAnchor(GetStatusListAnchorRequest
            .newBuilder().setIssuerDid("did:civitas:nobody").setListId("https://x/1").build())).getStatus().getCode());
    }

    @Test
    void ledgerClient_submitsResolvesAndListsWithEveryAnswerProven() {
        LedgerClient client = new LedgerClient(loopback.channel(), trust);   // not closed: the channel is the test's
        Actor province = Actor.generate(KeyType.SM2);
        Actor school = Actor.generate(KeyType.ED25519);
        SignedTransaction createSchool = school.create();
        client.submit(province.create());
        LedgerClient.Submission created = client.submit(createSchool);
        client.submit(nationalRoot.grant(province, Transaction.Tier.PROVINCIAL_ROOT, List.of("*"),
            List.of("440000"), Instant.now().minusSeconds(60)));
        client.submit(province.grant(school, Transaction.Tier.AGENCY, List.of("DiplomaCredential"),
            List.of("440100"), Instant.now().minusSeconds(60)));

        assertTrue(client.submit(createSchool).alreadyCommitted());
        assertEquals(created.entry().index(), client.resolve(school.did(), null).proof().entry().index());
        var accreditations = client.accreditations(school.did(), "DiplomaCredential", "440106", null);
        assertEquals(1, accreditations.size());
        assertEquals(province.did(), accreditations.get(0).accreditor());
        assertTrue(client.latestHead().head().treeSize() > created.entry().index());
    }

    @Test
    void ledgerClient_withAnotherLedgersTrust_refusesTheAnswers() throws Exception {
        LedgerTrust foreign = LedgerTrust.fromGenesis(SignedTransaction.parseJson(
            java.nio.file.Files.readString(LedgerInit.create(java.nio.file.Files.createTempDirectory("foreign"),
                "other", 1, LedgerHash.SHA_256, KeyType.ED25519, Clock.systemUTC()).genesisFile())));
        LedgerClient client = new LedgerClient(loopback.channel(), foreign);

        StatusRuntimeException e = fails(client::latestHead);
        assertEquals(Status.Code.UNAVAILABLE, e.getStatus().getCode());
        assertTrue(e.getStatus().getDescription().contains("genesis trust"));
    }

    private static SubmitTransactionRequest submit(SignedTransaction tx) {
        return SubmitTransactionRequest.newBuilder().setTransaction(LedgerProtos.toProto(tx)).build();
    }

    private static StatusRuntimeException fails(Executable call) {
        return assertThrows(StatusRuntimeException.class, call);
    }
}
