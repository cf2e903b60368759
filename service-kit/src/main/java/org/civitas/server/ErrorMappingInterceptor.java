package org.civitas.server;

import com.google.protobuf.Any;
import com.google.rpc.BadRequest;
import com.google.rpc.ErrorInfo;
import com.google.rpc.PreconditionFailure;
import com.google.rpc.ResourceInfo;
import com.google.rpc.RetryInfo;
import io.grpc.ForwardingServerCall;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The one place where a service's failures become gRPC statuses.
 * <ul>
 *   <li>A {@link ServiceException} becomes its reason's code with {@code google.rpc} details: {@code ErrorInfo}
 *       always, {@code BadRequest} for field problems, {@code ResourceInfo}, {@code PreconditionFailure} for
 *       {@code FAILED_PRECONDITION}, {@code RetryInfo} when a retry may succeed.</li>
 *   <li>A status the endpoint chose itself passes through unchanged.</li>
 *   <li>Anything else is a bug: the caller gets {@code INTERNAL} with an incident id, and the stack trace goes only
 *       to the log under that id, so no internal detail (or secret) reaches the caller.</li>
 * </ul>
 * It covers both ways an endpoint can fail: throwing from the handler, and passing an exception to
 * {@code StreamObserver.onError}.
 */
public final class ErrorMappingInterceptor implements ServerInterceptor {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorMappingInterceptor.class);
    private static final SecureRandom INCIDENT_IDS = new SecureRandom();

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                       ServerCallHandler<Q, R> next) {
        MappingCall<Q, R> mappingCall = new MappingCall<>(call);
        ServerCall.Listener<Q> listener;
        try {
            listener = next.startCall(mappingCall, headers);
        } catch (RuntimeException e) {
            mappingCall.fail(e);
            return new ServerCall.Listener<>() { };
        }
        return new GuardingListener<>(listener, mappingCall);
    }

    /** The status a domain exception is answered with, for code that must answer outside an endpoint. */
    public static StatusRuntimeException statusOf(ServiceException e) {
        return fromServiceException(e);
    }

    /** Maps any failure to the status the caller receives, with its trailers (where the details travel). */
    static StatusRuntimeException toStatus(Throwable failure, String methodName) {
        if (failure instanceof ServiceException e) return fromServiceException(e);
        if (failure instanceof StatusRuntimeException e) return e;
        if (failure instanceof StatusException e) return new StatusRuntimeException(e.getStatus(), e.getTrailers());
        String incident = newIncidentId();
        LOG.error("Incident {} in {}", incident, methodName, failure);
        return Status.INTERNAL
            .withDescription("Internal error, incident " + incident
                + ". Nothing was changed by this failure unless the call says otherwise; retry later, and give the"
                + " operators the incident id if it persists.")
            .asRuntimeException();
    }

    private static StatusRuntimeException fromServiceException(ServiceException e) {
        Status.Code code = e.reason().code();
        com.google.rpc.Status.Builder status = com.google.rpc.Status.newBuilder()
            .setCode(code.value())
            .setMessage(e.getMessage())
            .addDetails(Any.pack(ErrorInfo.newBuilder()
                .setReason(e.reason().name())
                .setDomain(e.domain())
                .putAllMetadata(e.metadata())
                .build()));
        if (!e.fieldProblems().isEmpty()) {
            BadRequest.Builder badRequest = BadRequest.newBuilder();
            for (FieldProblem problem : e.fieldProblems()) {
                badRequest.addFieldViolations(BadRequest.FieldViolation.newBuilder()
                    .setField(problem.field()).setDescription(problem.description()));
            }
            status.addDetails(Any.pack(badRequest.build()));
        }
        if (e.resource() != null) {
            status.addDetails(Any.pack(ResourceInfo.newBuilder()
                .setResourceType(e.resource().type())
                .setResourceName(e.resource().name())
                .setDescription(e.getMessage())
                .build()));
        }
        if (code == Status.Code.FAILED_PRECONDITION) {
            status.addDetails(Any.pack(PreconditionFailure.newBuilder()
                .addViolations(PreconditionFailure.Violation.newBuilder()
                    .setType(e.reason().name())
                    .setSubject(e.resource() == null ? "" : e.resource().type() + ":" + e.resource().name())
                    .setDescription(e.getMessage()))
                .build()));
        }
        if (e.retryAfter() != null) {
            status.addDetails(Any.pack(RetryInfo.newBuilder()
                .setRetryDelay(com.google.protobuf.Duration.newBuilder()
                    .setSeconds(e.retryAfter().getSeconds())
                    .setNanos(e.retryAfter().getNano()))
                .build()));
        }
        return StatusProto.toStatusRuntimeException(status.build());
    }

    private static String newIncidentId() {
        byte[] id = new byte[6];
        INCIDENT_IDS.nextBytes(id);
        return HexFormat.of().formatHex(id);
    }

    /**
     * Remaps statuses whose cause is a failure the endpoint handed to {@code onError}, and closes at most once.
     */
    private static final class MappingCall<Q, R> extends ForwardingServerCall.SimpleForwardingServerCall<Q, R> {
        private final AtomicBoolean closed = new AtomicBoolean();

        MappingCall(ServerCall<Q, R> delegate) { super(delegate); }

        @Override
        public void close(Status status, Metadata trailers) {
            if (!closed.compareAndSet(false, true)) return;
            Throwable cause = status.getCause();
            if (!status.isOk() && cause != null && status.getCode() == Status.Code.UNKNOWN) {
                StatusRuntimeException mapped = toStatus(cause, getMethodDescriptor().getFullMethodName());
                Metadata merged = new Metadata();
                merged.merge(trailers);
                if (mapped.getTrailers() != null) merged.merge(mapped.getTrailers());
                super.close(mapped.getStatus(), merged);
                return;
            }
            super.close(status, trailers);
        }

        void fail(Throwable failure) {
            StatusRuntimeException mapped = toStatus(failure, getMethodDescriptor().getFullMethodName());
            close(mapped.getStatus(), mapped.getTrailers() == null ? new Metadata() : mapped.getTrailers());
        }
    }

    /** Catches what the handler throws while the call runs and answers it through {@link MappingCall}. */
    private static final class GuardingListener<Q, R>
            extends ForwardingServerCallListener.SimpleForwardingServerCallListener<Q> {
        private final MappingCall<Q, R> call;

        GuardingListener(ServerCall.Listener<Q> delegate, MappingCall<Q, R> call) {
            super(delegate);
            this.call = call;
        }

        @Override public void onMessage(Q message) { guard(() -> super.onMessage(message)); }
        @Override public void onHalfClose() { guard(super::onHalfClose); }
        @Override public void onReady() { guard(super::onReady); }
        @Override public void onCancel() { guard(super::onCancel); }
        @Override public void onComplete() { guard(super::onComplete); }

        private void guard(Runnable step) {
            try {
                step.run();
            } catch (RuntimeException e) {
                call.fail(e);
            }
        }
    }
}
