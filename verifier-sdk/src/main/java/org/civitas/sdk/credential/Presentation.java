package org.civitas.sdk.credential;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.civitas.sdk.FormatException;
import org.civitas.sdk.jcs.IJson;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * A verifiable presentation (VC Data Model v2.0 §4.13, or v1.1 §4.10) as an immutable view over its JSON, with
 * its embedded credentials read as {@link Credential}s. Enveloped credentials (§4.13.1) are refused for now.
 *
 * <p>The view keeps one private copy of the JSON, shared with its embedded credentials' views; accessors return
 * copies or immutable values, so it is thread-safe.
 */
public final class Presentation implements VerifiableDocument {

    private static final String SUBJECT = "presentation";
    private static final String SECTION = "VCDM 2.0 §4.13 Verifiable Presentations";

    private final ObjectNode json;
    private final DataModelVersion version;
    private final String id;
    private final List<String> types;
    private final String holder;
    private final List<Credential> credentials;

    private Presentation(ObjectNode json, DataModelVersion version, String id, List<String> types, String holder,
                         List<Credential> credentials) {
        this.json = json;
        this.version = version;
        this.id = id;
        this.types = types;
        this.holder = holder;
        this.credentials = credentials;
    }

    /**
     * Reads a presentation from untrusted JSON text (strict I-JSON, see {@link IJson}).
     *
     * @throws FormatException if the text is not JSON, or the presentation or one of its credentials breaks a data
     *     model rule; the message names the property and the rule's section
     */
    public static Presentation parse(String text) throws FormatException {
        return read(IJson.parseObject(SUBJECT, text), SUBJECT);
    }

    /**
     * Reads a presentation from a JSON tree. The tree is copied once, so later changes to it do not affect the view.
     *
     * @throws FormatException if the presentation or one of its credentials breaks a data model rule
     */
    public static Presentation of(ObjectNode json) throws FormatException {
        return read(json.deepCopy(), SUBJECT);
    }

    static Presentation read(ObjectNode owned, String subject) throws FormatException {
        DataModelVersion version = DataModelRules.version(subject, owned);
        List<String> types = DataModelRules.types(subject, owned, VcDataModel.VERIFIABLE_PRESENTATION, SECTION);
        String id = DataModelRules.optionalId(subject, owned, "id");
        JsonNode holderNode = owned.get("holder");
        String holder = holderNode == null ? null
            : DataModelRules.urlOrObjectWithId(subject, holderNode, "holder", SECTION);
        List<Credential> credentials = readCredentials(subject, owned.get("verifiableCredential"));
        return new Presentation(owned, version, id, types, holder, credentials);
    }

    /** The data model version, from the first {@code @context} item (VCDM 2.0 §4.3). */
    @Override public DataModelVersion version() { return version; }

    /** The presentation's {@code id} URL, if it has one (VCDM 2.0 §4.13, §4.4). */
    @Override public Optional<String> id() { return Optional.ofNullable(id); }

    /** The {@code type} values, always including {@code VerifiablePresentation} (VCDM 2.0 §4.13). */
    @Override public List<String> types() { return types; }

    /** The holder's URL, the {@code holder} string or its object's {@code id}, if present (VCDM 2.0 §4.13). */
    public Optional<String> holder() { return Optional.ofNullable(holder); }

    /** The embedded credentials, in document order; empty when there are none (VCDM 2.0 §4.13). */
    public List<Credential> credentials() { return credentials; }

    /** Whether the presentation carries a {@code proof} property (VCDM 2.0 §4.12). */
    @Override public boolean hasProof() { return json.has("proof"); }

    /** A deep copy of the presentation's JSON, proofs included. */
    @Override public ObjectNode json() { return json.deepCopy(); }

    /**
     * A deep copy of the presentation's JSON without its own {@code proof}; the embedded credentials keep theirs,
     * since they are part of what the presentation proof signs.
     */
    @Override public ObjectNode withoutProof() {
        ObjectNode copy = json.deepCopy();
        copy.remove("proof");
        return copy;
    }

    @Override
    public String toString() {
        return "Presentation[" + (id != null ? id + ", " : "") + "types=" + types + ", credentials="
            + credentials.size() + "]";
    }

    /**
     * §4.13 {@code verifiableCredential}: one or more credential objects ("the values MUST NOT be non-object values
     * such as numbers, strings, or URLs").
     */
    private static List<Credential> readCredentials(String subject, JsonNode node) throws FormatException {
        if (node == null) return List.of();
        if (node.isObject()) return List.of(readCredential(subject, node, "verifiableCredential"));
        if (!node.isArray() || node.size() == 0) {
            throw new FormatException(subject, "verifiableCredential must be an object or a non-empty array of"
                + " objects (" + SECTION + ")");
        }
        List<Credential> credentials = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            credentials.add(readCredential(subject, node.get(i), "verifiableCredential[" + i + "]"));
        }
        return Collections.unmodifiableList(credentials);
    }

    private static Credential readCredential(String subject, JsonNode node, String where) throws FormatException {
        if (!node.isObject()) {
            throw new FormatException(subject, where + " must be a credential object, not "
                + DataModelRules.kind(node) + " (" + SECTION + ")");
        }
        ObjectNode credential = (ObjectNode) node;
        if (VerifiableDocument.kind(credential) == VerifiableDocument.Kind.ENVELOPED_CREDENTIAL) {
            throw new FormatException(subject, where + " is an EnvelopedVerifiableCredential (VCDM 2.0 §4.13.1),"
                + " which is not supported yet; present the credential with an embedded proof");
        }
        // the presentation's private tree is never changed, so the credential may share it
        return Credential.read(credential, subject + ": " + where);
    }
}
