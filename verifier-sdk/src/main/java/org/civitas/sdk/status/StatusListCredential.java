package org.civitas.sdk.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.civitas.sdk.FormatException;
import org.civitas.sdk.credential.Credential;
import org.civitas.sdk.credential.DataModelVersion;
import org.civitas.sdk.credential.VcDataModel;
import org.civitas.sdk.internal.Texts;
import org.civitas.sdk.jcs.IJson;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A status list credential (Bitstring Status List v1.0 §2.2) as an immutable view: who published which list,
 * when, for which purposes, and its bits, decoded once when read. Proofs are not checked here: the verifier checks
 * the credential's proof before trusting this view. Thread-safe.
 *
 * <p>Civitas requires {@code validFrom} on status lists (the spec makes it optional), because a verifier that
 * works offline judges a list's freshness by when it was issued.
 */
public final class StatusListCredential {

    private static final String SUBJECT = "status list credential";

    private final Credential credential;
    private final List<StatusPurpose> statusPurposes;
    private final StatusBits bits;
    private final Duration ttl;

    private StatusListCredential(Credential credential, List<StatusPurpose> statusPurposes, StatusBits bits,
                                 Duration ttl) {
        this.credential = credential;
        this.statusPurposes = statusPurposes;
        this.bits = bits;
        this.ttl = ttl;
    }

    /** Reads a status list credential from untrusted JSON text. */
    public static StatusListCredential parse(String text) throws FormatException {
        return of(Credential.parse(text));
    }

    /**
     * Reads a status list credential from a JSON tree, which is copied once.
     *
     * @throws FormatException if it is not a conforming VC Data Model 2.0 credential (§2.2) or breaks a rule of
     *     §2.2; the message names the property
     */
    public static StatusListCredential parse(ObjectNode json) throws FormatException {
        return of(Credential.of(json));
    }

    /** Reads the status list inside an already parsed credential. */
    public static StatusListCredential of(Credential credential) throws FormatException {
        if (credential.version() != DataModelVersion.V2_0) {
            throw new FormatException(SUBJECT, "must be a VC Data Model 2.0 credential, with @context starting with "
                + VcDataModel.CONTEXT_V2 + " (Bitstring Status List §2.2)");
        }
        if (!credential.types().contains(BitstringStatusList.CREDENTIAL_TYPE)) {
            throw new FormatException(SUBJECT, "type must include " + BitstringStatusList.CREDENTIAL_TYPE
                + " (Bitstring Status List §2.2)");
        }
        if (!credential.validFrom().isPresent()) {
            throw new FormatException(SUBJECT, "validFrom is missing; Civitas requires it on status lists so that"
                + " verifiers can tell how old a list is");
        }
        List<ObjectNode> subjects = credential.subjects();
        if (subjects.size() != 1) {
            throw new FormatException(SUBJECT, "credentialSubject must be the one status list, found "
                + subjects.size() + " subjects (Bitstring Status List §2.2)");
        }
        ObjectNode list = subjects.get(0);
        JsonNode type = list.get("type");
        if (type == null || !(type.isTextual() ? BitstringStatusList.LIST_TYPE.equals(type.textValue())
                : type.isArray() && containsText(type, BitstringStatusList.LIST_TYPE))) {
            throw new FormatException(SUBJECT, "credentialSubject.type must be " + BitstringStatusList.LIST_TYPE
                + " (Bitstring Status List §2.2)");
        }
        List<StatusPurpose> purposes = readPurposes(list.get("statusPurpose"));
        JsonNode encodedList = list.get("encodedList");
        if (encodedList == null || !encodedList.isTextual()) {
            throw new FormatException(SUBJECT, "credentialSubject.encodedList must be a string"
                + " (Bitstring Status List §2.2)");
        }
        StatusBits bits = StatusBits.decode(encodedList.textValue(), BitstringStatusList.DEFAULT_STATUS_SIZE);
        return new StatusListCredential(credential, purposes, bits, readTtl(list.get("ttl")));
    }

    /** A builder for the unsigned JSON of a new status list credential, for issuers. */
    public static Builder builder() { return new Builder(); }

    /**
     * The credential's {@code id}, which entries name in {@code statusListCredential}; optional in the spec
     * (§2.2 {@code id}), but a list without one cannot be matched to an entry.
     */
    public Optional<String> id() { return credential.id(); }

    /** The URL of the list's issuer (VCDM 2.0 §4.7). May differ from the issuer of the credentials it covers. */
    public String issuer() { return credential.issuer(); }

    /** When the list was issued: its {@code validFrom} (§2.2, VCDM 2.0 §4.9), always present here. */
    public Instant validFrom() { return credential.validFrom().get(); }

    /** The latest instant the list is valid, if it says (§2.2 {@code validUntil}). */
    public Optional<Instant> validUntil() { return credential.validUntil(); }

    /** The purposes the list serves, in document order (§2.2 {@code credentialSubject.statusPurpose}). */
    public List<StatusPurpose> statusPurposes() { return statusPurposes; }

    /**
     * The list's bits read as single-bit entries; read them as wider entries with
     * {@link StatusBits#withStatusSize(int)}, since the entry, not the list, states the size (§2.1 {@code statusSize}).
     */
    public StatusBits bits() { return bits; }

    /**
     * How long after it was issued a refresh should be attempted, if the list says (§2.2 {@code credentialSubject.ttl},
     * in milliseconds). It does not shorten or extend the list's validity period; no default applies when absent.
     */
    public Optional<Duration> ttl() { return Optional.ofNullable(ttl); }

    /** The credential this view reads, for proof checking. */
    public Credential credential() { return credential; }

    @Override
    public String toString() {
        return "StatusListCredential[" + credential.id().orElse("(no id)") + ", purposes=" + statusPurposes + ", "
            + bits + "]";
    }

    private static List<StatusPurpose> readPurposes(JsonNode node) throws FormatException {
        // §2.2: "MUST be one or more strings"
        if (node == null) {
            throw new FormatException(SUBJECT, "credentialSubject.statusPurpose is missing"
                + " (Bitstring Status List §2.2)");
        }
        List<JsonNode> values = new ArrayList<>();
        if (node.isArray() && node.size() > 0) node.forEach(values::add);
        else values.add(node);
        Set<StatusPurpose> purposes = EnumSet.noneOf(StatusPurpose.class);
        List<StatusPurpose> ordered = new ArrayList<>();
        for (JsonNode value : values) {
            if (!value.isTextual()) {
                throw new FormatException(SUBJECT, "credentialSubject.statusPurpose must be one or more strings"
                    + " (Bitstring Status List §2.2)");
            }
            Optional<StatusPurpose> purpose = StatusPurpose.fromValue(value.textValue());
            if (!purpose.isPresent()) {
                throw new FormatException(SUBJECT, "credentialSubject.statusPurpose " + Texts.quote(value.textValue())
                    + " is not supported: expected refresh, revocation, suspension or message");
            }
            if (purposes.add(purpose.get())) ordered.add(purpose.get());
        }
        return Collections.unmodifiableList(ordered);
    }

    private static Duration readTtl(JsonNode node) throws FormatException {
        if (node == null) return null;
        if (!node.isIntegralNumber() || !node.canConvertToLong() || node.longValue() < 0) {
            throw new FormatException(SUBJECT, "credentialSubject.ttl must be a whole number of milliseconds, found "
                + node + " (Bitstring Status List §2.2)");
        }
        return Duration.ofMillis(node.longValue());
    }

    private static boolean containsText(JsonNode array, String text) {
        for (JsonNode value : array) {
            if (value.isTextual() && text.equals(value.textValue())) return true;
        }
        return false;
    }

    /**
     * Builds the unsigned JSON of a status list credential (Bitstring Status List §3.1 Generate Algorithm, steps
     * 2-4); the issuer then adds a proof (Data Integrity) and publishes it. Required: {@link #id}, {@link #issuer},
     * {@link #validFrom}, at least one {@link #statusPurpose} and the bits. Not thread-safe.
     */
    public static final class Builder {

        private String id;
        private String issuer;
        private Instant validFrom;
        private Instant validUntil;
        private final Set<StatusPurpose> purposes = EnumSet.noneOf(StatusPurpose.class);
        private final List<StatusPurpose> orderedPurposes = new ArrayList<>();
        private String encodedList;
        private Duration ttl;

        private Builder() { }

        /** The list's URL: the credential's {@code id}, and the {@code statusListCredential} entries point to. */
        public Builder id(String listUrl) { this.id = listUrl; return this; }

        /** The issuer's URL, typically its DID. */
        public Builder issuer(String issuerUrl) { this.issuer = issuerUrl; return this; }

        /** When the list takes effect; verifiers measure its age from here. */
        public Builder validFrom(Instant validFrom) { this.validFrom = validFrom; return this; }

        /** Optional: the latest instant the list is valid. */
        public Builder validUntil(Instant validUntil) { this.validUntil = validUntil; return this; }

        /** Adds a purpose; a list may serve several (§2.2 {@code statusPurpose}). */
        public Builder statusPurpose(StatusPurpose purpose) {
            if (purposes.add(purpose)) orderedPurposes.add(purpose);
            return this;
        }

        /** The bits, encoded now (§3.3 step 3). */
        public Builder bits(StatusBits bits) { this.encodedList = bits.encode(); return this; }

        /** The bits of an issuer's working list, encoded now; later changes to it are not included. */
        public Builder bits(StatusBits.Builder bits) { this.encodedList = bits.encode(); return this; }

        /** Optional: a refresh hint (§2.2 {@code ttl}), written in whole milliseconds. */
        public Builder ttl(Duration ttl) { this.ttl = ttl; return this; }

        /**
         * The unsigned credential: {@code @context} [credentials v2], {@code type} [VerifiableCredential,
         * BitstringStatusListCredential], {@code issuer}, {@code validFrom} (and {@code validUntil}), and a
         * {@code credentialSubject} with {@code id} {@code <listUrl>#list}, {@code type} BitstringStatusList,
         * {@code statusPurpose} (a string, or an array when there are several), {@code encodedList} (and
         * {@code ttl}).
         *
         * @throws IllegalStateException if a required part is missing or validUntil is before validFrom
         */
        public ObjectNode buildUnsigned() {
            if (id == null || issuer == null || validFrom == null || orderedPurposes.isEmpty() || encodedList == null) {
                throw new IllegalStateException("a status list credential needs id, issuer, validFrom, a statusPurpose"
                    + " and bits");
            }
            if (validUntil != null && validUntil.isBefore(validFrom)) {
                throw new IllegalStateException("validUntil is before validFrom");
            }
            ObjectNode json = IJson.mapper().createObjectNode();
            json.putArray("@context").add(VcDataModel.CONTEXT_V2);
            json.put("id", id);
            json.putArray("type").add(VcDataModel.VERIFIABLE_CREDENTIAL).add(BitstringStatusList.CREDENTIAL_TYPE);
            json.put("issuer", issuer);
            json.put("validFrom", validFrom.toString());
            if (validUntil != null) json.put("validUntil", validUntil.toString());
            ObjectNode subject = json.putObject("credentialSubject");
            subject.put("id", id + BitstringStatusList.LIST_FRAGMENT);
            subject.put("type", BitstringStatusList.LIST_TYPE);
            if (orderedPurposes.size() == 1) {
                subject.put("statusPurpose", orderedPurposes.get(0).value());
            } else {
                ArrayNode values = subject.putArray("statusPurpose");
                orderedPurposes.forEach(purpose -> values.add(purpose.value()));
            }
            subject.put("encodedList", encodedList);
            if (ttl != null) subject.put("ttl", ttl.toMillis());
            return json;
        }
    }
}
