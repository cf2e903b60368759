package org.civitas.sdk.credential;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.civitas.sdk.FormatException;
import org.civitas.sdk.jcs.IJson;
import org.civitas.sdk.status.StatusEntry;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * A verifiable credential (VC Data Model v2.0, or v1.1 for reading older credentials) as an immutable view over
 * its JSON, checked against the data model's rules when read. It says what the credential claims; it does not say
 * whether the claims are true, the proof verifies or the credential is still valid: the verifier decides those.
 *
 * <p>The view keeps one private copy of the JSON; accessors return copies or immutable values, so it is
 * thread-safe. The v1.1 names {@code issuanceDate} and {@code expirationDate} are read as
 * {@link #validFrom()} and {@link #validUntil()}.
 */
public final class Credential implements VerifiableDocument {

    private static final String SUBJECT = "credential";

    private final ObjectNode json;
    private final DataModelVersion version;
    private final String id;
    private final List<String> types;
    private final String issuer;
    private final Instant validFrom;
    private final Instant validUntil;
    private final List<String> subjectIds;
    private final List<StatusEntry> statusEntries;

    private Credential(ObjectNode json, DataModelVersion version, String id, List<String> types, String issuer,
                       Instant validFrom, Instant validUntil, List<String> subjectIds,
                       List<StatusEntry> statusEntries) {
        this.json = json;
        this.version = version;
        this.id = id;
        this.types = types;
        this.issuer = issuer;
        this.validFrom = validFrom;
        this.validUntil = validUntil;
        this.subjectIds = subjectIds;
        this.statusEntries = statusEntries;
    }

    /**
     * Reads a credential from untrusted JSON text (strict I-JSON, see {@link IJson}).
     *
     * @throws FormatException if the text is not JSON or the credential breaks a data model rule; the message
     *     names the property and the rule's section
     */
    public static Credential parse(String text) throws FormatException {
        return read(IJson.parseObject(SUBJECT, text), SUBJECT);
    }

    /**
     * Reads a credential from a JSON tree. The tree is copied once, so later changes to it do not affect the view.
     *
     * @throws FormatException if the credential breaks a data model rule
     */
    public static Credential of(ObjectNode json) throws FormatException {
        return read(json.deepCopy(), SUBJECT);
    }

    /**
     * Reads a tree this class may keep without copying: one nobody else will change. Presentations use it for
     * their embedded credentials, which live inside the presentation's own private copy.
     */
    static Credential read(ObjectNode owned, String subject) throws FormatException {
        DataModelVersion version = DataModelRules.version(subject, owned);
        List<String> types = DataModelRules.types(subject, owned, VcDataModel.VERIFIABLE_CREDENTIAL,
            "VCDM 2.0 §4.5 Types");
        String id = DataModelRules.optionalId(subject, owned, "id");
        String issuer = readIssuer(subject, owned);
        List<String> subjectIds = readSubjects(subject, owned);
        Instant validFrom;
        Instant validUntil;
        if (version == DataModelVersion.V2_0) {
            validFrom = DataModelRules.optionalTime(subject, owned, "validFrom", "VCDM 2.0 §4.9 Validity Period");
            validUntil = DataModelRules.optionalTime(subject, owned, "validUntil", "VCDM 2.0 §4.9 Validity Period");
            checkOrder(subject, validFrom, validUntil, "validUntil", "validFrom", "VCDM 2.0 §4.9 Validity Period");
        } else {
            validFrom = DataModelRules.optionalTime(subject, owned, "issuanceDate", "VCDM 1.1 §4.6 Issuance Date");
            if (validFrom == null) {
                throw new FormatException(subject, "issuanceDate is missing; a v1.1 credential requires it"
                    + " (VCDM 1.1 §4.6 Issuance Date)");
            }
            validUntil = DataModelRules.optionalTime(subject, owned, "expirationDate", "VCDM 1.1 §4.8 Expiration");
            checkOrder(subject, validFrom, validUntil, "expirationDate", "issuanceDate", "VCDM 1.1 §4.8 Expiration");
        }
        List<StatusEntry> statusEntries = readStatus(subject, owned);
        return new Credential(owned, version, id, types, issuer, validFrom, validUntil, subjectIds, statusEntries);
    }

    /** The data model version, from the first {@code @context} item (VCDM 2.0 §4.3). */
    @Override public DataModelVersion version() { return version; }

    /** The credential's {@code id} URL, if it has one (VCDM 2.0 §4.4). */
    @Override public Optional<String> id() { return Optional.ofNullable(id); }

    /** The {@code type} values in document order, always including {@code VerifiableCredential} (VCDM 2.0 §4.5). */
    @Override public List<String> types() { return types; }

    /** The issuer's URL: the {@code issuer} string, or the {@code id} of the {@code issuer} object (VCDM 2.0 §4.7). */
    public String issuer() { return issuer; }

    /** {@code validFrom} (v2.0, §4.9) or {@code issuanceDate} (v1.1, §4.6); always present for v1.1. */
    public Optional<Instant> validFrom() { return Optional.ofNullable(validFrom); }

    /** {@code validUntil} (v2.0, §4.9) or {@code expirationDate} (v1.1, §4.8). */
    public Optional<Instant> validUntil() { return Optional.ofNullable(validUntil); }

    /** Copies of the {@code credentialSubject} objects, in document order; never empty (VCDM 2.0 §4.8). */
    public List<ObjectNode> subjects() {
        JsonNode subject = json.get("credentialSubject");
        if (subject.isObject()) return List.of(((ObjectNode) subject).deepCopy());
        List<ObjectNode> subjects = new ArrayList<>(subject.size());
        for (JsonNode each : subject) subjects.add(((ObjectNode) each).deepCopy());
        return Collections.unmodifiableList(subjects);
    }

    /** The {@code id} of each subject that has one, in document order (VCDM 2.0 §4.8, §4.4). */
    public List<String> subjectIds() { return subjectIds; }

    /** The {@code credentialStatus} entries, in document order; empty when there are none (VCDM 2.0 §4.10). */
    public List<StatusEntry> statusEntries() { return statusEntries; }

    /** Whether the credential carries a {@code proof} property (an embedded proof, VCDM 2.0 §4.12). */
    @Override public boolean hasProof() { return json.has("proof"); }

    /** A deep copy of the credential's JSON, proof included. */
    @Override public ObjectNode json() { return json.deepCopy(); }

    /** A deep copy of the credential's JSON without its {@code proof}: the document a Data Integrity proof signs. */
    @Override public ObjectNode withoutProof() {
        ObjectNode copy = json.deepCopy();
        copy.remove("proof");
        return copy;
    }

    @Override
    public String toString() {
        return "Credential[" + (id != null ? id + ", " : "") + "types=" + types + ", issuer=" + issuer + "]";
    }

    /** VCDM 2.0 §4.7 Issuer: required; a URL or an object whose {@code id} is a URL. */
    private static String readIssuer(String subject, ObjectNode json) throws FormatException {
        JsonNode issuer = json.get("issuer");
        if (issuer == null) {
            throw new FormatException(subject, "issuer is missing; it is required (VCDM 2.0 §4.7 Issuer)");
        }
        return DataModelRules.urlOrObjectWithId(subject, issuer, "issuer", "VCDM 2.0 §4.7 Issuer");
    }

    /** VCDM 2.0 §4.8: required; an object or a non-empty array of objects, each with at least one claim. */
    private static List<String> readSubjects(String subject, ObjectNode json) throws FormatException {
        JsonNode subjects = json.get("credentialSubject");
        if (subjects == null) {
            throw new FormatException(subject, "credentialSubject is missing; it is required"
                + " (VCDM 2.0 §4.8 Credential Subject)");
        }
        if (subjects.isObject()) {
            return readSubject(subject, subjects, "credentialSubject").map(List::of).orElse(List.of());
        }
        if (!subjects.isArray() || subjects.size() == 0) {
            throw new FormatException(subject, "credentialSubject must be an object or a non-empty array of objects"
                + " (VCDM 2.0 §4.8 Credential Subject)");
        }
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < subjects.size(); i++) {
            readSubject(subject, subjects.get(i), "credentialSubject[" + i + "]").ifPresent(ids::add);
        }
        return Collections.unmodifiableList(ids);
    }

    private static Optional<String> readSubject(String subject, JsonNode node, String where) throws FormatException {
        if (!node.isObject()) {
            throw new FormatException(subject, where + " must be an object (VCDM 2.0 §4.8 Credential Subject)");
        }
        if (node.size() == 0) {
            throw new FormatException(subject, where + " is empty; each subject must be the subject of at least"
                + " one claim (VCDM 2.0 §4.8 Credential Subject)");
        }
        JsonNode id = node.get("id");
        if (id == null) return Optional.empty();
        return Optional.of(DataModelRules.url(subject, id, where + ".id", "VCDM 2.0 §4.4 Identifiers"));
    }

    private static void checkOrder(String subject, Instant from, Instant until, String untilName, String fromName,
                                   String section) throws FormatException {
        if (from != null && until != null && until.isBefore(from)) {
            throw new FormatException(subject, untilName + " " + until + " is before " + fromName + " " + from
                + " (" + section + ")");
        }
    }

    /** VCDM 2.0 §4.10 Status: a single object or a non-empty array of objects, each read by {@link StatusEntry}. */
    private static List<StatusEntry> readStatus(String subject, ObjectNode json) throws FormatException {
        JsonNode status = json.get("credentialStatus");
        if (status == null) return List.of();
        if (status.isObject()) return List.of(StatusEntry.parse(subject + ": credentialStatus", status));
        if (!status.isArray() || status.size() == 0) {
            throw new FormatException(subject, "credentialStatus must be an object or a non-empty array of objects"
                + " (VCDM 2.0 §4.10 Status)");
        }
        List<StatusEntry> entries = new ArrayList<>(status.size());
        for (int i = 0; i < status.size(); i++) {
            entries.add(StatusEntry.parse(subject + ": credentialStatus[" + i + "]", status.get(i)));
        }
        return Collections.unmodifiableList(entries);
    }
}
