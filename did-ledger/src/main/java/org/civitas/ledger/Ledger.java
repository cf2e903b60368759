package org.civitas.ledger;

import org.civitas.ledger.node.LedgerNode;
import org.civitas.sdk.ledger.SignedTransaction;
import org.civitas.sdk.ledger.SignedTreeHead;

import java.util.concurrent.CompletableFuture;

/**
 * The ledger as this process sees it, in either mode: writes go through {@link #submit} (ordered by the embedded
 * sequencer, or by the Raft leader), reads come from this node's own copy.
 */
public interface Ledger extends AutoCloseable {

    /**
     * Submits a signed transaction. The future completes once it is committed (durably, on a quorum in the
     * replicated mode) or refused by the rules ({@link LedgerNode.Outcome.Rejected}). A transaction already
     * committed completes with its entry ({@code alreadyCommitted}). It fails with a {@link LedgerException}
     * of reason UNAVAILABLE when the ledger cannot order writes now.
     */
    CompletableFuture<LedgerNode.Outcome> submit(SignedTransaction transaction);

    /** This node's copy of the ledger, for reads. */
    LedgerNode node();

    /** The latest tree head signed by a quorum of the ledger's nodes, or {@code null} before any. */
    SignedTreeHead latestSignedHead();

    /**
     * A quorum-signed head of exactly {@code treeSize} entries, or {@code null} when this node cannot offer one
     * (the size is beyond what a quorum signed, or past heads are not kept).
     */
    default SignedTreeHead signedHeadAt(long treeSize) {
        SignedTreeHead latest = latestSignedHead();
        return latest != null && latest.head().treeSize() == treeSize ? latest : null;
    }

    @Override
    void close();
}
