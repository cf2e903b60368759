package org.civitas.server.ledger;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.civitas.proto.ledger.v1.GetSignedTreeHeadRequest;
import org.civitas.proto.ledger.v1.GetStatusListAnchorRequest;
import org.civitas.proto.ledger.v1.LedgerGrpc;
import org.civitas.proto.ledger.v1.ListAccreditationsRequest;
import org.civitas.proto.ledger.v1.ResolveDidRequest;
import org.civitas.proto.ledger.v1.SubmitTransactionRequest;
import org.civitas.sdk.FormatException;
import org.civitas.sdk.did.Did;
import org.civitas.sdk.did.DidDocument;
import org.civitas.sdk.ledger.LedgerEntry;
import org.civitas.sdk.ledger.LedgerTrust;
import org.civitas.sdk.ledger.ProvenEntry;
import org.civitas.sdk.ledger.SignedTransaction;
import org.civitas.sdk.ledger.SignedTreeHead;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * The ledger as the other services use it: submit signed transactions (retried while the ledger is unavailable,
 * which is safe since a transaction is idempotent by its hash) and read state. Every answer that carries a
 * proof is checked against the ledger's genesis trust before it is returned, so a service never acts on a
 * ledger node's word alone. Thread-safe.
 */
public final class LedgerClient implements AutoCloseable {

    /** A committed transaction: its entry, and whether it had been committed before (a retry). */
    public record Submission(LedgerEntry entry, boolean alreadyCommitted) { }

    /** A DID document with the proven ledger entry that wrote its version. */
    public record Resolution(DidDocument document, boolean deactivated, ProvenEntry proof) { }

    /** An accreditation as the ledger lists it, with its proven grant. */
    public record Accreditation(Did accreditor, Did subject, String tier, List<String> credentialTypes,
                                List<String> regions, Instant validFrom, Instant validUntil, Instant withdrawnAt,
                                ProvenEntry grant) { }

    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final int ATTEMPTS = 5;

    private final ManagedChannel channel;
    private final LedgerGrpc.LedgerBlockingStub stub;
    private final LedgerTrust trust;

    public LedgerClient(ManagedChannel channel, LedgerTrust trust) {
        this.channel = Objects.requireNonNull(channel, "channel");
        this.stub = LedgerGrpc.newBlockingStub(channel);
        this.trust = Objects.requireNonNull(trust, "trust");
    }

    /** A client over a plaintext channel to {@code host:port}. */
    public static LedgerClient connect(String target, LedgerTrust trust) {
        return new LedgerClient(ManagedChannelBuilder.forTarget(target).usePlaintext().build(), trust);
    }

    public LedgerTrust trust() { return trust; }

    /**
     * Submits and waits for the commit. UNAVAILABLE and ABORTED-free transient failures are retried with backoff
     * (a retry of a committed transaction is answered from the ledger). Refusals come back as the ledger's
     * {@link StatusRuntimeException}, with its google.rpc details.
     */
    public Submission submit(SignedTransaction transaction) {
        var request = SubmitTransactionRequest.newBuilder().setTransaction(LedgerProtos.toProto(transaction)).build();
        var response = withRetries(() -> stub().submitTransaction(request));
        return new Submission(read(() -> LedgerProtos.fromProto(response.getEntry(), transaction)),
            response.getAlreadyCommitted());
    }

    /** The latest head a quorum signed, checked against the genesis trust. */
    public SignedTreeHead latestHead() {
        SignedTreeHead head = read(() -> LedgerProtos.fromProto(withRetries(() -> stub()
            .getSignedTreeHead(GetSignedTreeHeadRequest.getDefaultInstance())).getTreeHead()));
        LedgerTrust.HeadCheck check = trust.check(head);
        if (!check.trusted()) throw untrusted(check.reason().en());
        return head;
    }

    /** A did:civitas DID as of a time ({@code null}: now), proven. NOT_FOUND comes back as the status. */
    public Resolution resolve(Did did, Instant asOf) {
        var request = ResolveDidRequest.newBuilder().setDid(did.toString());
        if (asOf != null) request.setAsOf(LedgerProtos.timestamp(asOf));
        var response = withRetries(() -> stub().resolveDid(request.build()));
        ProvenEntry proof = proven(() -> LedgerProtos.fromProto(response.getProof()));
        DidDocument document = read(() -> DidDocument.parse(response.getDidDocumentJson()));
        if (!document.id().equals(did)) throw untrusted("the ledger answered a document of " + document.id());
        return new Resolution(document, response.getMetadata().getDeactivated(), proof);
    }

    /** Accreditations of a subject (any type and region when empty), as of a time, each proven. */
    public List<Accreditation> accreditations(Did subject, String credentialType, String region, Instant asOf) {
        List<Accreditation> out = new ArrayList<>();
        String token = "";
        do {
            var request = ListAccreditationsRequest.newBuilder().setSubjectDid(subject.toString())
                .setCredentialType(credentialType == null ? "" : credentialType)
                .setRegion(region == null ? "" : region).setPageToken(token).setPageSize(1000);
            if (asOf != null) request.setAsOf(LedgerProtos.timestamp(asOf));
            var page = withRetries(() -> stub().listAccreditations(request.build()));
            for (var a : page.getAccreditationsList()) {
                out.add(new Accreditation(did(a.getAccreditorDid()), did(a.getSubjectDid()), a.getTier().name(),
                    a.getCredentialTypesList(), a.getRegionsList(), LedgerProtos.instant(a.getValidFrom()),
                    a.hasValidUntil() ? LedgerProtos.instant(a.getValidUntil()) : null,
                    a.hasWithdrawnAt() ? LedgerProtos.instant(a.getWithdrawnAt()) : null,
                    proven(() -> LedgerProtos.fromProto(a.getGrant()))));
            }
            token = page.getNextPageToken();
        } while (!token.isEmpty());
        return out;
    }

    /** The latest anchor of a status list, proven; NOT_FOUND when the list was never anchored. */
    public ProvenEntry statusListAnchor(Did issuer, String listId) {
        var response = withRetries(() -> stub().getStatusListAnchor(GetStatusListAnchorRequest.newBuilder()
            .setIssuerDid(issuer.toString()).setListId(listId).build()));
        return proven(() -> LedgerProtos.fromProto(response.getAnchor().getEntry()));
    }

    private LedgerGrpc.LedgerBlockingStub stub() {
        return stub.withDeadlineAfter(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
    }

    private ProvenEntry proven(Parse<ProvenEntry> parse) {
        ProvenEntry proven = read(parse);
        ProvenEntry.Verdict verdict = proven.check(trust);
        if (!verdict.proven()) throw untrusted(verdict.reason().en());
        return proven;
    }

    private interface Parse<T> {
        T get() throws FormatException;
    }

    private static <T> T read(Parse<T> parse) {
        try {
            return parse.get();
        } catch (FormatException e) {
            throw untrusted("malformed answer: " + e.getMessage());
        }
    }

    private static Did did(String text) {
        return read(() -> Did.parse(text));
    }

    /** An answer that fails its proof is treated as the ledger being unavailable: try another node later. */
    private static StatusRuntimeException untrusted(String why) {
        return Status.UNAVAILABLE.withDescription("the ledger's answer did not check out against its genesis trust: "
            + why).asRuntimeException();
    }

    private static <T> T withRetries(java.util.function.Supplier<T> call) {
        long backoff = 100;
        for (int attempt = 1; ; attempt++) {
            try {
                return call.get();
            } catch (StatusRuntimeException e) {
                if (e.getStatus().getCode() != Status.Code.UNAVAILABLE || attempt == ATTEMPTS) throw e;
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                backoff = Math.min(backoff * 2, 2_000);
            }
        }
    }

    @Override
    public void close() {
        channel.shutdown();
        try {
            if (!channel.awaitTermination(5, TimeUnit.SECONDS)) channel.shutdownNow();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            channel.shutdownNow();
        }
    }
}
