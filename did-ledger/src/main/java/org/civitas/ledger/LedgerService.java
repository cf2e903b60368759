package org.civitas.ledger;

import org.civitas.sdk.ledger.state.Grant;
import org.civitas.sdk.ledger.state.DidResolution;
import org.civitas.ledger.LedgerException.Reason;
import org.civitas.ledger.node.LedgerNode;
import org.civitas.ledger.state.Records;
import org.civitas.sdk.did.Did;
import org.civitas.sdk.ledger.CivitasDid;
import org.civitas.sdk.ledger.ConsistencyProof;
import org.civitas.sdk.ledger.Digest;
import org.civitas.sdk.ledger.InclusionProof;
import org.civitas.sdk.ledger.LedgerEntry;
import org.civitas.sdk.ledger.LedgerHash;
import org.civitas.sdk.ledger.ProvenEntry;
import org.civitas.sdk.ledger.SignedTransaction;
import org.civitas.sdk.ledger.SignedTreeHead;
import org.civitas.server.ServiceException;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * What the ledger service does, between its gRPC edge and the {@link Ledger}: submissions with a deadline, and
 * reads that come with the proofs an offline verifier needs (every entry proven against the latest head a
 * quorum signed).
 */
public final class LedgerService {

    /** How long a submission may wait for its commit before the caller is told to retry. */
    static final Duration SUBMIT_TIMEOUT = Duration.ofSeconds(30);
    /** Entries newer than the latest signed head cannot be proven yet; heads follow commits within this. */
    static final Duration HEAD_LAG = Duration.ofMillis(200);

    /** One page of a listing; {@code nextIndex} is -1 on the last page. */
    public record Page<T>(List<T> items, long nextIndex) { }

    private final Ledger ledger;

    public LedgerService(Ledger ledger) {
        this.ledger = ledger;
    }

    /** Submits and waits for the commit; a refusal or an unavailable ledger is a {@link LedgerException}. */
    public LedgerNode.Outcome.Committed submit(SignedTransaction transaction) {
        LedgerNode.Outcome outcome;
        try {
            outcome = ledger.submit(transaction).get(SUBMIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw LedgerException.unavailable("the transaction was not committed within " + SUBMIT_TIMEOUT.toSeconds()
                + " s; retry it (a committed transaction is answered from the ledger, never applied twice)",
                Duration.ofSeconds(1));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ServiceException s) throw s;
            throw new IllegalStateException("submission failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw LedgerException.unavailable("interrupted while waiting for the commit", Duration.ofSeconds(1));
        }
        if (outcome instanceof LedgerNode.Outcome.Rejected rejected) throw rejected.reason();
        return (LedgerNode.Outcome.Committed) outcome;
    }

    public LedgerHash hash() {
        return ledger.node().state().genesis() == null ? LedgerHash.SHA_256 : ledger.node().state().genesis().hash();
    }

    public LedgerEntry entry(long index) {
        if (index < 0 || index >= ledger.node().size()) {
            throw new LedgerException(Reason.NOT_FOUND, "no entry " + index + "; the ledger has "
                + ledger.node().size() + " entries", new ServiceException.Resource("entry", Long.toString(index)));
        }
        return ledger.node().entry(index);
    }

    public LedgerEntry entry(Digest transactionHash) {
        long index = ledger.node().state().entryIndexOf(transactionHash).orElseThrow(() -> new LedgerException(
            Reason.NOT_FOUND, "no committed transaction has hash " + transactionHash,
            new ServiceException.Resource("transaction", transactionHash.toString())));
        return ledger.node().entry(index);
    }

    /** The latest quorum-signed head. */
    public SignedTreeHead latestHead() {
        SignedTreeHead head = ledger.latestSignedHead();
        if (head == null) {
            throw LedgerException.unavailable("no tree head is signed by a quorum of nodes yet; retry shortly",
                HEAD_LAG);
        }
        return head;
    }

    /** A proof for a leaf in the tree of {@code treeSize} (0: the latest signed head), with that head if known. */
    public Proven<InclusionProof> inclusionProof(long leafIndex, long treeSize) {
        long size = treeSize == 0 ? latestHead().head().treeSize() : treeSize;
        requireWithinTree(size);
        if (leafIndex < 0 || leafIndex >= size) {
            throw new LedgerException(Reason.MALFORMED, "leaf_index " + leafIndex + " must be below tree_size " + size);
        }
        return new Proven<>(ledger.node().inclusionProof(leafIndex, size), ledger.signedHeadAt(size));
    }

    /** A proof that the tree of {@code first} is a prefix of the tree of {@code second} (0: latest signed head). */
    public Proven<ConsistencyProof> consistencyProof(long first, long second) {
        long size = second == 0 ? latestHead().head().treeSize() : second;
        requireWithinTree(size);
        if (first <= 0 || first > size) {
            throw new LedgerException(Reason.MALFORMED, "first_tree_size must be within 1.." + size + ", not " + first);
        }
        return new Proven<>(ledger.node().consistencyProof(first, size), ledger.signedHeadAt(size));
    }

    /** A proof with the signed head it is for ({@code null} when none of that size is available). */
    public record Proven<P>(P proof, SignedTreeHead head) { }

    /** A did:civitas DID as of a time, with the proof of the entry that wrote that version. */
    public Resolved resolve(Did did, Instant asOf) {
        if (!CivitasDid.isCivitas(did)) {
            throw new LedgerException(Reason.MALFORMED, "the ledger resolves did:civitas DIDs only, not did:"
                + did.method() + " (resolve did:key locally)");
        }
        DidResolution resolution = ledger.node().state().resolve(did, asOf).orElseThrow(() -> new LedgerException(
            Reason.NOT_FOUND, did + " does not exist" + (asOf == null ? "" : " as of " + asOf),
            new ServiceException.Resource("did", did.toString())));
        return new Resolved(resolution, prove(resolution.version().entryIndex()));
    }

    /** A resolved DID and the proof of its version's entry. */
    public record Resolved(DidResolution resolution, ProvenEntry proof) { }

    /** Proves an entry against the latest quorum-signed head. */
    public ProvenEntry prove(long index) {
        SignedTreeHead head = latestHead();
        if (index >= head.head().treeSize()) {
            throw LedgerException.unavailable("entry " + index + " is not under a signed tree head yet; retry shortly",
                HEAD_LAG);
        }
        return new ProvenEntry(ledger.node().entry(index), ledger.node().inclusionProof(index,
            head.head().treeSize()), head);
    }

    public Page<Grant> accreditations(Predicate<Grant> filter, long fromIndex, int pageSize) {
        return page(ledger.node().state().grants(g -> g.entryIndex() >= fromIndex && filter.test(g)), pageSize,
            Grant::entryIndex);
    }

    public Page<Records.Schema> schemas(Predicate<Records.Schema> filter, long fromIndex, int pageSize) {
        return page(ledger.node().state().schemas(s -> s.entryIndex() >= fromIndex && filter.test(s)), pageSize,
            Records.Schema::entryIndex);
    }

    public Page<Records.Anchor> latestAnchors(Predicate<Records.Anchor> filter, long fromIndex, int pageSize) {
        return page(ledger.node().state().latestAnchors(a -> a.entryIndex() >= fromIndex && filter.test(a)), pageSize,
            Records.Anchor::entryIndex);
    }

    /** One anchored version of a list (0: the latest). */
    public Records.Anchor anchor(Did issuer, String listId, long version) {
        List<Records.Anchor> versions = ledger.node().state().anchors(issuer, listId);
        Records.Anchor found = version == 0
            ? (versions.isEmpty() ? null : versions.get(versions.size() - 1))
            : versions.stream().filter(a -> a.anchoring().version() == version).findFirst().orElse(null);
        if (found == null) {
            throw new LedgerException(Reason.NOT_FOUND, "no anchor of status list " + listId + " by " + issuer
                + (version == 0 ? "" : " at version " + version),
                new ServiceException.Resource("status list", listId));
        }
        return found;
    }

    private void requireWithinTree(long size) {
        if (size > ledger.node().size()) {
            throw new LedgerException(Reason.OUT_OF_RANGE, "tree size " + size + " is beyond the ledger ("
                + ledger.node().size() + " entries)");
        }
    }

    private static <T> Page<T> page(List<T> all, int pageSize, java.util.function.ToLongFunction<T> index) {
        if (all.size() <= pageSize) return new Page<>(all, -1);
        return new Page<>(all.subList(0, pageSize), index.applyAsLong(all.get(pageSize)));
    }
}
