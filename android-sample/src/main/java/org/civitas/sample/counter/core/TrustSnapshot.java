package org.civitas.sample.counter.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.civitas.sdk.FormatException;
import org.civitas.sdk.did.DidDocument;
import org.civitas.sdk.did.DidResolver;
import org.civitas.sdk.did.ResolutionException;
import org.civitas.sdk.jcs.IJson;
import org.civitas.sdk.status.StatusListSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The trust data a counter downloads while online and verifies with offline: DID documents and signed status list
 * credentials, as of a time. Stand-in for the SDK's signed trust bundle until it lands; stored as one JSON file.
 */
public final class TrustSnapshot {

    private final Instant asOf;
    private final Map<String, DidDocument> documents;
    private final List<ObjectNode> statusLists;

    TrustSnapshot(Instant asOf, List<DidDocument> documents, List<ObjectNode> statusLists) {
        this.asOf = Objects.requireNonNull(asOf, "asOf");
        this.documents = new HashMap<>();
        for (DidDocument d : documents) this.documents.put(d.id().toString(), d);
        this.statusLists = new ArrayList<>();
        for (ObjectNode list : statusLists) this.statusLists.add(list.deepCopy());
    }

    /** When it was downloaded. */
    public Instant asOf() { return asOf; }

    /** Resolves the DIDs it holds, and no other. */
    public DidResolver resolver() {
        return (did, at) -> {
            DidDocument document = documents.get(did.toString());
            if (document == null) {
                throw new ResolutionException(ResolutionException.Kind.NOT_FOUND, did + " is not in the trust data");
            }
            return document;
        };
    }

    public StatusListSource statusLists() { return StatusListSource.of(statusLists); }

    /** The file form. */
    public String toJson() {
        ObjectNode json = IJson.mapper().createObjectNode();
        json.put("asOf", asOf.toString());
        ArrayNode docs = json.putArray("didDocuments");
        for (DidDocument d : documents.values()) docs.add(d.json());
        ArrayNode lists = json.putArray("statusLists");
        for (ObjectNode list : statusLists) lists.add(list);
        return json.toString();
    }

    /** Reads the file form back. */
    public static TrustSnapshot parse(String text) throws FormatException {
        ObjectNode json = IJson.parseObject("trust data", text);
        List<DidDocument> docs = new ArrayList<>();
        for (JsonNode d : json.path("didDocuments")) {
            if (!d.isObject()) throw new FormatException("trust data", "a DID document is not an object");
            docs.add(DidDocument.of((ObjectNode) d));
        }
        List<ObjectNode> lists = new ArrayList<>();
        for (JsonNode l : json.path("statusLists")) {
            if (!l.isObject()) throw new FormatException("trust data", "a status list is not an object");
            lists.add((ObjectNode) l);
        }
        try {
            return new TrustSnapshot(Instant.parse(json.path("asOf").asText()), docs, lists);
        } catch (java.time.format.DateTimeParseException e) {
            throw new FormatException("trust data", "asOf is not an instant");
        }
    }
}
