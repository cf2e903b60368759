package org.civitas.sdk.trust;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.civitas.sdk.ledger.ProvenEntry;
import org.civitas.sdk.ledger.SignedTreeHead;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a publisher puts in one bundle version, for {@link TrustBundleWriter}: the ledger head, the ledger entries
 * a verifier needs each proven against that head, the signed status lists of the latest anchors, the registered
 * schemas, the allowed JSON-LD contexts and the maximum status age per credential type. Immutable (JSON trees are
 * copied in and out).
 *
 * @param version      the bundle version, greater than the previous build's
 * @param issuedAt     when the publisher built it
 * @param head         the quorum-signed ledger head every entry is proven against
 * @param entries      the proven entries (genesis, DID transactions of issuers and roots, grants, withdrawals,
 *                     schema registrations, the latest anchor of each status list)
 * @param statusLists  the signed status list credentials, one per latest anchor
 * @param schemas      the JSON Schemas whose digests are registered
 * @param contexts     JSON-LD context URL → SHA-256 (lower-case hex) of the file the SDK ships
 * @param maxStatusAge credential type → how old its status data may be; {@value TrustBundle#ANY_TYPE} is the default
 */
public record BundleContents(long version, Instant issuedAt, SignedTreeHead head, List<ProvenEntry> entries,
                             List<ObjectNode> statusLists, List<ObjectNode> schemas, Map<String, String> contexts,
                             Map<String, Duration> maxStatusAge) {

    public BundleContents {
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(head, "head");
        if (version < 1) throw new IllegalArgumentException("bundle versions start at 1");
        for (ProvenEntry e : entries) {
            if (!e.treeHead().head().equals(head.head())) {
                throw new IllegalArgumentException("entry " + e.entry().index() + " is proven against another head");
            }
        }
        entries = List.copyOf(entries);
        statusLists = copies(statusLists);
        schemas = copies(schemas);
        contexts = Collections.unmodifiableMap(new LinkedHashMap<>(contexts));
        maxStatusAge = Collections.unmodifiableMap(new LinkedHashMap<>(maxStatusAge));
    }

    @Override public List<ObjectNode> statusLists() { return copies(statusLists); }

    @Override public List<ObjectNode> schemas() { return copies(schemas); }

    private static List<ObjectNode> copies(List<ObjectNode> nodes) {
        List<ObjectNode> copy = new ArrayList<>(nodes.size());
        for (ObjectNode n : nodes) copy.add(n.deepCopy());
        return Collections.unmodifiableList(copy);
    }
}
