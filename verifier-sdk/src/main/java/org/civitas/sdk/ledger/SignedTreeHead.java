package org.civitas.sdk.ledger;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A tree head with the signatures of ledger nodes over its {@link TreeHead#signingInput()}, keyed by node id.
 * Whether it is trustworthy is for {@link LedgerTrust#check} to say. Immutable.
 */
public final class SignedTreeHead {

    private final TreeHead head;
    private final Map<String, byte[]> signatures;

    public SignedTreeHead(TreeHead head, Map<String, byte[]> signatures) {
        this.head = Objects.requireNonNull(head, "head");
        Map<String, byte[]> copy = new LinkedHashMap<>();
        signatures.forEach((node, signature) -> copy.put(Objects.requireNonNull(node), signature.clone()));
        this.signatures = Collections.unmodifiableMap(copy);
    }

    public TreeHead head() { return head; }

    /** Node id → signature. The arrays are copies. */
    public Map<String, byte[]> signatures() {
        Map<String, byte[]> copy = new LinkedHashMap<>();
        signatures.forEach((node, signature) -> copy.put(node, signature.clone()));
        return copy;
    }

    /** A copy with one more node's signature (a replacing one for a node already present). */
    public SignedTreeHead withSignature(String nodeId, byte[] signature) {
        Map<String, byte[]> more = new LinkedHashMap<>(signatures);
        more.put(nodeId, signature);
        return new SignedTreeHead(head, more);
    }

    byte[] signatureOf(String nodeId) { return signatures.get(nodeId); }

    Iterable<String> signers() { return signatures.keySet(); }

    @Override
    public String toString() { return "SignedTreeHead[" + head + ", signed by " + signatures.keySet() + "]"; }
}
