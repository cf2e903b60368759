package org.civitas.issuer.grpc;

import jakarta.inject.Singleton;
import org.civitas.proto.issuer.v1.CredentialIssuerGrpc;

/**
 * The gRPC edge of {@code civitas.issuer.v1.CredentialIssuer}. Until issuance lands, every rpc answers
 * {@code UNIMPLEMENTED} from the generated base class; nothing here invents data.
 */
@Singleton
public class CredentialIssuerEndpoint extends CredentialIssuerGrpc.CredentialIssuerImplBase {
}
