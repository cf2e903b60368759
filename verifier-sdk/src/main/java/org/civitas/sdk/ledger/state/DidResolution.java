package org.civitas.sdk.ledger.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.civitas.sdk.FormatException;
import org.civitas.sdk.did.DidDocument;
import org.civitas.sdk.did.Relationship;

import java.time.Instant;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * A DID resolved as of a time: the document version in effect then, without the keys whose compromise had
 * begun by then (so a key cut off from a time signs nothing dated after it), and the version's ledger entry.
 *
 * @param document    the document as of the time
 * @param created     when the DID was created
 * @param version     the version it comes from (its entry is what the ledger proves)
 * @param deactivated whether the DID was deactivated by then
 * @param nextUpdate  when the next version took effect, or {@code null}
 */
public record DidResolution(DidDocument document, Instant created, DidHistory.Version version, boolean deactivated,
                            Instant nextUpdate) {

    /** Resolves a history as of a time, or {@code null} before the DID existed. */
    public static DidResolution of(DidHistory history, Instant asOf) {
        DidHistory.Version version = history.versionAt(asOf);
        if (version == null) return null;
        boolean deactivated = history.isDeactivated() && !history.deactivation().validFrom().isAfter(asOf);
        Set<String> cutOff = new HashSet<>();
        for (Map.Entry<String, Instant> k : history.compromisedSince().entrySet()) {
            if (!k.getValue().isAfter(asOf)) cutOff.add(k.getKey());
        }
        DidDocument document = cutOff.isEmpty() ? version.document() : without(version.document(), cutOff);
        return new DidResolution(document, history.versions().get(0).validFrom(), version, deactivated,
            history.nextChangeAfter(version));
    }

    /** The document without the given methods, in its method list and in every relationship. */
    public static DidDocument without(DidDocument document, Set<String> methodIds) {
        ObjectNode json = document.json();
        String base = document.id().toString();
        removeFrom(json.get("verificationMethod"), methodIds, base);
        for (Relationship r : Relationship.values()) removeFrom(json.get(r.property()), methodIds, base);
        try {
            return DidDocument.of(json);
        } catch (FormatException e) {
            throw new IllegalStateException("removing methods keeps a document well-formed", e);
        }
    }

    private static void removeFrom(JsonNode list, Set<String> methodIds, String base) {
        if (!(list instanceof ArrayNode array)) return;
        for (Iterator<JsonNode> it = array.elements(); it.hasNext(); ) {
            JsonNode item = it.next();
            String id = item.isTextual() ? item.textValue() : item.path("id").asText("");
            if (methodIds.contains(id.startsWith("#") ? base + id : id)) it.remove();
        }
    }
}
