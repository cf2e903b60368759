package org.civitas.identity.agency;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.micronaut.grpc.server.GrpcEmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.civitas.identity.fixtures.Actor;
import org.civitas.identity.fixtures.Errors;
import org.civitas.identity.fixtures.Requests;
import org.civitas.identity.fixtures.World;
import org.civitas.proto.identity.v1.AccreditationRequestState;
import org.civitas.proto.identity.v1.AgencyKind;
import org.civitas.proto.identity.v1.DecideAccreditationRequestRequest;
import org.civitas.proto.identity.v1.DecideAccreditationRequestResponse;
import org.civitas.proto.identity.v1.GetAgencyRequest;
import org.civitas.proto.identity.v1.GetAgencyResponse;
import org.civitas.proto.identity.v1.IdentityGrpc;
import org.civitas.proto.identity.v1.ListAccreditationRequestsRequest;
import org.civitas.proto.identity.v1.ListAccreditationRequestsResponse;
import org.civitas.proto.identity.v1.OnboardAgencyRequest;
import org.civitas.proto.identity.v1.OnboardProvincialRootRequest;
import org.civitas.proto.identity.v1.OnboardProvincialRootResponse;
import org.civitas.proto.identity.v1.RequestAccreditationRequest;
import org.civitas.proto.ledger.v1.AccreditationTier;
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
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.civitas.identity.fixtures.Errors.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Provincial roots, agencies and accreditation requests through the generated stub. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AgencyTest implements TestPropertyProvider {

    static final String HEALTH = "HealthInsuranceCard";

    World world;
    @Inject GrpcEmbeddedServer server;
    LoopbackChannel loopback;
    Actor root;

    @Override
    public Map<String, String> getProperties() {
        world = World.start();
        return world.properties();
    }

    @BeforeAll
    void setUp() {
        loopback = LoopbackChannel.to(server.getPort());
        root = world.provincialRoot(List.of(World.SHANGHAI));
    }

    @AfterAll
    void tearDown() {
        loopback.close();
        world.close();
    }

    @Test
    void onboardProvincialRoot_withTheNationalRootsGrant_recordsTheRootAndItsAccreditation() {
        Actor newRoot = Actor.generate();

        OnboardProvincialRootResponse onboarded = anonymous().onboardProvincialRoot(provincialRootRequest(newRoot,
            world.nationalRootGrant(newRoot.did(), List.of("*"), List.of(World.BEIJING))));

        assertEquals(AgencyKind.PROVINCIAL_ROOT, onboarded.getAgency().getKind());
        GetAgencyResponse agency = anonymous().getAgency(GetAgencyRequest.newBuilder()
            .setDid(newRoot.did().toString()).build());
        assertEquals("Beijing Provincial Root", agency.getAgency().getNameEn());
        assertEquals(1, agency.getAccreditationsCount());
        assertEquals(AccreditationTier.PROVINCIAL_ROOT, agency.getAccreditations(0).getTier());
        assertEquals(world.ledger.nationalRoot().toString(), agency.getAccreditations(0).getAccreditorDid());
        assertEquals(onboarded.getGrantEntry().getIndex(), agency.getAccreditations(0).getGrant().getEntry().getIndex());
    }

    @Test
    void onboardProvincialRoot_withAGrantNotByTheNationalRoot_isTransactionMismatch() {
        Actor newRoot = Actor.generate();
        Actor impostor = Actor.generate();
        SignedTransaction grant = impostor.sign(new Transaction.AccreditationGrant(impostor.did(), newRoot.did(),
            Transaction.Tier.PROVINCIAL_ROOT, List.of("*"), List.of(World.BEIJING), Instant.now(), null, "n"));

        StatusRuntimeException e = assertRefused(Status.Code.INVALID_ARGUMENT, "TRANSACTION_MISMATCH",
            () -> anonymous().onboardProvincialRoot(provincialRootRequest(newRoot, grant)));
        assertEquals(List.of("grant_transaction"), Errors.fields(e));
    }

    @Test
    void onboardAgency_byAProvincialRoot_createsTheAgencysDidAndRecord() {
        Actor agency = Actor.generate();

        var onboarded = as(root).onboardAgency(agencyRequest(agency, World.PUDONG).build());

        assertEquals(agency.did().toString(), onboarded.getAgency().getDid());
        assertEquals(agency.did(), world.ledgerClient().resolve(agency.did(), null).document().id());
        GetAgencyResponse read = anonymous().getAgency(GetAgencyRequest.newBuilder().setDid(agency.did().toString())
            .build());
        assertEquals(AgencyKind.HEALTH_BUREAU, read.getAgency().getKind());
        assertEquals(0, read.getAccreditationsCount());
    }

    @Test
    void onboardAgency_retried_answersTheFirstOnboarding_andAnotherRequestForTheDidIsAlreadyExists() {
        Actor agency = Actor.generate();
        OnboardAgencyRequest request = agencyRequest(agency, World.SHANGHAI).build();
        var first = as(root).onboardAgency(request);

        assertEquals(first, as(root).onboardAgency(request));
        assertRefused(Status.Code.ALREADY_EXISTS, "AGENCY_ALREADY_ONBOARDED", () -> as(root).onboardAgency(
            request.toBuilder().setRequestId(Requests.requestId()).setNameEn("Another name").build()));
    }

    @Test
    void onboardAgency_byAnAgencyThatIsNoRoot_isPermissionDenied() {
        Actor notRoot = world.accreditedAgency(root, List.of(HEALTH), List.of(World.SHANGHAI));

        assertRefused(Status.Code.PERMISSION_DENIED, "NOT_A_PROVINCIAL_ROOT",
            () -> as(notRoot).onboardAgency(agencyRequest(Actor.generate(), World.SHANGHAI).build()));
    }

    @Test
    void onboardAgency_outsideTheRootsRegion_isPermissionDenied() {
        assertRefused(Status.Code.PERMISSION_DENIED, "ROOT_NOT_ACCREDITED",
            () -> as(root).onboardAgency(agencyRequest(Actor.generate(), World.BEIJING).build()));
    }

    @Test
    void onboardAgency_withoutACaller_isUnauthenticated() {
        assertRefused(Status.Code.UNAUTHENTICATED, "CALLER_UNAUTHENTICATED",
            () -> anonymous().onboardAgency(agencyRequest(Actor.generate(), World.SHANGHAI).build()));
    }

    @Test
    void onboardAgency_malformedFields_areEachAFieldViolation() {
        StatusRuntimeException e = assertRefused(Status.Code.INVALID_ARGUMENT, "FIELD_INVALID",
            () -> as(root).onboardAgency(agencyRequest(Actor.generate(), "31").setNameEn(" ")
                .setKind(AgencyKind.AGENCY_KIND_UNSPECIFIED).build()));

        assertEquals(Set.of("name_en", "kind", "region"), Set.copyOf(Errors.fields(e)));
    }

    @Test
    void onboardAgency_didCreateSignedByAnotherKey_isSignatureInvalid() {
        Actor agency = Actor.generate();
        Actor other = Actor.generate();
        SignedTransaction forged = SignedTransaction.sign(new Transaction.DidCreate(agency.document(), "n"),
            Map.of(agency.keyId(), other.key()));

        assertRefused(Status.Code.INVALID_ARGUMENT, "SIGNATURE_INVALID", () -> as(root).onboardAgency(
            agencyRequest(agency, World.SHANGHAI).setDidCreateTransaction(LedgerProtos.toProto(forged)).build()));
    }

    @Test
    void accreditation_requestedListedAndApproved_isOnTheLedger_andCannotBeDecidedAgain() {
        Actor agency = onboarded();
        var requested = as(agency).requestAccreditation(accreditationRequest(agency, root, HEALTH).build())
            .getAccreditationRequest();
        assertEquals(AccreditationRequestState.PENDING, requested.getState());

        ListAccreditationRequestsResponse pending = as(root).listAccreditationRequests(ListAccreditationRequestsRequest
            .newBuilder().setProvincialRootDid(root.did().toString()).setState(AccreditationRequestState.PENDING)
            .build());
        assertTrue(pending.getAccreditationRequestsList().stream().anyMatch(r -> r.getId().equals(requested.getId())));

        DecideAccreditationRequestRequest approve = DecideAccreditationRequestRequest.newBuilder()
            .setRequestId(Requests.requestId()).setAccreditationRequestId(requested.getId())
            .setGrantTransaction(LedgerProtos.toProto(root.grant(agency.did(), List.of(HEALTH),
                List.of(World.SHANGHAI)))).build();
        DecideAccreditationRequestResponse approved = as(root).decideAccreditationRequest(approve);

        assertEquals(AccreditationRequestState.APPROVED, approved.getAccreditationRequest().getState());
        assertEquals(approved, as(root).decideAccreditationRequest(approve));
        GetAgencyResponse read = anonymous().getAgency(GetAgencyRequest.newBuilder().setDid(agency.did().toString())
            .build());
        assertEquals(List.of(HEALTH), read.getAccreditations(0).getCredentialTypesList());
        assertEquals(approved.getGrantEntry().getIndex(), read.getAccreditations(0).getGrant().getEntry().getIndex());
        assertRefused(Status.Code.FAILED_PRECONDITION, "ALREADY_DECIDED", () -> as(root).decideAccreditationRequest(
            DecideAccreditationRequestRequest.newBuilder().setRequestId(Requests.requestId())
                .setAccreditationRequestId(requested.getId()).setRejectionReason("changed my mind").build()));
    }

    @Test
    void decideAccreditationRequest_grantForOtherTypes_isTransactionMismatch() {
        Actor agency = onboarded();
        var requested = as(agency).requestAccreditation(accreditationRequest(agency, root, HEALTH).build())
            .getAccreditationRequest();

        StatusRuntimeException e = assertRefused(Status.Code.INVALID_ARGUMENT, "TRANSACTION_MISMATCH",
            () -> as(root).decideAccreditationRequest(DecideAccreditationRequestRequest.newBuilder()
                .setRequestId(Requests.requestId()).setAccreditationRequestId(requested.getId())
                .setGrantTransaction(LedgerProtos.toProto(root.grant(agency.did(), List.of("UniversityDegree"),
                    List.of(World.SHANGHAI)))).build()));
        assertEquals(List.of("grant_transaction"), Errors.fields(e));
    }

    @Test
    void decideAccreditationRequest_rejected_keepsTheReason() {
        Actor agency = onboarded();
        var requested = as(agency).requestAccreditation(accreditationRequest(agency, root, HEALTH).build())
            .getAccreditationRequest();

        var rejected = as(root).decideAccreditationRequest(DecideAccreditationRequestRequest.newBuilder()
            .setRequestId(Requests.requestId()).setAccreditationRequestId(requested.getId())
            .setRejectionReason("licence expired").build()).getAccreditationRequest();

        assertEquals(AccreditationRequestState.REJECTED, rejected.getState());
        assertEquals("licence expired", rejected.getRejectionReason());
    }

    @Test
    void decideAccreditationRequest_byAnotherRoot_isPermissionDenied() {
        Actor agency = onboarded();
        Actor otherRoot = world.provincialRoot(List.of(World.SHANGHAI));
        var requested = as(agency).requestAccreditation(accreditationRequest(agency, root, HEALTH).build())
            .getAccreditationRequest();

        assertRefused(Status.Code.PERMISSION_DENIED, "NOT_THE_CALLER", () -> as(otherRoot).decideAccreditationRequest(
            DecideAccreditationRequestRequest.newBuilder().setRequestId(Requests.requestId())
                .setAccreditationRequestId(requested.getId()).setRejectionReason("no").build()));
        assertRefused(Status.Code.NOT_FOUND, "ACCREDITATION_REQUEST_NOT_FOUND", () -> as(root)
            .decideAccreditationRequest(DecideAccreditationRequestRequest.newBuilder().setRequestId(Requests.requestId())
                .setAccreditationRequestId("ar-000000000000000000000000").setRejectionReason("no").build()));
    }

    @Test
    void requestAccreditation_forAnotherAgency_isPermissionDenied() {
        Actor agency = onboarded();
        Actor other = onboarded();

        assertRefused(Status.Code.PERMISSION_DENIED, "NOT_THE_CALLER",
            () -> as(other).requestAccreditation(accreditationRequest(agency, root, HEALTH).build()));
    }

    @Test
    void requestAccreditation_ofARootNotAccreditedForTheType_isFailedPrecondition() {
        Actor narrowRoot = Actor.generate();
        world.ledgerClient().submit(narrowRoot.create());
        world.ledgerClient().submit(world.nationalRootGrant(narrowRoot.did(), List.of(HEALTH), List.of(World.SHANGHAI)));
        Actor agency = onboarded();

        assertRefused(Status.Code.FAILED_PRECONDITION, "ROOT_CANNOT_GRANT", () -> as(agency).requestAccreditation(
            accreditationRequest(agency, narrowRoot, "UniversityDegree").build()));
        assertRefused(Status.Code.NOT_FOUND, "PROVINCIAL_ROOT_NOT_FOUND", () -> as(agency).requestAccreditation(
            accreditationRequest(agency, Actor.generate(), HEALTH).build()));
    }

    @Test
    void listAccreditationRequests_pagesThroughEveryRequest_andOnlyForTheRootItself() {
        Actor pagedRoot = world.provincialRoot(List.of(World.SHANGHAI));
        Actor agency = onboarded();
        for (int i = 0; i < 3; i++) {
            as(agency).requestAccreditation(accreditationRequest(agency, pagedRoot, HEALTH + i).build());
        }
        var list = ListAccreditationRequestsRequest.newBuilder().setProvincialRootDid(pagedRoot.did().toString())
            .setPageSize(2);

        var first = as(pagedRoot).listAccreditationRequests(list.build());
        var second = as(pagedRoot).listAccreditationRequests(list.setPageToken(first.getNextPageToken()).build());

        assertEquals(2, first.getAccreditationRequestsCount());
        assertEquals(1, second.getAccreditationRequestsCount());
        assertEquals("", second.getNextPageToken());
        assertRefused(Status.Code.PERMISSION_DENIED, "NOT_THE_CALLER", () -> as(root).listAccreditationRequests(
            list.setPageToken("").build()));
        assertRefused(Status.Code.INVALID_ARGUMENT, "FIELD_INVALID", () -> as(pagedRoot).listAccreditationRequests(
            list.setPageSize(1001).build()));
    }

    @Test
    void getAgency_unknownOrMalformed_isNotFoundOrInvalidArgument() {
        assertRefused(Status.Code.NOT_FOUND, "AGENCY_NOT_FOUND", () -> anonymous().getAgency(
            GetAgencyRequest.newBuilder().setDid(Actor.generate().did().toString()).build()));
        assertRefused(Status.Code.INVALID_ARGUMENT, "FIELD_INVALID", () -> anonymous().getAgency(
            GetAgencyRequest.newBuilder().setDid("not-a-did").build()));
    }

    private Actor onboarded() {
        Actor agency = Actor.generate();
        as(root).onboardAgency(agencyRequest(agency, World.SHANGHAI).build());
        return agency;
    }

    private static OnboardProvincialRootRequest provincialRootRequest(Actor newRoot, SignedTransaction grant) {
        return OnboardProvincialRootRequest.newBuilder().setRequestId(Requests.requestId())
            .setNameEn("Beijing Provincial Root").setNameZh("北京市根").setRegion(World.BEIJING)
            .setDidCreateTransaction(LedgerProtos.toProto(newRoot.create()))
            .setGrantTransaction(LedgerProtos.toProto(grant)).build();
    }

    private static OnboardAgencyRequest.Builder agencyRequest(Actor agency, String region) {
        return OnboardAgencyRequest.newBuilder().setRequestId(Requests.requestId())
            .setNameEn("Pudong Health Bureau").setNameZh("浦东新区卫生健康委员会").setKind(AgencyKind.HEALTH_BUREAU)
            .setRegion(region).setDidCreateTransaction(LedgerProtos.toProto(agency.create()));
    }

    private static RequestAccreditationRequest.Builder accreditationRequest(Actor agency, Actor toRoot, String type) {
        return RequestAccreditationRequest.newBuilder().setRequestId(Requests.requestId())
            .setAgencyDid(agency.did().toString()).setProvincialRootDid(toRoot.did().toString())
            .addCredentialTypes(type).addRegions(World.SHANGHAI).setJustification("we issue health insurance cards");
    }

    private IdentityGrpc.IdentityBlockingStub anonymous() {
        return IdentityGrpc.newBlockingStub(loopback.channel()).withDeadlineAfter(20, TimeUnit.SECONDS);
    }

    private IdentityGrpc.IdentityBlockingStub as(Actor actor) {
        return anonymous().withCallCredentials(actor.credentials());
    }
}
