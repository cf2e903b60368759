package org.civitas.server;

import io.grpc.Status;

/**
 * A stable reason a service gives for refusing a call. Each service declares its reasons as an enum implementing
 * this interface, so the reason's name (sent as {@code ErrorInfo.reason}) and its gRPC code are fixed together in
 * one place.
 */
public interface ErrorReason {

    /** The stable name clients match on, e.g. {@code TYPE_NOT_ACCREDITED}. Enums supply it. */
    String name();

    /** The gRPC status code this reason is answered with. */
    Status.Code code();
}
