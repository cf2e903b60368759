package org.civitas.sdk.key;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.civitas.sdk.FormatException;
import org.civitas.sdk.jcs.IJson;

/**
 * A key as a Multikey document (Controlled Identifiers §2.2.2): {@code {"@context", "id", "type": "Multikey",
 * "controller", "publicKeyMultibase", "secretKeyMultibase"}}. Key files of nodes, agencies and the command line
 * use it. The older name {@code privateKeyMultibase} (used by some W3C test vectors) is read as the secret.
 */
public final class MultikeyDocument {

    /** The Multikey context. */
    public static final String CONTEXT = "https://w3id.org/security/multikey/v1";

    private MultikeyDocument() { }

    /**
     * The document of a new key, with its secret: for a key file only, never to be logged.
     *
     * @param id         the verification method id, or {@code null}
     * @param controller the controller's DID, or {@code null}
     */
    public static ObjectNode withSecret(NewKey key, String id, String controller) {
        ObjectNode json = publicDocument(key.signingKey().verificationKey(), id, controller);
        json.put("secretKeyMultibase", key.secretKeyMultibase());
        return json;
    }

    /** The public document of a key. */
    public static ObjectNode publicDocument(VerificationKey key, String id, String controller) {
        ObjectNode json = IJson.mapper().createObjectNode();
        json.put("@context", CONTEXT);
        if (id != null) json.put("id", id);
        json.put("type", "Multikey");
        if (controller != null) json.put("controller", controller);
        json.put("publicKeyMultibase", key.toMultibase());
        return json;
    }

    /**
     * Reads the signing key of a Multikey document with a secret. When the document also names a public key it
     * must be the secret's own, so a file with mismatched halves is refused.
     */
    public static SigningKey signingKey(String json) throws FormatException {
        ObjectNode document = IJson.parseObject("Multikey document", json);
        JsonNode secret = document.has("secretKeyMultibase") ? document.get("secretKeyMultibase")
            : document.get("privateKeyMultibase");
        if (secret == null || !secret.isTextual()) {
            throw new FormatException("Multikey document", "has no secretKeyMultibase");
        }
        SigningKey key = SigningKey.fromSecretKeyMultibase(secret.textValue());
        JsonNode declared = document.get("publicKeyMultibase");
        if (declared != null && !key.verificationKey().equals(VerificationKey.fromMultibase(textOf(declared)))) {
            throw new FormatException("Multikey document", "publicKeyMultibase is not the public half of the secret");
        }
        return key;
    }

    /** A member of the document ({@code id}, {@code controller}), or {@code null}. */
    public static String member(String json, String name) throws FormatException {
        JsonNode value = IJson.parseObject("Multikey document", json).get(name);
        return value != null && value.isTextual() ? value.textValue() : null;
    }

    private static String textOf(JsonNode node) throws FormatException {
        if (!node.isTextual()) throw new FormatException("Multikey document", "publicKeyMultibase must be a string");
        return node.textValue();
    }
}
