package org.civitas.identity.grpc;

import jakarta.inject.Singleton;
import org.civitas.proto.identity.v1.IdentityGrpc;

/**
 * The gRPC edge of {@code civitas.identity.v1.Identity}. Until enrolment and resolution land, every rpc answers
 * {@code UNIMPLEMENTED} from the generated base class; nothing here invents data.
 */
@Singleton
public class IdentityEndpoint extends IdentityGrpc.IdentityImplBase {
}
