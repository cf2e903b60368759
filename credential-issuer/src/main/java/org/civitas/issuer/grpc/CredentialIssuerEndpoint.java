package org.civitas.issuer.grpc;

import com.google.protobuf.ByteString;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.grpc.stub.StreamObserver;
import jakarta.inject.Singleton;
import org.civitas.issuer.IssuerException;
import org.civitas.issuer.IssuerException.Reason;
import org.civitas.issuer.audit.AuditAnchors;
import org.civitas.issuer.audit.AuditEntry;
import org.civitas.issuer.audit.Supervision;
import org.civitas.issuer.bundle.TrustBundles;
import org.civitas.issuer.delivery.CredentialReads;
import org.civitas.issuer.issuance.IssuanceService;
import org.civitas.issuer.ledger.IssuerLedger;
import org.civitas.issuer.status.StatusChangeAction;
import org.civitas.issuer.status.StatusChanges;
import org.civitas.issuer.status.StatusList;
import org.civitas.issuer.status.StatusService;
import org.civitas.issuer.store.AuditStore;
import org.civitas.issuer.store.StatusListStore;
import org.civitas.issuer.type.CredentialType;
import org.civitas.issuer.type.CredentialTypes;
import org.civitas.proto.issuer.v1.AnchorAuditChainRequest;
import org.civitas.proto.issuer.v1.AnchorAuditChainResponse;
import org.civitas.proto.issuer.v1.BatchItemResult;
import org.civitas.proto.issuer.v1.BatchProgress;
import org.civitas.proto.issuer.v1.CredentialIssuerGrpc;
import org.civitas.proto.issuer.v1.GetCredentialRequest;
import org.civitas.proto.issuer.v1.GetCredentialResponse;
import org.civitas.proto.issuer.v1.GetCredentialTypeRequest;
import org.civitas.proto.issuer.v1.GetCredentialTypeResponse;
import org.civitas.proto.issuer.v1.GetStatusListRequest;
import org.civitas.proto.issuer.v1.GetStatusListResponse;
import org.civitas.proto.issuer.v1.GetTrustBundleDeltaRequest;
import org.civitas.proto.issuer.v1.GetTrustBundleDeltaResponse;
import org.civitas.proto.issuer.v1.GetTrustBundleRequest;
import org.civitas.proto.issuer.v1.GetTrustBundleResponse;
import org.civitas.proto.issuer.v1.IssueCredentialRequest;
import org.civitas.proto.issuer.v1.IssueCredentialResponse;
import org.civitas.proto.issuer.v1.IssueCredentialsRequest;
import org.civitas.proto.issuer.v1.IssueCredentialsResponse;
import org.civitas.proto.issuer.v1.ListAuditEntriesRequest;
import org.civitas.proto.issuer.v1.ListAuditEntriesResponse;
import org.civitas.proto.issuer.v1.ListCredentialTypesRequest;
import org.civitas.proto.issuer.v1.ListCredentialTypesResponse;
import org.civitas.proto.issuer.v1.ListCredentialsRequest;
import org.civitas.proto.issuer.v1.ListCredentialsResponse;
import org.civitas.proto.issuer.v1.ReinstateCredentialRequest;
import org.civitas.proto.issuer.v1.ReinstateCredentialResponse;
import org.civitas.proto.issuer.v1.RevokeCredentialRequest;
import org.civitas.proto.issuer.v1.RevokeCredentialResponse;
import org.civitas.proto.issuer.v1.StatusChange;
import org.civitas.proto.issuer.v1.StreamIssueCredentialsRequest;
import org.civitas.proto.issuer.v1.StreamIssueCredentialsResponse;
import org.civitas.proto.issuer.v1.SuspendCredentialRequest;
import org.civitas.proto.issuer.v1.SuspendCredentialResponse;
import org.civitas.proto.issuer.v1.VerifyAuditChainRequest;
import org.civitas.proto.issuer.v1.VerifyAuditChainResponse;
import org.civitas.sdk.FormatException;
import org.civitas.sdk.did.Did;
import org.civitas.sdk.ledger.ProvenEntry;
import org.civitas.server.auth.Caller;
import org.civitas.server.idempotency.IdempotentRequests;
import org.civitas.server.ledger.LedgerClient;
import org.civitas.server.ledger.LedgerProtos;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;

/**
 * The gRPC edge of {@code civitas.issuer.v1.CredentialIssuer}: authenticates the caller's role for each rpc and
 * maps proto to domain and back.
 */
@Singleton
@Requires(beans = LedgerClient.class)
public class CredentialIssuerEndpoint extends CredentialIssuerGrpc.CredentialIssuerImplBase {

    private final CredentialTypes types;
    private final IssuanceService issuance;
    private final StatusService status;
    private final StatusListStore lists;
    private final CredentialReads reads;
    private final Supervision supervision;
    private final AuditAnchors anchors;
    private final IdempotentRequests requests;
    private final IssuerLedger ledger;
    private final TrustBundles bundles;
    private final int window;

    public CredentialIssuerEndpoint(CredentialTypes types, IssuanceService issuance, StatusService status,
                                    StatusListStore lists, CredentialReads reads, Supervision supervision,
                                    AuditAnchors anchors, IdempotentRequests requests, IssuerLedger ledger,
                                    TrustBundles bundles, @Value("${civitas.issuer.batch.window:16}") int window) {
        this.types = types;
        this.issuance = issuance;
        this.status = status;
        this.lists = lists;
        this.reads = reads;
        this.supervision = supervision;
        this.anchors = anchors;
        this.requests = requests;
        this.ledger = ledger;
        this.bundles = bundles;
        this.window = window;
    }

    @Override
    public void listCredentialTypes(ListCredentialTypesRequest request, StreamObserver<ListCredentialTypesResponse> out) {
        if (request.getPageSize() < 0 || request.getPageSize() > 1000) {
            throw IssuerException.invalidField("page_size", "must be 0..1000");
        }
        int offset = offset(request.getPageToken());
        int size = request.getPageSize() == 0 ? 100 : request.getPageSize();
        List<CredentialType> matching = types.all().stream()
            .filter(t -> request.getIncludeRetired() || !t.retired())
            .filter(t -> request.getDomainValue() == 0 || t.domain().name().equals(request.getDomain().name()))
            .toList();
        var response = ListCredentialTypesResponse.newBuilder();
        matching.stream().skip(offset).limit(size).forEach(t -> response.addCredentialTypes(IssuerMapper.toProto(t)));
        if (offset + size < matching.size()) response.setNextPageToken(token(offset + size));
        reply(out, response.build());
    }

    @Override
    public void getCredentialType(GetCredentialTypeRequest request, StreamObserver<GetCredentialTypeResponse> out) {
        if (request.getTypeId().isEmpty()) throw IssuerException.invalidField("type_id", "is required");
        CredentialType type = types.find(request.getTypeId(), request.getVersion()).orElseThrow(() ->
            IssuerException.about(Reason.TYPE_NOT_FOUND, "credential type", request.getTypeId(), "no credential type "
                + request.getTypeId() + (request.getVersion().isEmpty() ? "" : " version " + request.getVersion())));
        reply(out, GetCredentialTypeResponse.newBuilder().setCredentialType(IssuerMapper.toProto(type)).build());
    }

    @Override
    public void issueCredential(IssueCredentialRequest request, StreamObserver<IssueCredentialResponse> out) {
        var issued = issuance.issue(agency(), IssuerMapper.toOrder(request));
        reply(out, IssueCredentialResponse.newBuilder().setCredential(IssuerMapper.toProto(issued)).build());
    }

    @Override
    public StreamObserver<IssueCredentialsRequest> issueCredentials(StreamObserver<IssueCredentialsResponse> out) {
        Did caller = agency();
        List<BatchItemResult> results = new ArrayList<>();
        BatchCall batch = new BatchCall(issuance, caller, out, window, new BatchCall.Sink() {
            @Override public void result(BatchItemResult result) { results.add(result); }

            @Override public void progress(BatchProgress progress) { }

            @Override public void done(long issued, long failed) {
                results.sort(Comparator.comparingLong(BatchItemResult::getIndex));
                out.onNext(IssueCredentialsResponse.newBuilder().addAllResults(results).setIssuedCount(issued)
                    .setFailedCount(failed).build());
                out.onCompleted();
            }
        });
        return batch.requests(IssueCredentialsRequest::getItem);
    }

    @Override
    public StreamObserver<StreamIssueCredentialsRequest> streamIssueCredentials(
            StreamObserver<StreamIssueCredentialsResponse> out) {
        Did caller = agency();
        BatchCall batch = new BatchCall(issuance, caller, out, window, new BatchCall.Sink() {
            @Override public void result(BatchItemResult result) {
                out.onNext(StreamIssueCredentialsResponse.newBuilder().setResult(result).build());
            }

            @Override public void progress(BatchProgress progress) {
                out.onNext(StreamIssueCredentialsResponse.newBuilder().setProgress(progress).build());
            }

            @Override public void done(long issued, long failed) { out.onCompleted(); }
        });
        return batch.requests(StreamIssueCredentialsRequest::getItem);
    }

    @Override
    public void getCredential(GetCredentialRequest request, StreamObserver<GetCredentialResponse> out) {
        var credential = reads.get(reader(), request.getCredentialId());
        reply(out, GetCredentialResponse.newBuilder().setCredential(IssuerMapper.toProto(credential)).build());
    }

    @Override
    public void listCredentials(ListCredentialsRequest request, StreamObserver<ListCredentialsResponse> out) {
        var page = reads.list(reader(), request.getHolderDid(), request.getPageSize(), request.getPageToken());
        var response = ListCredentialsResponse.newBuilder().setNextPageToken(page.nextPageToken());
        page.credentials().forEach(c -> response.addCredentials(IssuerMapper.toProto(c)));
        reply(out, response.build());
    }

    @Override
    public void revokeCredential(RevokeCredentialRequest request, StreamObserver<RevokeCredentialResponse> out) {
        Did caller = agency();
        reply(out, requests.once("revoke " + caller, request.getRequestId(), request, RevokeCredentialResponse.parser(),
            () -> RevokeCredentialResponse.newBuilder().setChange(change(caller, request.getCredentialId(),
                StatusChangeAction.REVOKE, request.getReason())).build()));
    }

    @Override
    public void suspendCredential(SuspendCredentialRequest request, StreamObserver<SuspendCredentialResponse> out) {
        Did caller = agency();
        reply(out, requests.once("suspend " + caller, request.getRequestId(), request, SuspendCredentialResponse.parser(),
            () -> SuspendCredentialResponse.newBuilder().setChange(change(caller, request.getCredentialId(),
                StatusChangeAction.SUSPEND, request.getReason())).build()));
    }

    @Override
    public void reinstateCredential(ReinstateCredentialRequest request, StreamObserver<ReinstateCredentialResponse> out) {
        Did caller = agency();
        reply(out, requests.once("reinstate " + caller, request.getRequestId(), request,
            ReinstateCredentialResponse.parser(), () -> ReinstateCredentialResponse.newBuilder().setChange(change(caller,
                request.getCredentialId(), StatusChangeAction.REINSTATE, request.getReason())).build()));
    }

    private StatusChange change(Did caller, String credentialId, StatusChangeAction action, String reason) {
        StatusChanges.Applied applied = status.change(caller, credentialId, action, reason);
        StatusChange.Builder change = StatusChange.newBuilder().setCredentialId(applied.credential().id())
            .setState(IssuerMapper.state(action.result()))
            .setEffectiveAt(IssuerMapper.timestamp(applied.change() == null ? java.time.Instant.now()
                : applied.change().at()));
        ledger.statusListAnchor(applied.credential().issuer(), applied.listId())
            .ifPresent(proven -> change.setAnchor(IssuerMapper.anchor(proven, ledger.hash())));
        return change.build();
    }

    @Override
    public void getStatusList(GetStatusListRequest request, StreamObserver<GetStatusListResponse> out) {
        if (request.getStatusListId().isEmpty()) throw IssuerException.invalidField("status_list_id", "is required");
        StatusList list = lists.find(request.getStatusListId()).filter(l -> l.version() > 0).orElseThrow(() ->
            IssuerException.about(Reason.STATUS_LIST_NOT_FOUND, "status list", request.getStatusListId(),
                "no published status list " + request.getStatusListId()));
        var response = GetStatusListResponse.newBuilder().setStatusListCredentialJson(list.credential());
        ledger.statusListAnchor(list.issuer(), list.id()).ifPresent(p -> response.setAnchor(IssuerMapper.anchor(p, ledger.hash())));
        reply(out, response.build());
    }

    @Override
    public void getTrustBundle(GetTrustBundleRequest request, StreamObserver<GetTrustBundleResponse> out) {
        TrustBundles.Published latest = bundles.latest();
        reply(out, GetTrustBundleResponse.newBuilder().setBundle(ByteString.copyFrom(latest.file()))
            .setVersion(latest.version()).setPublisherDid(bundles.publisherDid()).build());
    }

    @Override
    public void getTrustBundleDelta(GetTrustBundleDeltaRequest request, StreamObserver<GetTrustBundleDeltaResponse> out) {
        if (request.getSinceVersion() == 0) {
            throw IssuerException.invalidField("since_version", "is required: the version of the bundle held");
        }
        var response = GetTrustBundleDeltaResponse.newBuilder().setFromVersion(request.getSinceVersion());
        bundles.deltaSince(request.getSinceVersion()).ifPresentOrElse(
            d -> response.setDelta(ByteString.copyFrom(d.file())).setToVersion(d.toVersion()),
            () -> response.setToVersion(request.getSinceVersion()));
        reply(out, response.build());
    }

    @Override
    public void listAuditEntries(ListAuditEntriesRequest request, StreamObserver<ListAuditEntriesResponse> out) {
        Did caller = authenticated();
        Did agency = did("agency_did", request.getAgencyDid());
        supervision.authorize(caller, agency);
        long from = 1;
        if (!request.getPageToken().isEmpty()) {
            try {
                from = Long.parseLong(new String(Base64.getUrlDecoder().decode(request.getPageToken()),
                    StandardCharsets.UTF_8).substring(2));
            } catch (RuntimeException e) {
                throw IssuerException.invalidField("page_token", "is not a token this service gave out");
            }
        }
        Supervision.Page page = supervision.list(agency, request.hasFrom() ? IssuerMapper.instant(request.getFrom()) : null,
            request.hasTo() ? IssuerMapper.instant(request.getTo()) : null, from, request.getPageSize());
        var response = ListAuditEntriesResponse.newBuilder();
        for (AuditEntry e : page.entries()) response.addEntries(IssuerMapper.toProto(e));
        if (page.nextSequence() > 0) response.setNextPageToken(Base64.getUrlEncoder().withoutPadding()
            .encodeToString(("s:" + page.nextSequence()).getBytes(StandardCharsets.UTF_8)));
        reply(out, response.build());
    }

    @Override
    public void verifyAuditChain(VerifyAuditChainRequest request, StreamObserver<VerifyAuditChainResponse> out) {
        Did caller = authenticated();
        Did agency = did("agency_did", request.getAgencyDid());
        supervision.authorize(caller, agency);
        Supervision.Report report = supervision.verify(agency);
        var response = VerifyAuditChainResponse.newBuilder().setIntact(report.chain().intact())
            .setEntriesChecked(report.chain().entriesChecked())
            .setHeadHash(com.google.protobuf.ByteString.copyFrom(report.chain().headHash()))
            .setFirstBrokenSequence(report.chain().firstBrokenSequence()).setAnchorMatches(report.anchorMatches());
        if (report.latestAnchor() != null) response.setLatestAnchor(LedgerProtos.toProto(report.latestAnchor(), ledger.hash()));
        reply(out, response.build());
    }

    @Override
    public void anchorAuditChain(AnchorAuditChainRequest request, StreamObserver<AnchorAuditChainResponse> out) {
        Did caller = agency();
        reply(out, requests.once("anchor-audit " + caller, request.getRequestId(), request,
            AnchorAuditChainResponse.parser(), () -> {
                AuditStore.Anchor anchor = anchors.anchor(caller);
                ProvenEntry proven = ledger.entry(anchor.anchorIndex());
                return AnchorAuditChainResponse.newBuilder().setSequence(anchor.sequence())
                    .setHeadHash(com.google.protobuf.ByteString.copyFrom(anchor.headHash()))
                    .setAnchor(LedgerProtos.toProto(proven, ledger.hash())).build();
            }));
    }

    /** An agency calling: any authenticated DID; what it may do is checked against the ledger per rpc. */
    private static Did agency() { return authenticated(); }

    private static Did authenticated() {
        if (Caller.current() instanceof Caller.Authenticated authenticated) return authenticated.did();
        throw IssuerException.of(Reason.NOT_AUTHENTICATED, "this rpc needs 'authorization: Bearer <AuthToken>' signed "
            + "by a key under authentication in the caller's DID document");
    }

    /** A wallet (or issuer) reading: an AuthToken's DID, else a Firebase ID token's. */
    private static Did reader() {
        if (Caller.current() instanceof Caller.Authenticated authenticated) return authenticated.did();
        Did firebase = FirebaseTokenInterceptor.current();
        if (firebase != null) return firebase;
        throw IssuerException.of(Reason.NOT_AUTHENTICATED, "reading credentials needs an AuthToken signed by a device "
            + "key of the holder's DID, or a Firebase ID token in x-firebase-id-token");
    }

    private static Did did(String field, String text) {
        try {
            return Did.parse(text);
        } catch (FormatException e) {
            throw IssuerException.invalidField(field, "is not a DID: " + e.getMessage());
        }
    }

    private static int offset(String token) {
        if (token.isEmpty()) return 0;
        try {
            String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (!text.startsWith("o:")) throw new IllegalArgumentException();
            return Integer.parseInt(text.substring(2));
        } catch (RuntimeException e) {
            throw IssuerException.invalidField("page_token", "is not a token this service gave out");
        }
    }

    private static String token(int offset) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("o:" + offset).getBytes(StandardCharsets.UTF_8));
    }

    private static <R> void reply(StreamObserver<R> out, R response) {
        out.onNext(response);
        out.onCompleted();
    }
}
