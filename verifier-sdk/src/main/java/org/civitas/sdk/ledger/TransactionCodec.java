package org.civitas.sdk.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.civitas.sdk.FormatException;
import org.civitas.sdk.did.Did;
import org.civitas.sdk.did.DidDocument;
import org.civitas.sdk.jcs.IJson;
import org.civitas.sdk.jcs.Jcs;
import org.civitas.sdk.key.VerificationKey;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/** JSON form of {@link Transaction}s: one place for member names and strict reading. */
final class TransactionCodec {

    static final String GENESIS = "genesis";
    static final String DID_CREATE = "did.create";
    static final String DID_UPDATE = "did.update";
    static final String DID_DEACTIVATE = "did.deactivate";
    static final String ACCREDITATION_GRANT = "accreditation.grant";
    static final String ACCREDITATION_WITHDRAW = "accreditation.withdraw";
    static final String SCHEMA_REGISTER = "schema.register";
    static final String STATUSLIST_ANCHOR = "statuslist.anchor";
    static final String AUDIT_ANCHOR = "audit.anchor";
    /** Payloads above this are refused before parsing: DID documents are small, and the log is forever. */
    static final int MAX_PAYLOAD_BYTES = 64 * 1024;

    private TransactionCodec() { }

    static Transaction parse(byte[] payload) throws FormatException {
        if (payload.length > MAX_PAYLOAD_BYTES) {
            throw new FormatException("transaction", "payload of " + payload.length + " bytes exceeds "
                + MAX_PAYLOAD_BYTES);
        }
        ObjectNode json = IJson.parseObject("transaction", new String(payload, StandardCharsets.UTF_8));
        if (!Arrays.equals(Jcs.canonicalize(json), payload)) {
            throw new FormatException("transaction", "payload is not in RFC 8785 canonical form");
        }
        Reader r = new Reader(json);
        String type = r.text("type");
        Transaction tx = switch (type) {
            case GENESIS -> genesis(r);
            case DID_CREATE -> new Transaction.DidCreate(r.document("document"), r.text("nonce"));
            case DID_UPDATE -> new Transaction.DidUpdate(r.document("document"), r.digest("previous"),
                revocations(r), r.text("nonce"));
            case DID_DEACTIVATE -> new Transaction.DidDeactivate(r.did("did"), r.digest("previous"), r.text("nonce"));
            case ACCREDITATION_GRANT -> grant(r);
            case ACCREDITATION_WITHDRAW -> new Transaction.AccreditationWithdrawal(r.did("accreditor"),
                r.digest("grant"), r.text("reason"), r.text("nonce"));
            case SCHEMA_REGISTER -> new Transaction.SchemaRegistration(r.did("registrant"), r.text("typeId"),
                r.text("version"), r.digest("schemaDigest"), r.text("nonce"));
            case STATUSLIST_ANCHOR -> new Transaction.StatusListAnchoring(r.did("issuer"), r.text("listId"),
                r.positive("version"), r.digest("digest"), r.text("nonce"));
            case AUDIT_ANCHOR -> new Transaction.AuditAnchoring(r.did("agency"), r.nonNegative("sequence"),
                r.digest("chainHead"), r.text("nonce"));
            default -> throw new FormatException("transaction", "unknown type '" + type + "'");
        };
        r.requireOnly(tx.type());
        return tx;
    }

    private static Transaction.Genesis genesis(Reader r) throws FormatException {
        LedgerHash hash = LedgerHash.byAlgorithm(r.text("hashAlgorithm"));
        if (hash == null) throw new FormatException("genesis", "hashAlgorithm must be SHA-256 or SM3");
        List<Transaction.Node> nodes = new ArrayList<>();
        for (JsonNode node : r.array("nodes")) {
            Reader n = new Reader(node);
            nodes.add(new Transaction.Node(n.text("id"), VerificationKey.fromMultibase(n.text("publicKeyMultibase"))));
            n.requireOnly("node");
        }
        try {
            return new Transaction.Genesis(r.text("ledger"), hash, nodes, (int) r.positive("quorum"),
                r.document("nationalRoot"), r.instant("createdAt"), r.text("nonce"));
        } catch (IllegalArgumentException e) {
            throw new FormatException("genesis", e.getMessage());
        }
    }

    private static Transaction.AccreditationGrant grant(Reader r) throws FormatException {
        Transaction.Tier tier;
        try {
            tier = Transaction.Tier.valueOf(r.text("tier"));
        } catch (IllegalArgumentException e) {
            throw new FormatException("accreditation.grant", "tier must be PROVINCIAL_ROOT or AGENCY");
        }
        return new Transaction.AccreditationGrant(r.did("accreditor"), r.did("subject"), tier,
            r.texts("credentialTypes"), r.texts("regions"), r.instant("validFrom"),
            r.has("validUntil") ? r.instant("validUntil") : null, r.text("nonce"));
    }

    private static List<Transaction.KeyRevocation> revocations(Reader r) throws FormatException {
        List<Transaction.KeyRevocation> out = new ArrayList<>();
        if (!r.has("revokedKeys")) return out;
        for (JsonNode revoked : r.array("revokedKeys")) {
            Reader k = new Reader(revoked);
            out.add(new Transaction.KeyRevocation(k.text("verificationMethod"), k.instant("compromisedSince")));
            k.requireOnly("revokedKeys entry");
        }
        return out;
    }

    static ObjectNode toJson(Transaction.Genesis g) {
        ObjectNode json = start(g);
        json.put("ledger", g.ledgerName());
        json.put("hashAlgorithm", g.hash().algorithm());
        ArrayNode nodes = json.putArray("nodes");
        for (Transaction.Node node : g.nodes()) {
            nodes.addObject().put("id", node.id()).put("publicKeyMultibase", node.key().toMultibase());
        }
        json.put("quorum", g.quorum());
        json.set("nationalRoot", g.nationalRoot().json());
        json.put("createdAt", g.createdAt().toString());
        return json;
    }

    static ObjectNode toJson(Transaction.DidCreate t) {
        ObjectNode json = start(t);
        json.set("document", t.document().json());
        return json;
    }

    static ObjectNode toJson(Transaction.DidUpdate t) {
        ObjectNode json = start(t);
        json.set("document", t.document().json());
        json.put("previous", t.previous().toString());
        if (!t.revokedKeys().isEmpty()) {
            ArrayNode revoked = json.putArray("revokedKeys");
            for (Transaction.KeyRevocation k : t.revokedKeys()) {
                revoked.addObject().put("verificationMethod", k.verificationMethod())
                    .put("compromisedSince", k.compromisedSince().toString());
            }
        }
        return json;
    }

    static ObjectNode toJson(Transaction.DidDeactivate t) {
        ObjectNode json = start(t);
        json.put("did", t.did().toString());
        json.put("previous", t.previous().toString());
        return json;
    }

    static ObjectNode toJson(Transaction.AccreditationGrant t) {
        ObjectNode json = start(t);
        json.put("accreditor", t.accreditor().toString());
        json.put("subject", t.subject().toString());
        json.put("tier", t.tier().name());
        t.credentialTypes().forEach(json.putArray("credentialTypes")::add);
        t.regions().forEach(json.putArray("regions")::add);
        json.put("validFrom", t.validFrom().toString());
        if (t.validUntil() != null) json.put("validUntil", t.validUntil().toString());
        return json;
    }

    static ObjectNode toJson(Transaction.AccreditationWithdrawal t) {
        ObjectNode json = start(t);
        json.put("accreditor", t.accreditor().toString());
        json.put("grant", t.grant().toString());
        json.put("reason", t.reason());
        return json;
    }

    static ObjectNode toJson(Transaction.SchemaRegistration t) {
        ObjectNode json = start(t);
        json.put("registrant", t.registrant().toString());
        json.put("typeId", t.typeId());
        json.put("version", t.version());
        json.put("schemaDigest", t.schemaDigest().toString());
        return json;
    }

    static ObjectNode toJson(Transaction.StatusListAnchoring t) {
        ObjectNode json = start(t);
        json.put("issuer", t.issuer().toString());
        json.put("listId", t.listId());
        json.put("version", t.version());
        json.put("digest", t.digest().toString());
        return json;
    }

    static ObjectNode toJson(Transaction.AuditAnchoring t) {
        ObjectNode json = start(t);
        json.put("agency", t.agency().toString());
        json.put("sequence", t.sequence());
        json.put("chainHead", t.chainHead().toString());
        return json;
    }

    private static ObjectNode start(Transaction t) {
        ObjectNode json = IJson.mapper().createObjectNode();
        json.put("type", t.type());
        json.put("nonce", t.nonce());
        return json;
    }

    /** Strict member reading with messages that name the member. */
    private static final class Reader {
        private final JsonNode json;
        private final Set<String> read = new java.util.HashSet<>();

        Reader(JsonNode json) throws FormatException {
            if (!json.isObject()) throw new FormatException("transaction", "expected an object");
            this.json = json;
        }

        boolean has(String name) { return json.has(name); }

        JsonNode get(String name) throws FormatException {
            JsonNode value = json.get(name);
            if (value == null || value.isNull()) throw new FormatException("transaction", "missing member '" + name + "'");
            read.add(name);
            return value;
        }

        String text(String name) throws FormatException {
            JsonNode value = get(name);
            if (!value.isTextual() || value.textValue().isEmpty()) {
                throw new FormatException("transaction", "'" + name + "' must be a non-empty string");
            }
            return value.textValue();
        }

        List<String> texts(String name) throws FormatException {
            List<String> out = new ArrayList<>();
            for (JsonNode item : array(name)) {
                if (!item.isTextual() || item.textValue().isEmpty()) {
                    throw new FormatException("transaction", "'" + name + "' must hold non-empty strings");
                }
                out.add(item.textValue());
            }
            return out;
        }

        JsonNode array(String name) throws FormatException {
            JsonNode value = get(name);
            if (!value.isArray()) throw new FormatException("transaction", "'" + name + "' must be an array");
            return value;
        }

        Did did(String name) throws FormatException { return Did.parse(text(name)); }

        Digest digest(String name) throws FormatException { return Digest.parse(name, text(name)); }

        Instant instant(String name) throws FormatException {
            try {
                return Instant.parse(text(name));
            } catch (DateTimeParseException e) {
                throw new FormatException("transaction", "'" + name + "' must be an ISO-8601 UTC time");
            }
        }

        long positive(String name) throws FormatException {
            long value = nonNegative(name);
            if (value < 1) throw new FormatException("transaction", "'" + name + "' must be at least 1");
            return value;
        }

        long nonNegative(String name) throws FormatException {
            JsonNode value = get(name);
            if (!value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() < 0) {
                throw new FormatException("transaction", "'" + name + "' must be a non-negative integer");
            }
            return value.longValue();
        }

        DidDocument document(String name) throws FormatException {
            JsonNode value = get(name);
            if (!value.isObject()) throw new FormatException("transaction", "'" + name + "' must be a DID document");
            return DidDocument.of((ObjectNode) value);
        }

        /** Unknown members are refused: every node must read a transaction the same way, now and later. */
        void requireOnly(String what) throws FormatException {
            Iterator<String> names = json.fieldNames();
            while (names.hasNext()) {
                String name = names.next();
                if (!read.contains(name) && !"type".equals(name)) {
                    throw new FormatException(what, "unknown member '" + name + "'");
                }
            }
        }
    }
}
