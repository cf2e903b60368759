package org.civitas.sdk.did;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.civitas.sdk.FormatException;
import org.civitas.sdk.jcs.IJson;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A DID document (DID Core §5, Controlled Identifiers §2) as an immutable view: its verification methods and
 * which of them each verification relationship authorises. Relative method ids ({@code #key-1}) are resolved
 * against the document's id. Thread-safe.
 */
public final class DidDocument {

    private final Did id;
    private final ObjectNode json;
    private final Map<String, VerificationMethod> methods;
    private final Map<Relationship, List<String>> relationships;

    private DidDocument(Did id, ObjectNode json, Map<String, VerificationMethod> methods,
                        Map<Relationship, List<String>> relationships) {
        this.id = id;
        this.json = json;
        this.methods = methods;
        this.relationships = relationships;
    }

    /** Reads a document from untrusted JSON text. */
    public static DidDocument parse(String json) throws FormatException {
        return of(IJson.parseObject("DID document", json));
    }

    /** Reads a document from a JSON tree; the tree is copied, so later changes to it do not affect the view. */
    public static DidDocument of(ObjectNode json) throws FormatException {
        ObjectNode copy = json.deepCopy();
        JsonNode idNode = copy.get("id");
        if (idNode == null || !idNode.isTextual()) throw new FormatException("DID document", "missing id");
        Did id = Did.parse(idNode.textValue());
        Map<String, VerificationMethod> methods = new LinkedHashMap<>();
        JsonNode declared = copy.get("verificationMethod");
        if (declared != null) {
            if (!declared.isArray()) throw new FormatException("DID document", "verificationMethod must be an array");
            for (JsonNode method : declared) add(methods, readMethod(id, method));
        }
        Map<Relationship, List<String>> relationships = new EnumMap<>(Relationship.class);
        for (Relationship relationship : Relationship.values()) {
            JsonNode entries = copy.get(relationship.property());
            if (entries == null) continue;
            if (!entries.isArray()) {
                throw new FormatException("DID document", relationship.property() + " must be an array");
            }
            List<String> ids = new ArrayList<>();
            for (JsonNode entry : entries) {
                if (entry.isTextual()) {
                    ids.add(absolute(id, entry.textValue()));
                } else if (entry.isObject()) {
                    VerificationMethod embedded = readMethod(id, entry);
                    add(methods, embedded);
                    ids.add(embedded.id());
                } else {
                    throw new FormatException("DID document", relationship.property()
                        + " entries must be method ids or embedded methods");
                }
            }
            relationships.put(relationship, Collections.unmodifiableList(ids));
        }
        return new DidDocument(id, copy, Collections.unmodifiableMap(methods), relationships);
    }

    public Did id() { return id; }

    /** Every verification method, declared or embedded, in document order. */
    public List<VerificationMethod> verificationMethods() { return List.copyOf(methods.values()); }

    /** The method with this id (absolute, or relative like {@code #key-1}), if the document has it. */
    public Optional<VerificationMethod> verificationMethod(String methodId) {
        return Optional.ofNullable(methods.get(absolute(id, methodId)));
    }

    /** Whether the method is authorised for the relationship (DID Core §5.3), e.g. assertionMethod. */
    public boolean authorizes(String methodId, Relationship relationship) {
        List<String> ids = relationships.get(relationship);
        return ids != null && ids.contains(absolute(id, methodId));
    }

    /** The ids a relationship lists, absolute; empty when the document does not have it. */
    public List<String> relationship(Relationship relationship) {
        return relationships.getOrDefault(relationship, List.of());
    }

    /** A copy of the document's JSON. */
    public ObjectNode json() { return json.deepCopy(); }

    /** The document's JSON as text, without copying the tree first (what {@code json().toString()} gives). */
    public String jsonText() { return json.toString(); }

    private static void add(Map<String, VerificationMethod> methods, VerificationMethod method)
            throws FormatException {
        VerificationMethod previous = methods.putIfAbsent(method.id(), method);
        if (previous != null && !previous.equals(method)) {
            throw new FormatException("DID document", "two different verification methods share the id " + method.id());
        }
    }

    private static VerificationMethod readMethod(Did documentId, JsonNode method) throws FormatException {
        if (!method.isObject()) throw new FormatException("DID document", "a verification method must be an object");
        String methodId = text(method, "id");
        String type = text(method, "type");
        String controller = text(method, "controller");
        if (methodId == null || type == null || controller == null) {
            throw new FormatException("DID document", "a verification method needs id, type and controller");
        }
        String absoluteId = absolute(documentId, methodId);
        JsonNode jwk = method.get("publicKeyJwk");
        Map<String, Object> jwkMembers = null;
        if (jwk != null) {
            if (!jwk.isObject()) throw new FormatException("verification method " + absoluteId, "publicKeyJwk must be an object");
            jwkMembers = new LinkedHashMap<>();
            Iterator<Map.Entry<String, JsonNode>> fields = jwk.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                jwkMembers.put(field.getKey(), field.getValue().isTextual() ? field.getValue().textValue() : field.getValue());
            }
        }
        return new VerificationMethod(absoluteId, type, controller,
            VerificationMethod.readKey(absoluteId, type, text(method, "publicKeyMultibase"), jwkMembers));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() ? value.textValue() : null;
    }

    private static String absolute(Did documentId, String methodId) {
        return methodId.startsWith("#") ? documentId + methodId : methodId;
    }

    @Override
    public String toString() { return "DidDocument[" + id + ", " + methods.size() + " methods]"; }
}
