package org.civitas.ledger.grpc;

import jakarta.inject.Singleton;
import org.civitas.proto.ledger.v1.LedgerGrpc;

/**
 * The gRPC edge of the ledger ({@code civitas.ledger.v1.Ledger}). Until the ledger lands, every rpc answers
 * {@code UNIMPLEMENTED} from the generated base class; nothing here invents data.
 */
@Singleton
public class LedgerEndpoint extends LedgerGrpc.LedgerImplBase {
}
