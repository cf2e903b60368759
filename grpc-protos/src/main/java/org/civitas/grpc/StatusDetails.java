package org.civitas.grpc;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.rpc.BadRequest;
import com.google.rpc.ErrorInfo;
import com.google.rpc.PreconditionFailure;
import com.google.rpc.ResourceInfo;
import com.google.rpc.RetryInfo;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;

import java.util.Optional;

/**
 * Reads the {@code google.rpc} details of a failed call, for clients and tests.
 * Every accessor returns empty when the detail is absent.
 */
public final class StatusDetails {

    private final com.google.rpc.Status status;

    private StatusDetails(com.google.rpc.Status status) { this.status = status; }

    /** The details of a failed call; a status without details gives empty accessors. */
    public static StatusDetails of(StatusRuntimeException e) {
        com.google.rpc.Status status = StatusProto.fromThrowable(e);
        return new StatusDetails(status == null ? com.google.rpc.Status.getDefaultInstance() : status);
    }

    public Optional<ErrorInfo> errorInfo() { return find(ErrorInfo.class); }

    public Optional<BadRequest> badRequest() { return find(BadRequest.class); }

    public Optional<ResourceInfo> resourceInfo() { return find(ResourceInfo.class); }

    public Optional<PreconditionFailure> preconditionFailure() { return find(PreconditionFailure.class); }

    public Optional<RetryInfo> retryInfo() { return find(RetryInfo.class); }

    /** The {@code ErrorInfo.reason}, or empty. */
    public Optional<String> reason() { return errorInfo().map(ErrorInfo::getReason); }

    private <T extends Message> Optional<T> find(Class<T> type) {
        for (Any detail : status.getDetailsList()) {
            if (detail.is(type)) {
                try {
                    return Optional.of(detail.unpack(type));
                } catch (InvalidProtocolBufferException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }
}
