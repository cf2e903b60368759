package org.civitas.sdk.proof;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.civitas.sdk.FormatException;
import org.civitas.sdk.internal.XsdDateTime;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One data integrity proof as found in a secured document (VC Data Integrity 1.0 §2.1 "Proofs"), read from
 * untrusted JSON: an immutable view with an accessor for every property. The JSON is kept as it was, so that
 * verification hashes exactly what was signed ({@code created} is never re-serialised). Thread-safe.
 */
public final class Proof {

    private final ObjectNode json;
    private final String type;
    private final String cryptosuite;
    private final String verificationMethod;
    private final String proofPurpose;
    private final String proofValue;
    private final Instant created;
    private final Instant expires;
    private final String challenge;
    private final List<String> domain;
    private final List<String> previousProof;
    private final String id;
    private final String nonce;

    private Proof(ObjectNode json) throws FormatException {
        this.json = json;
        // VC Data Integrity 1.0 §4.4 step 4: type, verificationMethod and proofPurpose must exist
        this.type = required(json, "type");
        this.verificationMethod = required(json, "verificationMethod");
        this.proofPurpose = required(json, "proofPurpose");
        // §2.1: a DataIntegrityProof names its cryptosuite; every suite here carries a proofValue
        this.cryptosuite = ProofOptions.TYPE.equals(type) ? required(json, "cryptosuite") : optional(json, "cryptosuite");
        this.proofValue = required(json, "proofValue");
        this.created = dateTime(json, "created");
        this.expires = dateTime(json, "expires");
        this.challenge = optional(json, "challenge");
        this.domain = oneOrMany(json, "domain");
        this.previousProof = oneOrMany(json, "previousProof");
        this.id = optional(json, "id");
        this.nonce = optional(json, "nonce");
    }

    /**
     * Reads a proof object. The tree is copied: later changes to {@code node} do not affect the view.
     *
     * @throws FormatException not an object, a required member missing or not a string, {@code created} or
     *                         {@code expires} not an XML Schema dateTimeStamp, or {@code domain}/{@code previousProof}
     *                         neither a string nor an array of strings
     */
    public static Proof parse(JsonNode node) throws FormatException {
        if (node == null || !node.isObject()) throw new FormatException("proof", "a proof must be a JSON object");
        return new Proof(((ObjectNode) node).deepCopy());
    }

    /** Reads a proof without copying it, for verification inside this package; the tree must not change after. */
    static Proof read(JsonNode node) throws FormatException {
        if (node == null || !node.isObject()) throw new FormatException("proof", "a proof must be a JSON object");
        return new Proof((ObjectNode) node);
    }

    /** The proof type, e.g. {@code DataIntegrityProof}. */
    public String type() { return type; }

    /** The cryptosuite name; empty only for proofs of another type than DataIntegrityProof. */
    public String cryptosuite() { return cryptosuite == null ? "" : cryptosuite; }

    /** The verification method, as written (a DID URL for the proofs Civitas verifies). */
    public String verificationMethod() { return verificationMethod; }

    /** The proof purpose, e.g. {@code assertionMethod}. */
    public String proofPurpose() { return proofPurpose; }

    /** The multibase-encoded signature, as written. */
    public String proofValue() { return proofValue; }

    /** When the proof says it was made; empty when it does not say. */
    public Optional<Instant> created() { return Optional.ofNullable(created); }

    /** When the proof says it stops being valid; empty when it does not say. */
    public Optional<Instant> expires() { return Optional.ofNullable(expires); }

    /** The challenge the proof answers; empty when none. */
    public Optional<String> challenge() { return Optional.ofNullable(challenge); }

    /** The domains, a single string read as a list of one; empty when absent. */
    public List<String> domain() { return domain; }

    /** The ids of the proofs this one chains to, a single string read as a list of one; empty when absent. */
    public List<String> previousProof() { return previousProof; }

    /** The proof's own id, which later proofs of a chain name; empty when none. */
    public Optional<String> id() { return Optional.ofNullable(id); }

    /** The proof's nonce; empty when none. */
    public Optional<String> nonce() { return Optional.ofNullable(nonce); }

    /** A copy of the proof's JSON, exactly as read. */
    public ObjectNode json() { return json.deepCopy(); }

    /** The tree itself, for verification inside this package; never handed out. */
    ObjectNode node() { return json; }

    private static String required(ObjectNode json, String name) throws FormatException {
        String value = optional(json, name);
        if (value == null || value.isEmpty()) throw new FormatException("proof", "missing " + name);
        return value;
    }

    private static String optional(ObjectNode json, String name) throws FormatException {
        JsonNode value = json.get(name);
        if (value == null) return null;
        if (!value.isTextual()) throw new FormatException("proof", name + " must be a string");
        return value.textValue();
    }

    private static Instant dateTime(ObjectNode json, String name) throws FormatException {
        String text = optional(json, name);
        if (text == null) return null;
        Instant instant = XsdDateTime.parseOrNull(text);
        if (instant == null) {
            throw new FormatException("proof", name + " is not an XML Schema dateTimeStamp such as 2025-03-02T10:00:00Z");
        }
        return instant;
    }

    private static List<String> oneOrMany(ObjectNode json, String name) throws FormatException {
        JsonNode value = json.get(name);
        if (value == null) return List.of();
        if (value.isTextual()) return List.of(value.textValue());
        if (!value.isArray()) throw new FormatException("proof", name + " must be a string or an array of strings");
        List<String> values = new ArrayList<>(value.size());
        for (JsonNode element : value) {
            if (!element.isTextual()) throw new FormatException("proof", name + " must be a string or an array of strings");
            values.add(element.textValue());
        }
        return List.copyOf(values);
    }

    @Override
    public String toString() {
        return "Proof[" + cryptosuite() + " " + verificationMethod + " " + proofPurpose + "]";
    }
}
