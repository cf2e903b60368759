package org.civitas.identity.grpc;

import jakarta.inject.Singleton;
import org.civitas.proto.verifier.v1.VerifierGrpc;

/**
 * The gRPC edge of {@code civitas.verifier.v1.Verifier}, the online verifier. It lives in identity-service, not in
 * credential-issuer, so that issuers never see who was verified. Until offline verification lands, every rpc
 * answers {@code UNIMPLEMENTED}.
 */
@Singleton
public class VerifierEndpoint extends VerifierGrpc.VerifierImplBase {
}
