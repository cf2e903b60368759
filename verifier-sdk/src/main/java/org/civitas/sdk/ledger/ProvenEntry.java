package org.civitas.sdk.ledger;

import org.civitas.sdk.Reason;

import java.util.Objects;

/**
 * A ledger entry with what proves it belongs to the ledger: its inclusion proof in the tree of a signed tree
 * head. {@link #check} lets a phone trust the entry (a DID document, an accreditation, a status-list anchor)
 * with no network, from the ledger's genesis trust alone. Immutable.
 */
public record ProvenEntry(LedgerEntry entry, InclusionProof inclusionProof, SignedTreeHead treeHead) {

    /** The outcome of checking a proven entry. */
    public record Verdict(boolean proven, Reason reason) { }

    public ProvenEntry {
        Objects.requireNonNull(entry, "entry");
        Objects.requireNonNull(inclusionProof, "inclusionProof");
        Objects.requireNonNull(treeHead, "treeHead");
    }

    /**
     * Proven when the head is trusted (quorum of node signatures, this ledger, its hash), the proof is for this
     * entry's index and the head's size, and it leads from the entry's leaf hash to the head's root.
     */
    public Verdict check(LedgerTrust trust) {
        LedgerTrust.HeadCheck head = trust.check(treeHead);
        if (!head.trusted()) return new Verdict(false, head.reason());
        TreeHead h = treeHead.head();
        if (inclusionProof.leafIndex() != entry.index() || inclusionProof.treeSize() != h.treeSize()) {
            return new Verdict(false, Reason.of(
                "The ledger proof is for entry " + inclusionProof.leafIndex() + " of a tree of "
                    + inclusionProof.treeSize() + ", not entry " + entry.index() + " of the signed tree of " + h.treeSize(),
                "账本证明针对的是大小为 " + inclusionProof.treeSize() + " 的树中的第 " + inclusionProof.leafIndex()
                    + " 条，而非已签名树（大小 " + h.treeSize() + "）中的第 " + entry.index() + " 条"));
        }
        if (!inclusionProof.verify(trust.hash(), entry.leafHash(trust.hash()), h.rootHash())) {
            return new Verdict(false, Reason.of(
                "Ledger entry " + entry.index() + " is not in the signed ledger tree: it was altered or the proof is forged",
                "账本条目 " + entry.index() + " 不在已签名的账本树中：条目已被篡改或证明是伪造的"));
        }
        return new Verdict(true, Reason.of(
            "Ledger entry " + entry.index() + " is proven in the ledger tree of size " + h.treeSize(),
            "账本条目 " + entry.index() + " 已在大小为 " + h.treeSize() + " 的账本树中得到证明"));
    }
}
