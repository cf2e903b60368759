package org.civitas.identity.did;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.civitas.sdk.FormatException;
import org.civitas.sdk.did.Did;
import org.civitas.sdk.did.DidDocument;
import org.civitas.sdk.did.Relationship;
import org.civitas.sdk.jcs.IJson;
import org.civitas.sdk.key.VerificationKey;
import org.civitas.sdk.ledger.CivitasDid;

import java.util.Iterator;
import java.util.List;

/**
 * The shape of a citizen's DID document (DID Core §5; Controlled Identifiers §2.2.2 Multikey): one Multikey
 * verification method per device key, each listed under {@code authentication} (sign-in and service tokens),
 * {@code assertionMethod} (holder proofs) and {@code capabilityInvocation} (updates of the document). The DID
 * derives from the first device key ({@link CivitasDid}). Method ids: {@code #device-N} for a device's first key,
 * {@code #device-N-key-K} for its K-th key after rotations, so that every key ever bound has its own id.
 */
public final class CitizenDocuments {

    /** The relationships each device key is listed under. */
    public static final List<Relationship> DEVICE_RELATIONSHIPS =
        List.of(Relationship.AUTHENTICATION, Relationship.ASSERTION_METHOD, Relationship.CAPABILITY_INVOCATION);

    private CitizenDocuments() { }

    /** The verification method id of a device's key version. */
    public static String methodId(Did did, int deviceNumber, int keyVersion) {
        return did + "#device-" + deviceNumber + (keyVersion == 1 ? "" : "-key-" + keyVersion);
    }

    /** The first document: the device key as {@code #device-1}. */
    public static DidDocument initial(VerificationKey deviceKey) {
        Did did = CivitasDid.of(deviceKey);
        ObjectNode json = IJson.mapper().createObjectNode();
        json.putArray("@context").add("https://www.w3.org/ns/did/v1").add("https://w3id.org/security/multikey/v1");
        json.put("id", did.toString());
        json.putArray("verificationMethod");
        for (Relationship r : DEVICE_RELATIONSHIPS) json.putArray(r.property());
        return parse(withMethod(json, did, methodId(did, 1, 1), deviceKey));
    }

    /** The document with one more device key. */
    public static DidDocument withDevice(DidDocument current, String methodId, VerificationKey key) {
        return parse(withMethod(current.json(), current.id(), methodId, key));
    }

    /** The document with {@code oldMethodId}'s key replaced by a new method, in the same relationships. */
    public static DidDocument withKeyReplaced(DidDocument current, String oldMethodId, String newMethodId,
                                              VerificationKey key) {
        ObjectNode json = without(current.json(), current.id(), oldMethodId);
        return parse(withMethod(json, current.id(), newMethodId, key));
    }

    /** The document without a method (in its method list and in every relationship). */
    public static DidDocument withoutMethod(DidDocument current, String methodId) {
        return parse(without(current.json(), current.id(), methodId));
    }

    /** Whether any method of the document holds this key. */
    public static boolean holdsKey(DidDocument document, VerificationKey key) {
        return document.verificationMethods().stream().anyMatch(m -> key.equals(m.key()));
    }

    private static ObjectNode withMethod(ObjectNode json, Did did, String methodId, VerificationKey key) {
        array(json, "verificationMethod").addObject().put("id", methodId).put("type", "Multikey")
            .put("controller", did.toString()).put("publicKeyMultibase", key.toMultibase());
        for (Relationship r : DEVICE_RELATIONSHIPS) array(json, r.property()).add(methodId);
        return json;
    }

    private static ObjectNode without(ObjectNode json, Did did, String methodId) {
        remove(json.get("verificationMethod"), did, methodId);
        for (Relationship r : Relationship.values()) remove(json.get(r.property()), did, methodId);
        return json;
    }

    private static void remove(JsonNode list, Did did, String methodId) {
        if (!(list instanceof ArrayNode array)) return;
        for (Iterator<JsonNode> it = array.elements(); it.hasNext(); ) {
            JsonNode item = it.next();
            String id = item.isTextual() ? item.textValue() : item.path("id").asText("");
            if ((id.startsWith("#") ? did + id : id).equals(methodId)) it.remove();
        }
    }

    private static ArrayNode array(ObjectNode json, String name) {
        JsonNode node = json.get(name);
        return node instanceof ArrayNode array ? array : json.putArray(name);
    }

    private static DidDocument parse(ObjectNode json) {
        try {
            return DidDocument.of(json);
        } catch (FormatException e) {
            throw new IllegalStateException("a citizen document is always well-formed", e);
        }
    }
}
