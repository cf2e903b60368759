package org.civitas.sdk.ledger;

import org.civitas.sdk.Reason;
import org.civitas.sdk.key.VerificationKey;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a verifier trusts about one ledger, fixed at its genesis: the ledger's id, its hash algorithm, the node
 * keys, and how many node signatures make a head valid (the quorum). A phone holds this and checks heads, and
 * through them every proven entry, with no network. Immutable and thread-safe.
 */
public final class LedgerTrust {

    /** The outcome of checking a signed tree head. */
    public record HeadCheck(boolean trusted, int validSignatures, List<String> rejectedSigners, Reason reason) {
        public HeadCheck {
            rejectedSigners = List.copyOf(rejectedSigners);
        }
    }

    private final byte[] ledgerId;
    private final LedgerHash hash;
    private final Map<String, VerificationKey> nodes;
    private final int quorum;

    /**
     * @param nodes  node id → the node's tree-head key (Ed25519 or SM2)
     * @param quorum the number of distinct node signatures a head needs, at least a majority of the nodes
     */
    public LedgerTrust(byte[] ledgerId, LedgerHash hash, Map<String, VerificationKey> nodes, int quorum) {
        Objects.requireNonNull(hash, "hash");
        if (ledgerId.length != LedgerHash.SIZE) throw new IllegalArgumentException("ledger id is 32 bytes");
        if (nodes.isEmpty()) throw new IllegalArgumentException("a ledger has at least one node");
        if (quorum <= nodes.size() / 2 || quorum > nodes.size()) {
            throw new IllegalArgumentException("quorum " + quorum + " must be a majority of the " + nodes.size()
                + " nodes and at most all of them");
        }
        this.ledgerId = ledgerId.clone();
        this.hash = hash;
        this.nodes = Collections.unmodifiableMap(new LinkedHashMap<>(nodes));
        this.quorum = quorum;
    }

    /**
     * The trust a ledger's signed genesis establishes: its id (the hash of the genesis payload), hash algorithm,
     * nodes and quorum.
     *
     * @throws IllegalArgumentException when the transaction is not a genesis
     */
    public static LedgerTrust fromGenesis(SignedTransaction genesis) {
        if (!(genesis.transaction() instanceof Transaction.Genesis g)) {
            throw new IllegalArgumentException("not a genesis transaction: " + genesis.transaction().type());
        }
        Map<String, VerificationKey> nodes = new LinkedHashMap<>();
        for (Transaction.Node node : g.nodes()) nodes.put(node.id(), node.key());
        return new LedgerTrust(genesis.hash(g.hash()).bytes(), g.hash(), nodes, g.quorum());
    }

    public byte[] ledgerId() { return ledgerId.clone(); }

    public LedgerHash hash() { return hash; }

    public Map<String, VerificationKey> nodes() { return nodes; }

    public int quorum() { return quorum; }

    /**
     * Checks that a head is of this ledger, uses its hash, and carries valid signatures of at least a quorum of
     * distinct configured nodes. Signatures by unknown nodes or that do not verify are listed, not counted.
     */
    public HeadCheck check(SignedTreeHead signed) {
        TreeHead head = signed.head();
        if (!Arrays.equals(head.ledgerId(), ledgerId)) {
            return new HeadCheck(false, 0, List.of(), Reason.of(
                "The tree head belongs to another ledger (" + shortId(head.ledgerId()) + ", expected "
                    + shortId(ledgerId) + ")",
                "树头属于另一个账本（" + shortId(head.ledgerId()) + "，应为 " + shortId(ledgerId) + "）"));
        }
        if (head.hash() != hash) {
            return new HeadCheck(false, 0, List.of(), Reason.of(
                "The tree head uses " + head.hash().algorithm() + " but this ledger uses " + hash.algorithm(),
                "树头使用 " + head.hash().algorithm() + "，而该账本使用 " + hash.algorithm()));
        }
        byte[] input = head.signingInput();
        int valid = 0;
        List<String> rejected = new ArrayList<>();
        for (String node : signed.signers()) {
            VerificationKey key = nodes.get(node);
            if (key != null && key.verify(input, signed.signatureOf(node))) {
                valid++;
            } else {
                rejected.add(node);
            }
        }
        if (valid >= quorum) {
            return new HeadCheck(true, valid, rejected, Reason.of(
                "The ledger head of size " + head.treeSize() + " is signed by " + valid + " of " + nodes.size()
                    + " ledger nodes (quorum " + quorum + ")",
                "大小为 " + head.treeSize() + " 的账本树头已由 " + nodes.size() + " 个账本节点中的 " + valid
                    + " 个签名（法定数 " + quorum + "）"));
        }
        return new HeadCheck(false, valid, rejected, Reason.of(
            "The ledger head is signed by only " + valid + " of the " + quorum + " ledger nodes it needs"
                + (rejected.isEmpty() ? "" : "; signatures not accepted from " + rejected),
            "账本树头仅有 " + valid + " 个有效节点签名，需要 " + quorum + " 个"
                + (rejected.isEmpty() ? "" : "；未接受的签名来自 " + rejected)));
    }

    private static String shortId(byte[] id) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(id).substring(0, 8) + "…";
    }
}
