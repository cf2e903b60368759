package org.civitas.sdk.trust;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.civitas.sdk.jcs.IJson;
import org.civitas.sdk.jcs.Jcs;
import org.civitas.sdk.key.SigningKey;
import org.civitas.sdk.ledger.ConsistencyProof;
import org.civitas.sdk.ledger.ProvenEntry;
import org.civitas.sdk.ledger.SignedTreeHead;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Writes signed trust bundle and delta files (docs/trust-bundle.md) for {@link TrustBundle} to load. The publisher
 * (credential-issuer) and the size measurements share it. Thread-safe: it holds only the publisher's key.
 */
public final class TrustBundleWriter {

    private final SigningKey publisher;

    /** @param publisher the bundle publisher's key; verifiers pin its public key in {@link BundleAnchors} */
    public TrustBundleWriter(SigningKey publisher) {
        this.publisher = Objects.requireNonNull(publisher, "publisher");
    }

    /** A full bundle of {@code contents}. */
    public byte[] full(BundleContents contents) {
        ObjectNode body = IJson.mapper().createObjectNode();
        BundleFile.Nodes nodes = new BundleFile.Nodes();
        common(body, contents, nodes);
        writeEntries(body, contents.entries(), nodes);
        body.set("statusLists", array(contents.statusLists()));
        body.set("schemas", array(contents.schemas()));
        body.put("nodes", nodes.encoded());
        return BundleFile.seal(BundleFile.Kind.FULL, body, publisher);
    }

    /**
     * What changed from bundle {@code from} to bundle {@code to}: the entries of {@code to} that {@code from}
     * lacks (proven against the new head), the status lists that differ, the schemas that are new, and the
     * consistency proof from the old head to the new one.
     *
     * @param consistency the ledger's proof that the tree of {@code from}'s head is a prefix of {@code to}'s
     * @throws IllegalArgumentException when {@code to} is not newer than {@code from} or the proof's sizes do not
     *     match the two heads
     */
    public byte[] delta(BundleContents from, BundleContents to, ConsistencyProof consistency) {
        if (to.version() <= from.version()) throw new IllegalArgumentException("a delta goes to a newer version");
        if (consistency.firstSize() != from.head().head().treeSize()
                || consistency.secondSize() != to.head().head().treeSize()) {
            throw new IllegalArgumentException("the consistency proof is not between the two bundles' heads");
        }
        ObjectNode body = IJson.mapper().createObjectNode();
        BundleFile.Nodes nodes = new BundleFile.Nodes();
        body.put("fromVersion", from.version());
        common(body, to, nodes);
        ObjectNode proof = body.putObject("consistency");
        proof.put("fromSize", consistency.firstSize());
        nodes.addAll(consistency.path(), proof.putArray("path"));
        Set<Long> known = new HashSet<>();
        for (ProvenEntry e : from.entries()) known.add(e.entry().index());
        List<ProvenEntry> added = new ArrayList<>();
        for (ProvenEntry e : to.entries()) if (!known.contains(e.entry().index())) added.add(e);
        writeEntries(body, added, nodes);
        body.set("statusLists", array(changed(from.statusLists(), to.statusLists())));
        body.set("schemas", array(changed(from.schemas(), to.schemas())));
        body.put("nodes", nodes.encoded());
        return BundleFile.seal(BundleFile.Kind.DELTA, body, publisher);
    }

    private static void common(ObjectNode body, BundleContents contents, BundleFile.Nodes nodes) {
        body.put("version", contents.version());
        body.put("issuedAt", contents.issuedAt().toString());
        body.set("head", head(contents.head()));
        ObjectNode contexts = body.putObject("contexts");
        contents.contexts().forEach(contexts::put);
        ObjectNode ages = body.putObject("maxStatusAge");
        for (Map.Entry<String, Duration> age : contents.maxStatusAge().entrySet()) {
            ages.put(age.getKey(), age.getValue().toString());
        }
    }

    static ObjectNode head(SignedTreeHead signed) {
        ObjectNode head = signed.head().toJson();
        ObjectNode signatures = head.putObject("signatures");
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        signed.signatures().forEach((node, signature) -> signatures.put(node, base64.encodeToString(signature)));
        return head;
    }

    private static void writeEntries(ObjectNode body, List<ProvenEntry> entries, BundleFile.Nodes nodes) {
        ArrayNode out = body.putArray("entries");
        for (ProvenEntry e : entries) {
            ObjectNode item = out.addObject();
            // The leaf is kept as the exact canonical text the ledger hashed, so its hash needs no re-encoding.
            item.put("leaf", new String(e.entry().leafData(), StandardCharsets.UTF_8));
            nodes.addAll(e.inclusionProof().auditPath(), item.putArray("path"));
        }
    }

    private static ArrayNode array(List<ObjectNode> items) {
        ArrayNode array = IJson.mapper().createArrayNode();
        items.forEach(array::add);
        return array;
    }

    /** The items of {@code now} whose canonical form is not among those of {@code before}. */
    private static List<ObjectNode> changed(List<ObjectNode> before, List<ObjectNode> now) {
        Set<ByteBuffer> old = new HashSet<>();
        for (ObjectNode o : before) old.add(ByteBuffer.wrap(Jcs.canonicalize(o)));
        List<ObjectNode> out = new ArrayList<>();
        for (ObjectNode n : now) if (!old.contains(ByteBuffer.wrap(Jcs.canonicalize(n)))) out.add(n);
        return out;
    }
}
