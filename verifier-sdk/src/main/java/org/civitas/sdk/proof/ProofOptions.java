package org.civitas.sdk.proof;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.civitas.sdk.internal.XsdDateTime;
import org.civitas.sdk.jcs.IJson;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The options of a proof to create (VC Data Integrity 1.0 §2.1 "Proofs"): the suite, the verification method and
 * purpose, and the optional {@code created}, {@code expires}, {@code challenge}, {@code domain},
 * {@code previousProof}, {@code id} and {@code nonce}. The type is always {@value #TYPE}. Immutable and thread-safe;
 * build with {@link #builder(String, String)}.
 */
public final class ProofOptions {

    /** The proof type of every suite the SDK implements (VC Data Integrity 1.0 §3.1). */
    public static final String TYPE = "DataIntegrityProof";
    /** The purpose of a credential issuer's proof (VC Data Integrity 1.0 §2.2), used unless another is set. */
    public static final String DEFAULT_PROOF_PURPOSE = "assertionMethod";

    private final String cryptosuite;
    private final String verificationMethod;
    private final String proofPurpose;
    private final Instant created;
    private final Instant expires;
    private final String challenge;
    private final List<String> domain;
    private final List<String> previousProof;
    private final String id;
    private final String nonce;

    private ProofOptions(Builder builder) {
        this.cryptosuite = builder.cryptosuite;
        this.verificationMethod = builder.verificationMethod;
        this.proofPurpose = builder.proofPurpose;
        this.created = builder.created;
        this.expires = builder.expires;
        this.challenge = builder.challenge;
        this.domain = List.copyOf(builder.domain);
        this.previousProof = List.copyOf(builder.previousProof);
        this.id = builder.id;
        this.nonce = builder.nonce;
    }

    /**
     * A builder for a proof by {@code cryptosuite} (e.g. {@code eddsa-jcs-2022}) with the key identified by
     * {@code verificationMethod} (a DID URL such as {@code did:key:z6Mk…#z6Mk…}).
     */
    public static Builder builder(String cryptosuite, String verificationMethod) {
        return new Builder(cryptosuite, verificationMethod);
    }

    /** Always {@value #TYPE}. */
    public String type() { return TYPE; }

    /** The cryptosuite name, e.g. {@code eddsa-jcs-2022}. */
    public String cryptosuite() { return cryptosuite; }

    /** The verification method that signs, a DID URL such as {@code did:key:z6Mk…#z6Mk…}. */
    public String verificationMethod() { return verificationMethod; }

    /** The proof purpose; {@value #DEFAULT_PROOF_PURPOSE} unless set. */
    public String proofPurpose() { return proofPurpose; }

    /** When the proof was made; empty when the proof will not say. */
    public Optional<Instant> created() { return Optional.ofNullable(created); }

    /** When the proof stops being valid; empty when it does not expire. */
    public Optional<Instant> expires() { return Optional.ofNullable(expires); }

    /** The verifier's challenge the proof answers; empty when none. */
    public Optional<String> challenge() { return Optional.ofNullable(challenge); }

    /** The security domains the proof is locked to; empty when none. */
    public List<String> domain() { return domain; }

    /** The ids of the proofs this proof chains to (VC Data Integrity 1.0 §2.1.2 "Proof Chains"); empty when none. */
    public List<String> previousProof() { return previousProof; }

    /** The proof's own id; empty when none. */
    public Optional<String> id() { return Optional.ofNullable(id); }

    /** The nonce; empty when none. */
    public Optional<String> nonce() { return Optional.ofNullable(nonce); }

    /**
     * The options as a proof object without {@code proofValue}, members in the order of the W3C examples: type, id,
     * cryptosuite, created, expires, verificationMethod, proofPurpose, challenge, domain, nonce, previousProof.
     * {@code created}/{@code expires} are written in UTC with a {@code Z} ({@code 2023-02-24T23:36:38Z}); a single
     * domain or previous proof is written as a string, several as an array. A new tree on each call.
     */
    public ObjectNode toJson() {
        ObjectNode json = IJson.mapper().createObjectNode();
        json.put("type", TYPE);
        if (id != null) json.put("id", id);
        json.put("cryptosuite", cryptosuite);
        if (created != null) json.put("created", XsdDateTime.format(created));
        if (expires != null) json.put("expires", XsdDateTime.format(expires));
        json.put("verificationMethod", verificationMethod);
        json.put("proofPurpose", proofPurpose);
        if (challenge != null) json.put("challenge", challenge);
        putOneOrMany(json, "domain", domain);
        if (nonce != null) json.put("nonce", nonce);
        putOneOrMany(json, "previousProof", previousProof);
        return json;
    }

    private static void putOneOrMany(ObjectNode json, String name, List<String> values) {
        if (values.size() == 1) {
            json.put(name, values.get(0));
        } else if (!values.isEmpty()) {
            ArrayNode array = json.putArray(name);
            values.forEach(array::add);
        }
    }

    @Override
    public String toString() { return "ProofOptions" + toJson(); }

    /** Builds {@link ProofOptions}. Not thread-safe; each {@link #build()} makes an independent value. */
    public static final class Builder {
        private final String cryptosuite;
        private final String verificationMethod;
        private String proofPurpose = DEFAULT_PROOF_PURPOSE;
        private Instant created;
        private Instant expires;
        private String challenge;
        private List<String> domain = List.of();
        private List<String> previousProof = List.of();
        private String id;
        private String nonce;

        private Builder(String cryptosuite, String verificationMethod) {
            this.cryptosuite = nonEmpty(cryptosuite, "cryptosuite");
            this.verificationMethod = nonEmpty(verificationMethod, "verificationMethod");
        }

        /** The proof purpose, e.g. {@code authentication} for a presentation (VC Data Integrity 1.0 §2.2). */
        public Builder proofPurpose(String proofPurpose) {
            this.proofPurpose = nonEmpty(proofPurpose, "proofPurpose");
            return this;
        }

        /** When the proof was made; written to the second unless the instant has a fraction. */
        public Builder created(Instant created) {
            this.created = Objects.requireNonNull(created, "created");
            return this;
        }

        /** When the proof stops being valid. */
        public Builder expires(Instant expires) {
            this.expires = Objects.requireNonNull(expires, "expires");
            return this;
        }

        /** The verifier's challenge, against replay (VC Data Integrity 1.0 §2.1 "challenge"). */
        public Builder challenge(String challenge) {
            this.challenge = nonEmpty(challenge, "challenge");
            return this;
        }

        /** One security domain the proof is locked to. */
        public Builder domain(String domain) {
            return domains(List.of(nonEmpty(domain, "domain")));
        }

        /** Several security domains (the spec allows a set). */
        public Builder domains(List<String> domains) {
            List<String> copy = new ArrayList<>(domains);
            copy.forEach(d -> nonEmpty(d, "domain"));
            this.domain = copy;
            return this;
        }

        /** The ids of the proofs, already on the document, that this proof chains to. */
        public Builder previousProof(String... ids) {
            List<String> copy = new ArrayList<>(Arrays.asList(ids));
            copy.forEach(p -> nonEmpty(p, "previousProof"));
            this.previousProof = copy;
            return this;
        }

        /** The proof's own id, so that later proofs can chain to it (e.g. {@code urn:uuid:…}). */
        public Builder id(String id) {
            this.id = nonEmpty(id, "id");
            return this;
        }

        /** A nonce, so that equal inputs give different proofs. */
        public Builder nonce(String nonce) {
            this.nonce = nonEmpty(nonce, "nonce");
            return this;
        }

        /** @throws IllegalArgumentException {@code expires} is not after {@code created} */
        public ProofOptions build() {
            if (created != null && expires != null && !expires.isAfter(created)) {
                throw new IllegalArgumentException("expires " + expires + " is not after created " + created);
            }
            return new ProofOptions(this);
        }

        private static String nonEmpty(String value, String name) {
            if (Objects.requireNonNull(value, name).isEmpty()) throw new IllegalArgumentException(name + " is empty");
            return value;
        }
    }
}
