package org.civitas.identity.grpc;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.civitas.identity.IdentityException;
import org.civitas.identity.IdentityException.Reason;
import org.civitas.identity.did.DocumentMetadata;
import org.civitas.identity.did.DocumentSource;
import org.civitas.identity.did.ProvenDocument;
import org.civitas.proto.ledger.v1.LedgerGrpc;
import org.civitas.proto.ledger.v1.ResolveDidRequest;
import org.civitas.proto.ledger.v1.ResolveDidResponse;
import org.civitas.sdk.FormatException;
import org.civitas.sdk.did.Did;
import org.civitas.sdk.did.DidDocument;
import org.civitas.sdk.ledger.LedgerTrust;
import org.civitas.sdk.ledger.ProvenEntry;
import org.civitas.sdk.ledger.Transaction;
import org.civitas.server.ledger.LedgerProtos;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * did:civitas documents from the ledger's ResolveDid, with the ledger's full metadata, every answer checked before
 * use: the proof against the genesis trust (signed head, inclusion), the document's id, and that the proven entry
 * is a transaction of that DID. An answer that does not check out is treated as the ledger being unavailable.
 * Thread-safe.
 */
public final class LedgerDocuments implements DocumentSource, AutoCloseable {

    private static final Duration DEADLINE = Duration.ofSeconds(10);
    private static final int ATTEMPTS = 3;

    private final ManagedChannel channel;
    private final LedgerGrpc.LedgerBlockingStub stub;
    private final LedgerTrust trust;

    LedgerDocuments(String target, LedgerTrust trust) {
        this.channel = ManagedChannelBuilder.forTarget(target).usePlaintext().build();
        this.stub = LedgerGrpc.newBlockingStub(channel);
        this.trust = trust;
    }

    @Override
    public ProvenDocument resolve(Did did, Instant asOf) {
        var request = ResolveDidRequest.newBuilder().setDid(did.toString());
        if (asOf != null) request.setAsOf(Protos.timestamp(asOf));
        ResolveDidResponse response = call(request.build(), did);
        try {
            ProvenEntry proof = LedgerProtos.fromProto(response.getProof());
            ProvenEntry.Verdict verdict = proof.check(trust);
            if (!verdict.proven()) throw untrusted(did, verdict.reason().en());
            DidDocument document = DidDocument.parse(response.getDidDocumentJson());
            if (!document.id().equals(did) || !writes(proof.entry().transaction(), did)) {
                throw untrusted(did, "the answer is about another DID");
            }
            var m = response.getMetadata();
            return new ProvenDocument(did, response.getDidDocumentJson(), document,
                new DocumentMetadata(Protos.instant(m.getCreated()), Protos.instant(m.getUpdated()), m.getDeactivated(),
                    m.getVersionEntryIndex(), m.hasNextUpdate() ? Protos.instant(m.getNextUpdate()) : null),
                proof);
        } catch (FormatException e) {
            throw untrusted(did, "malformed answer: " + e.getMessage());
        }
    }

    private ResolveDidResponse call(ResolveDidRequest request, Did did) {
        for (int attempt = 1; ; attempt++) {
            try {
                return stub.withDeadlineAfter(DEADLINE.toMillis(), TimeUnit.MILLISECONDS).resolveDid(request);
            } catch (StatusRuntimeException e) {
                Status.Code code = e.getStatus().getCode();
                if (code == Status.Code.NOT_FOUND) {
                    throw IdentityException.about(Reason.DID_NOT_FOUND, "did", did.toString(), did + " is not on the "
                        + "ledger" + (request.hasAsOf() ? " at " + Protos.instant(request.getAsOf()) : ""));
                }
                if (code == Status.Code.INVALID_ARGUMENT) {
                    throw IdentityException.invalid("did", e.getStatus().getDescription() == null
                        ? "is not a did:civitas DID the ledger accepts" : e.getStatus().getDescription());
                }
                if (code != Status.Code.UNAVAILABLE || attempt == ATTEMPTS) {
                    throw IdentityException.retryable(Reason.LEDGER_UNAVAILABLE, "the ledger cannot resolve " + did
                        + " now (" + code + "); retry", Duration.ofSeconds(1));
                }
                pause(100L * attempt);
            }
        }
    }

    private static boolean writes(Transaction tx, Did did) {
        return (tx instanceof Transaction.DidCreate c && c.did().equals(did))
            || (tx instanceof Transaction.DidUpdate u && u.did().equals(did))
            || (tx instanceof Transaction.DidDeactivate d && d.did().equals(did));
    }

    private static IdentityException untrusted(Did did, String why) {
        return IdentityException.retryable(Reason.LEDGER_UNAVAILABLE, "the ledger's answer for " + did
            + " did not check out against its genesis trust (" + why + "); retry", Duration.ofSeconds(1));
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        channel.shutdownNow();
    }
}
