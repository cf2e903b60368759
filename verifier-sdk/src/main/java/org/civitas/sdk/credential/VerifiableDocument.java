package org.civitas.sdk.credential;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.civitas.sdk.FormatException;
import org.civitas.sdk.jcs.IJson;

import java.util.List;
import java.util.Optional;

/**
 * What a verifier can be handed: a {@link Credential} or a {@link Presentation} (VC Data Model v2.0 §4.2, §4.13).
 * Implementations are immutable and thread-safe.
 */
public sealed interface VerifiableDocument permits Credential, Presentation {

    /** What a JSON object claims to be, judged by its {@code type} alone (VCDM 2.0 §4.5 Types). */
    enum Kind {
        /** {@code type} includes {@code VerifiableCredential}. */
        CREDENTIAL,
        /** {@code type} includes {@code VerifiablePresentation}. */
        PRESENTATION,
        /** {@code type} includes {@code EnvelopedVerifiableCredential} (VCDM 2.0 §4.13.1); not supported yet. */
        ENVELOPED_CREDENTIAL,
        /** {@code type} includes {@code EnvelopedVerifiablePresentation} (VCDM 2.0 §4.13.2); not supported yet. */
        ENVELOPED_PRESENTATION,
        /** None of these, or more than one. */
        UNKNOWN
    }

    /** The data model version, from the first {@code @context} item (VCDM 2.0 §4.3). */
    DataModelVersion version();

    /** The document's {@code id} URL, if it has one (VCDM 2.0 §4.4). */
    Optional<String> id();

    /** The {@code type} values in document order (VCDM 2.0 §4.5). */
    List<String> types();

    /** Whether the document carries an embedded {@code proof} (VCDM 2.0 §4.12). */
    boolean hasProof();

    /** A deep copy of the document's JSON. */
    ObjectNode json();

    /** A deep copy of the document's JSON without its {@code proof}. */
    ObjectNode withoutProof();

    /**
     * Tells what {@code json} claims to be without checking anything else; never throws for untrusted input
     * (a {@code type} of the wrong shape is {@link Kind#UNKNOWN}).
     */
    static Kind kind(ObjectNode json) {
        JsonNode type = json.get("type");
        if (type == null) return Kind.UNKNOWN;
        Kind found = null;
        Iterable<JsonNode> values = type.isArray() ? type : List.of(type);
        for (JsonNode value : values) {
            Kind kind = kindOf(value);
            if (kind == null) continue;
            if (found != null && found != kind) return Kind.UNKNOWN;
            found = kind;
        }
        return found == null ? Kind.UNKNOWN : found;
    }

    /**
     * Reads untrusted JSON text as a credential or a presentation, according to {@link #kind}.
     *
     * @throws FormatException if the text is not JSON, is neither kind (or both), is an enveloped document, which
     *     this SDK does not support yet, or breaks a data model rule
     */
    static VerifiableDocument parse(String text) throws FormatException {
        return read(IJson.parseObject("document", text), false);
    }

    /** As {@link #parse(String)}, from a JSON tree, which is copied once. */
    static VerifiableDocument of(ObjectNode json) throws FormatException {
        return read(json, true);
    }

    private static VerifiableDocument read(ObjectNode json, boolean copy) throws FormatException {
        switch (kind(json)) {
            case CREDENTIAL:
                return Credential.read(copy ? json.deepCopy() : json, "credential");
            case PRESENTATION:
                return Presentation.read(copy ? json.deepCopy() : json, "presentation");
            case ENVELOPED_CREDENTIAL:
            case ENVELOPED_PRESENTATION:
                throw new FormatException("document", "enveloped credentials and presentations (VCDM 2.0 §4.13.1,"
                    + " §4.13.2) are not supported yet");
            default:
                throw new FormatException("document", "type must include exactly one of VerifiableCredential or"
                    + " VerifiablePresentation (VCDM 2.0 §4.5 Types)");
        }
    }

    private static Kind kindOf(JsonNode value) {
        if (!value.isTextual()) return null;
        switch (value.textValue()) {
            case VcDataModel.VERIFIABLE_CREDENTIAL: return Kind.CREDENTIAL;
            case VcDataModel.VERIFIABLE_PRESENTATION: return Kind.PRESENTATION;
            case VcDataModel.ENVELOPED_VERIFIABLE_CREDENTIAL: return Kind.ENVELOPED_CREDENTIAL;
            case VcDataModel.ENVELOPED_VERIFIABLE_PRESENTATION: return Kind.ENVELOPED_PRESENTATION;
            default: return null;
        }
    }
}
