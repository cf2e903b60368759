package org.civitas.ledger.grpc;

import org.civitas.sdk.ledger.state.Grant;
import io.grpc.stub.StreamObserver;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import org.civitas.ledger.LedgerException;
import org.civitas.ledger.LedgerService;
import org.civitas.ledger.node.LedgerNode;
import org.civitas.ledger.state.Records;
import org.civitas.proto.ledger.v1.*;
import org.civitas.sdk.FormatException;
import org.civitas.sdk.did.Did;
import org.civitas.sdk.ledger.Digest;
import org.civitas.sdk.ledger.LedgerHash;
import org.civitas.server.ledger.LedgerProtos;

import java.time.Instant;
import java.util.Base64;
import java.util.function.Predicate;

/** The gRPC edge of the ledger: maps {@code civitas.ledger.v1} to {@link LedgerService} and back, nothing else. */
// only in a ledger node: other services load this jar for LocalLedger in their tests, without these beans
@Requires(property = "civitas.ledger.mode")
@Singleton
public class LedgerEndpoint extends LedgerGrpc.LedgerImplBase {

    private final LedgerService ledger;

    public LedgerEndpoint(LedgerService ledger) {
        this.ledger = ledger;
    }

    @Override
    public void submitTransaction(SubmitTransactionRequest request, StreamObserver<SubmitTransactionResponse> out) {
        if (!request.hasTransaction()) throw invalid("transaction", "is required");
        LedgerNode.Outcome.Committed committed;
        try {
            committed = ledger.submit(LedgerProtos.fromProto(request.getTransaction()));
        } catch (FormatException e) {
            throw invalid("transaction", e.getMessage());
        }
        reply(out, SubmitTransactionResponse.newBuilder()
            .setEntry(LedgerProtos.toProto(committed.entry(), ledger.hash()))
            .setAlreadyCommitted(committed.alreadyCommitted()).build());
    }

    @Override
    public void getEntry(GetEntryRequest request, StreamObserver<GetEntryResponse> out) {
        var entry = switch (request.getKeyCase()) {
            case INDEX -> ledger.entry(request.getIndex());
            case TRANSACTION_HASH -> ledger.entry(digest("transaction_hash", request.getTransactionHash().toByteArray()));
            case KEY_NOT_SET -> throw invalid("key", "give index or transaction_hash");
        };
        reply(out, GetEntryResponse.newBuilder().setEntry(LedgerProtos.toProto(entry, ledger.hash())).build());
    }

    @Override
    public void getInclusionProof(GetInclusionProofRequest request, StreamObserver<GetInclusionProofResponse> out) {
        var proven = ledger.inclusionProof(request.getLeafIndex(), request.getTreeSize());
        var response = GetInclusionProofResponse.newBuilder().setProof(LedgerProtos.toProto(proven.proof()));
        if (proven.head() != null) response.setTreeHead(LedgerProtos.toProto(proven.head()));
        reply(out, response.build());
    }

    @Override
    public void getConsistencyProof(GetConsistencyProofRequest request,
                                    StreamObserver<GetConsistencyProofResponse> out) {
        var proven = ledger.consistencyProof(request.getFirstTreeSize(), request.getSecondTreeSize());
        var response = GetConsistencyProofResponse.newBuilder().setProof(LedgerProtos.toProto(proven.proof()));
        if (proven.head() != null) response.setSecondTreeHead(LedgerProtos.toProto(proven.head()));
        reply(out, response.build());
    }

    @Override
    public void getSignedTreeHead(GetSignedTreeHeadRequest request, StreamObserver<GetSignedTreeHeadResponse> out) {
        reply(out, GetSignedTreeHeadResponse.newBuilder().setTreeHead(LedgerProtos.toProto(ledger.latestHead())).build());
    }

    @Override
    public void resolveDid(org.civitas.proto.ledger.v1.ResolveDidRequest request,
                           StreamObserver<org.civitas.proto.ledger.v1.ResolveDidResponse> out) {
        Instant asOf = request.hasAsOf() ? LedgerProtos.instant(request.getAsOf()) : Instant.now();
        var resolved = ledger.resolve(did("did", request.getDid()), asOf);
        var resolution = resolved.resolution();
        var metadata = DidDocumentMetadata.newBuilder()
            .setCreated(LedgerProtos.timestamp(resolution.created()))
            .setUpdated(LedgerProtos.timestamp(resolution.version().validFrom()))
            .setDeactivated(resolution.deactivated())
            .setVersionEntryIndex(resolution.version().entryIndex());
        if (resolution.nextUpdate() != null) metadata.setNextUpdate(LedgerProtos.timestamp(resolution.nextUpdate()));
        reply(out, org.civitas.proto.ledger.v1.ResolveDidResponse.newBuilder()
            .setDidDocumentJson(resolution.document().jsonText())
            .setMetadata(metadata)
            .setProof(LedgerProtos.toProto(resolved.proof(), ledger.hash()))
            .build());
    }

    @Override
    public void listAccreditations(ListAccreditationsRequest request, StreamObserver<ListAccreditationsResponse> out) {
        Instant asOf = request.hasAsOf() ? LedgerProtos.instant(request.getAsOf()) : Instant.now();
        Predicate<Grant> filter = g -> (request.getIncludeWithdrawn() || g.withdrawnAt() == null
                || g.withdrawnAt().isAfter(asOf))
            && !g.committedAt().isAfter(asOf)
            && matches(request.getSubjectDid(), g.grant().subject().toString(), "subject_did")
            && matches(request.getAccreditorDid(), g.grant().accreditor().toString(), "accreditor_did")
            && (request.getCredentialType().isEmpty() || g.coversType(request.getCredentialType()))
            && (request.getRegion().isEmpty() || g.coversRegion(request.getRegion()));
        var page = ledger.accreditations(filter, pageStart(request.getPageToken()), pageSize(request.getPageSize()));
        var response = ListAccreditationsResponse.newBuilder().setNextPageToken(pageToken(page.nextIndex()));
        for (Grant g : page.items()) response.addAccreditations(LedgerMapper.accreditation(g, ledger));
        reply(out, response.build());
    }

    @Override
    public void listCredentialSchemas(ListCredentialSchemasRequest request,
                                      StreamObserver<ListCredentialSchemasResponse> out) {
        Predicate<Records.Schema> filter = s ->
            matches(request.getRegistrantDid(), s.registration().registrant().toString(), "registrant_did")
                && (request.getTypeId().isEmpty() || request.getTypeId().equals(s.registration().typeId()));
        var page = ledger.schemas(filter, pageStart(request.getPageToken()), pageSize(request.getPageSize()));
        var response = ListCredentialSchemasResponse.newBuilder().setNextPageToken(pageToken(page.nextIndex()));
        for (Records.Schema s : page.items()) response.addSchemas(LedgerMapper.schema(s, ledger));
        reply(out, response.build());
    }

    @Override
    public void getStatusListAnchor(GetStatusListAnchorRequest request, StreamObserver<GetStatusListAnchorResponse> out) {
        if (request.getListId().isEmpty()) throw invalid("list_id", "is required");
        Records.Anchor anchor = ledger.anchor(did("issuer_did", request.getIssuerDid()), request.getListId(),
            request.getVersion());
        reply(out, GetStatusListAnchorResponse.newBuilder().setAnchor(LedgerMapper.anchor(anchor, ledger)).build());
    }

    @Override
    public void listStatusListAnchors(ListStatusListAnchorsRequest request,
                                      StreamObserver<ListStatusListAnchorsResponse> out) {
        Instant since = request.hasAnchoredSince() ? LedgerProtos.instant(request.getAnchoredSince()) : Instant.EPOCH;
        Predicate<Records.Anchor> filter = a ->
            matches(request.getIssuerDid(), a.anchoring().issuer().toString(), "issuer_did")
                && !a.committedAt().isBefore(since);
        var page = ledger.latestAnchors(filter, pageStart(request.getPageToken()), pageSize(request.getPageSize()));
        var response = ListStatusListAnchorsResponse.newBuilder().setNextPageToken(pageToken(page.nextIndex()));
        for (Records.Anchor a : page.items()) response.addAnchors(LedgerMapper.anchor(a, ledger));
        reply(out, response.build());
    }

    /** An empty filter matches all; a given one must be a well-formed DID. */
    private static boolean matches(String filter, String value, String field) {
        if (filter.isEmpty()) return true;
        did(field, filter);
        return filter.equals(value);
    }

    private static Did did(String field, String text) {
        if (text.isEmpty()) throw invalid(field, "is required");
        try {
            return Did.parse(text);
        } catch (FormatException e) {
            throw invalid(field, e.getMessage());
        }
    }

    private static Digest digest(String field, byte[] bytes) {
        if (bytes.length != LedgerHash.SIZE) throw invalid(field, "must be 32 bytes, not " + bytes.length);
        return Digest.of(bytes);
    }

    static int pageSize(int requested) {
        if (requested < 0 || requested > 1000) throw invalid("page_size", "must be within 0..1000 (0 means 100)");
        return requested == 0 ? 100 : requested;
    }

    static long pageStart(String token) {
        if (token.isEmpty()) return 0;
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(token), java.nio.charset.StandardCharsets.US_ASCII);
            if (!decoded.startsWith("from:")) throw new IllegalArgumentException();
            return Long.parseLong(decoded.substring(5));
        } catch (IllegalArgumentException e) {
            throw invalid("page_token", "is not one this service issued; start again without it");
        }
    }

    static String pageToken(long nextIndex) {
        if (nextIndex < 0) return "";
        return Base64.getUrlEncoder().withoutPadding().encodeToString(
            ("from:" + nextIndex).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    private static LedgerException invalid(String field, String problem) {
        return LedgerException.invalidField(field, problem);
    }

    private static <T> void reply(StreamObserver<T> out, T response) {
        out.onNext(response);
        out.onCompleted();
    }
}
