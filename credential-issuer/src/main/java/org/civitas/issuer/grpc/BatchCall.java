package org.civitas.issuer.grpc;

import com.google.rpc.Code;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import org.civitas.issuer.IssuerException;
import org.civitas.issuer.IssuerException.Reason;
import org.civitas.issuer.issuance.IssuanceService;
import org.civitas.issuer.issuance.IssuedCredential;
import org.civitas.proto.issuer.v1.BatchItemResult;
import org.civitas.proto.issuer.v1.BatchProgress;
import org.civitas.proto.issuer.v1.IssueCredentialRequest;
import org.civitas.sdk.did.Did;
import org.civitas.server.ErrorMappingInterceptor;
import org.civitas.server.ServiceException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

/**
 * One streamed batch: items are read only as fast as they are answered (at most {@code window} in flight, and
 * none while the client is not reading answers), each issued on its own through {@link IssuanceService}, each
 * answered as soon as it is stored or refused. Serialises everything it sends.
 */
final class BatchCall {

    static final long MAX_ITEMS = 100_000;
    static final long PROGRESS_EVERY = 1_000;
    private static final Logger LOG = LoggerFactory.getLogger(BatchCall.class);

    /** Where answers go: the streamed rpc sends them, the client-streamed one collects them. */
    interface Sink {
        void result(BatchItemResult result);

        void progress(BatchProgress progress);

        void done(long issued, long failed);
    }

    private final IssuanceService issuance;
    private final Did caller;
    private final ServerCallStreamObserver<?> call;
    private final Sink sink;
    private long received;
    private long answered;
    private long issued;
    private long failed;
    private boolean halfClosed;
    private boolean finished;
    private int owedRequests;

    BatchCall(IssuanceService issuance, Did caller, StreamObserver<?> responses, int window, Sink sink) {
        this.issuance = issuance;
        this.caller = caller;
        this.call = (ServerCallStreamObserver<?>) responses;
        this.sink = sink;
        call.disableAutoRequest();
        call.setOnReadyHandler(this::onReady);
        call.setOnCancelHandler(() -> {
            synchronized (this) {
                finished = true;
            }
        });
        call.request(window);
    }

    /** The request side of the call. */
    <Q> StreamObserver<Q> requests(java.util.function.Function<Q, IssueCredentialRequest> item) {
        return new StreamObserver<>() {
            @Override public void onNext(Q request) { onItem(item.apply(request)); }

            @Override public void onError(Throwable t) {
                synchronized (BatchCall.this) {
                    finished = true;
                }
            }

            @Override public void onCompleted() { onHalfClose(); }
        };
    }

    private void onItem(IssueCredentialRequest request) {
        long index;
        synchronized (this) {
            if (finished) return;
            index = received++;
            if (index >= MAX_ITEMS) {
                finished = true;
                call.onError(ErrorMappingInterceptor.statusOf(IssuerException.of(Reason.BATCH_TOO_LARGE,
                    "a batch carries at most " + MAX_ITEMS + " items; items answered so far stay issued")));
                return;
            }
        }
        String requestId = request.getRequestId();
        issuance.issueAsync(caller, IssuerMapper.toOrder(request))
            .whenComplete((credential, failure) -> answer(index, requestId, credential, failure));
    }

    private void answer(long index, String requestId, IssuedCredential credential, Throwable failure) {
        BatchItemResult.Builder result = BatchItemResult.newBuilder().setIndex(index).setRequestId(requestId);
        if (failure == null) {
            result.setCredential(IssuerMapper.toProto(credential));
        } else {
            result.setError(errorOf(failure));
        }
        synchronized (this) {
            answered++;
            if (failure == null) issued++; else failed++;
            if (finished) return;
            sink.result(result.build());
            if (answered % PROGRESS_EVERY == 0) sink.progress(progress(false));
            if (call.isReady()) call.request(1); else owedRequests++;
            finishIfDone();
        }
    }

    private synchronized void onReady() {
        if (finished || owedRequests == 0) return;
        call.request(owedRequests);
        owedRequests = 0;
    }

    private synchronized void onHalfClose() {
        halfClosed = true;
        finishIfDone();
    }

    private void finishIfDone() {
        if (finished || !halfClosed || answered < received) return;
        finished = true;
        sink.progress(progress(true));
        sink.done(issued, failed);
    }

    private BatchProgress progress(boolean done) {
        return BatchProgress.newBuilder().setReceived(received).setIssued(issued).setFailed(failed)
            .setInFlight(received - answered).setDone(done).build();
    }

    private static com.google.rpc.Status errorOf(Throwable failure) {
        Throwable cause = failure instanceof CompletionException c && c.getCause() != null ? c.getCause() : failure;
        if (cause instanceof ServiceException e) {
            return StatusProto.fromThrowable(ErrorMappingInterceptor.statusOf(e));
        }
        String incident = Long.toHexString(System.nanoTime());
        LOG.error("Incident {} issuing a batch item", incident, cause);
        return com.google.rpc.Status.newBuilder().setCode(Code.INTERNAL_VALUE)
            .setMessage("Internal error, incident " + incident + "; retry the item with the same request_id").build();
    }
}
