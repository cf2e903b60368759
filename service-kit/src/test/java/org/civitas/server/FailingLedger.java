package org.civitas.server;

import io.grpc.Status;
import io.grpc.Status.Code;
import io.grpc.stub.StreamObserver;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import org.civitas.proto.ledger.v1.GetConsistencyProofRequest;
import org.civitas.proto.ledger.v1.GetConsistencyProofResponse;
import org.civitas.proto.ledger.v1.GetEntryRequest;
import org.civitas.proto.ledger.v1.GetEntryResponse;
import org.civitas.proto.ledger.v1.GetInclusionProofRequest;
import org.civitas.proto.ledger.v1.GetInclusionProofResponse;
import org.civitas.proto.ledger.v1.GetSignedTreeHeadRequest;
import org.civitas.proto.ledger.v1.GetSignedTreeHeadResponse;
import org.civitas.proto.ledger.v1.LedgerGrpc;
import org.civitas.proto.ledger.v1.ResolveDidRequest;
import org.civitas.proto.ledger.v1.ResolveDidResponse;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A ledger edge that fails in every way an endpoint can, to exercise {@link ErrorMappingInterceptor}. */
@Singleton
@Requires(env = "test")
class FailingLedger extends LedgerGrpc.LedgerImplBase {

    static final String SECRET = "z3u2en7t5LR2WJQ2XXR6EsVNUBGDf9s4";

    enum Reason implements ErrorReason {
        ENTRY_INDEX_INVALID(Code.INVALID_ARGUMENT),
        DID_DEACTIVATED(Code.FAILED_PRECONDITION),
        NO_QUORUM(Code.UNAVAILABLE);

        private final Code code;

        Reason(Code code) { this.code = code; }

        @Override public Code code() { return code; }
    }

    static final class TestLedgerException extends ServiceException {
        TestLedgerException(Reason reason, String message, Map<String, String> metadata, List<FieldProblem> problems,
                            Resource resource, Duration retryAfter) {
            super(reason, message, metadata, problems, resource, retryAfter);
        }

        @Override public String domain() { return "ledger.civitas"; }
    }

    @Override
    public void getEntry(GetEntryRequest request, StreamObserver<GetEntryResponse> out) {
        throw new TestLedgerException(Reason.ENTRY_INDEX_INVALID, "index must be below the tree size 10",
            Map.of("treeSize", "10"), List.of(new FieldProblem("index", "must be below the tree size 10")), null, null);
    }

    @Override
    public void resolveDid(ResolveDidRequest request, StreamObserver<ResolveDidResponse> out) {
        out.onError(new TestLedgerException(Reason.DID_DEACTIVATED, "the DID was deactivated; it cannot be updated",
            Map.of(), List.of(), new ServiceException.Resource("did", request.getDid()), null));
    }

    @Override
    public void getSignedTreeHead(GetSignedTreeHeadRequest request, StreamObserver<GetSignedTreeHeadResponse> out) {
        throw new TestLedgerException(Reason.NO_QUORUM, "no head is signed by a quorum yet; retry shortly",
            Map.of(), List.of(), null, Duration.ofMillis(1500));
    }

    @Override
    public void getInclusionProof(GetInclusionProofRequest request, StreamObserver<GetInclusionProofResponse> out) {
        throw new IllegalStateException("bug while holding key " + SECRET);
    }

    @Override
    public void getConsistencyProof(GetConsistencyProofRequest request,
                                    StreamObserver<GetConsistencyProofResponse> out) {
        throw Status.OUT_OF_RANGE.withDescription("second_tree_size 99 is beyond the tree (10)").asRuntimeException();
    }
}
