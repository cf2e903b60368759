package org.civitas.issuer.ledger;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.civitas.issuer.IssuerException;
import org.civitas.issuer.IssuerException.Reason;
import org.civitas.proto.ledger.v1.GetConsistencyProofRequest;
import org.civitas.proto.ledger.v1.GetEntryRequest;
import org.civitas.proto.ledger.v1.GetInclusionProofRequest;
import org.civitas.proto.ledger.v1.LedgerGrpc;
import org.civitas.proto.ledger.v1.ListCredentialSchemasRequest;
import org.civitas.sdk.FormatException;
import org.civitas.sdk.did.Did;
import org.civitas.sdk.ledger.ConsistencyProof;
import org.civitas.sdk.ledger.Digest;
import org.civitas.sdk.ledger.LedgerEntry;
import org.civitas.sdk.ledger.LedgerHash;
import org.civitas.sdk.ledger.LedgerTrust;
import org.civitas.sdk.ledger.ProvenEntry;
import org.civitas.sdk.ledger.SignedTransaction;
import org.civitas.sdk.ledger.SignedTreeHead;
import org.civitas.sdk.ledger.Transaction;
import org.civitas.server.ledger.LedgerClient;
import org.civitas.server.ledger.LedgerProtos;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The ledger as the issuer uses it: the shared {@link LedgerClient} (submissions, DIDs, accreditations, status
 * list anchors) and the few reads it lacks (schema registrations, an entry with its inclusion proof), each proven
 * against the genesis trust. Ledger failures become {@code LEDGER_UNAVAILABLE}; refusals of a submission come
 * back as the ledger's status. Thread-safe.
 */
public final class IssuerLedger implements AutoCloseable {

    private static final long DEADLINE_SECONDS = 30;

    private final LedgerClient client;
    private final ManagedChannel channel;
    private final LedgerGrpc.LedgerBlockingStub stub;
    private final Did nationalRoot;

    public IssuerLedger(LedgerClient client, String target, Did nationalRoot) {
        this.client = client;
        this.channel = ManagedChannelBuilder.forTarget(target).usePlaintext().build();
        this.stub = LedgerGrpc.newBlockingStub(channel);
        this.nationalRoot = nationalRoot;
    }

    public LedgerClient client() { return client; }

    public LedgerTrust trust() { return client.trust(); }

    public LedgerHash hash() { return client.trust().hash(); }

    /** The national root named at genesis: it accredits provincial roots and regulates every agency. */
    public Did nationalRoot() { return nationalRoot; }

    /** Submits and waits for the commit; a retry of a committed transaction answers its entry. */
    public LedgerClient.Submission submit(SignedTransaction transaction) {
        try {
            return client.submit(transaction);
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == Status.Code.UNAVAILABLE || e.getStatus().getCode() == Status.Code.DEADLINE_EXCEEDED) {
                throw unavailable(e);
            }
            throw e;
        }
    }

    public List<LedgerClient.Accreditation> accreditations(Did subject, String type, String region, Instant asOf) {
        try {
            return client.accreditations(subject, type, region, asOf);
        } catch (StatusRuntimeException e) {
            throw unavailable(e);
        }
    }

    /** The latest proven anchor of a status list, or empty when it was never anchored. */
    public Optional<ProvenEntry> statusListAnchor(Did issuer, String listId) {
        try {
            return Optional.of(client.statusListAnchor(issuer, listId));
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == Status.Code.NOT_FOUND) return Optional.empty();
            throw unavailable(e);
        }
    }

    /** The digest a type version's schema is registered under, proven; empty when it is not registered. */
    public Optional<Digest> registeredSchema(String typeId, String version) {
        try {
            String token = "";
            do {
                var page = stub().listCredentialSchemas(ListCredentialSchemasRequest.newBuilder().setTypeId(typeId)
                    .setPageSize(1000).setPageToken(token).build());
                for (var schema : page.getSchemasList()) {
                    if (!schema.getVersion().equals(version)) continue;
                    ProvenEntry proven = proven(LedgerProtos.fromProto(schema.getRegistration()));
                    if (proven.entry().transaction() instanceof Transaction.SchemaRegistration registration
                            && registration.typeId().equals(typeId) && registration.version().equals(version)) {
                        return Optional.of(registration.schemaDigest());
                    }
                    throw untrusted("the schema registration's entry is not that registration");
                }
                token = page.getNextPageToken();
            } while (!token.isEmpty());
            return Optional.empty();
        } catch (StatusRuntimeException e) {
            throw unavailable(e);
        } catch (FormatException e) {
            throw untrusted(e.getMessage());
        }
    }

    /** The entry at an index with its inclusion proof under the latest signed head, checked against the trust. */
    public ProvenEntry entry(long index) {
        try {
            var entry = stub().getEntry(GetEntryRequest.newBuilder().setIndex(index).build()).getEntry();
            var inclusion = stub().getInclusionProof(GetInclusionProofRequest.newBuilder().setLeafIndex(index).build());
            return proven(new ProvenEntry(LedgerProtos.fromProto(entry), LedgerProtos.fromProto(inclusion.getProof()),
                LedgerProtos.fromProto(inclusion.getTreeHead())));
        } catch (StatusRuntimeException e) {
            throw unavailable(e);
        } catch (FormatException e) {
            throw untrusted(e.getMessage());
        }
    }

    /** The latest head a quorum of ledger nodes signed. */
    public SignedTreeHead latestHead() {
        try {
            return client.latestHead();
        } catch (StatusRuntimeException e) {
            throw unavailable(e);
        }
    }

    /**
     * An entry already read (with {@link #entryAt}) together with its inclusion proof in the tree of a head the
     * caller holds, checked against that head: only the proof is fetched.
     */
    public ProvenEntry prove(LedgerEntry entry, SignedTreeHead head) {
        try {
            var inclusion = stub().getInclusionProof(GetInclusionProofRequest.newBuilder().setLeafIndex(entry.index())
                .setTreeSize(head.head().treeSize()).build());
            return proven(new ProvenEntry(entry, LedgerProtos.fromProto(inclusion.getProof()), head));
        } catch (StatusRuntimeException e) {
            throw unavailable(e);
        } catch (FormatException e) {
            throw untrusted(e.getMessage());
        }
    }

    /** The committed entry at an index, unproven: for scanning the log; prove what is kept with {@link #prove}. */
    public LedgerEntry entryAt(long index) {
        try {
            return LedgerProtos.fromProto(stub().getEntry(GetEntryRequest.newBuilder().setIndex(index).build()).getEntry());
        } catch (StatusRuntimeException e) {
            throw unavailable(e);
        } catch (FormatException e) {
            throw untrusted(e.getMessage());
        }
    }

    /** The proof that the tree of {@code first} entries is a prefix of the tree of {@code second}. */
    public ConsistencyProof consistency(long first, long second) {
        try {
            return LedgerProtos.fromProto(stub().getConsistencyProof(GetConsistencyProofRequest.newBuilder()
                .setFirstTreeSize(first).setSecondTreeSize(second).build()).getProof());
        } catch (StatusRuntimeException e) {
            throw unavailable(e);
        } catch (FormatException e) {
            throw untrusted(e.getMessage());
        }
    }

    private ProvenEntry proven(ProvenEntry entry) {
        ProvenEntry.Verdict verdict = entry.check(client.trust());
        if (!verdict.proven()) throw untrusted(verdict.reason().en());
        return entry;
    }

    private LedgerGrpc.LedgerBlockingStub stub() {
        return stub.withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS);
    }

    private static IssuerException unavailable(StatusRuntimeException e) {
        return IssuerException.of(Reason.LEDGER_UNAVAILABLE, "the ledger cannot answer now (" + e.getStatus().getCode()
            + "); retry shortly");
    }

    private static IssuerException untrusted(String why) {
        return IssuerException.of(Reason.LEDGER_UNAVAILABLE, "the ledger's answer did not check out against its "
            + "genesis trust (" + why + "); retry shortly");
    }

    @Override
    public void close() {
        channel.shutdownNow();
    }
}
