package org.civitas.sdk.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.civitas.sdk.FormatException;
import org.civitas.sdk.jcs.IJson;
import org.civitas.sdk.jcs.Jcs;
import org.civitas.sdk.key.SigningKey;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A transaction with its authors' signatures over the exact payload bytes, as submitted to the ledger.
 * Immutable.
 */
public final class SignedTransaction {

    private final byte[] payload;
    private final Transaction transaction;
    private final List<TransactionSignature> signatures;

    private SignedTransaction(byte[] payload, Transaction transaction, List<TransactionSignature> signatures) {
        this.payload = payload;
        this.transaction = transaction;
        this.signatures = List.copyOf(signatures);
    }

    /**
     * Signs a transaction with each key under its verification method id (DID URL), in the given order.
     *
     * @param signers verification method id → key
     */
    public static SignedTransaction sign(Transaction transaction, Map<String, SigningKey> signers) {
        if (signers.isEmpty()) throw new IllegalArgumentException("a transaction needs at least one signature");
        byte[] payload = transaction.payload();
        List<TransactionSignature> signatures = new ArrayList<>();
        signers.forEach((method, key) -> signatures.add(new TransactionSignature(method, key.sign(payload))));
        return new SignedTransaction(payload, transaction, signatures);
    }

    /** Reads a submitted transaction: the payload must parse (and be canonical); signatures are not checked here. */
    public static SignedTransaction of(byte[] payload, List<TransactionSignature> signatures) throws FormatException {
        Objects.requireNonNull(signatures, "signatures");
        if (signatures.isEmpty()) throw new FormatException("transaction", "no signature");
        byte[] copy = payload.clone();
        return new SignedTransaction(copy, Transaction.parse(copy), signatures);
    }

    /**
     * The JSON form, for files and tools: {@code {"signatures":[{"signature","verificationMethod"}],
     * "transaction":{…}}}, where the transaction object's canonical form is exactly the signed payload.
     */
    public ObjectNode toJson() {
        ObjectNode json = IJson.mapper().createObjectNode();
        writeTo(json);
        return json;
    }

    /** Reads the JSON form of {@link #toJson()}. */
    public static SignedTransaction parseJson(String text) throws FormatException {
        ObjectNode json = IJson.parseObject("signed transaction", text);
        if (json.size() != 2) throw new FormatException("signed transaction", "expected exactly signatures, transaction");
        return readFrom(json);
    }

    void writeTo(ObjectNode json) {
        try {
            json.set("transaction", IJson.parseObject("payload", new String(payload, StandardCharsets.UTF_8)));
        } catch (FormatException e) {
            throw new IllegalStateException("a signed transaction's payload always parses", e);
        }
        ArrayNode list = json.putArray("signatures");
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        for (TransactionSignature s : signatures) {
            list.addObject().put("verificationMethod", s.verificationMethod())
                .put("signature", base64.encodeToString(s.signature()));
        }
    }

    static SignedTransaction readFrom(JsonNode json) throws FormatException {
        JsonNode transaction = json.get("transaction");
        JsonNode signatures = json.get("signatures");
        if (transaction == null || !transaction.isObject() || signatures == null || !signatures.isArray()) {
            throw new FormatException("signed transaction", "needs a transaction object and a signatures array");
        }
        List<TransactionSignature> parsed = new ArrayList<>();
        for (JsonNode signature : signatures) {
            JsonNode method = signature.get("verificationMethod");
            JsonNode value = signature.get("signature");
            if (method == null || !method.isTextual() || value == null || !value.isTextual() || signature.size() != 2) {
                throw new FormatException("signed transaction", "a signature needs verificationMethod and signature");
            }
            try {
                parsed.add(new TransactionSignature(method.textValue(), Base64.getUrlDecoder().decode(value.textValue())));
            } catch (IllegalArgumentException e) {
                throw new FormatException("signed transaction", "signature is not base64url");
            }
        }
        return of(Jcs.canonicalize(transaction), parsed);
    }

    /** A copy with one more signature (e.g. the new key's proof of possession added by a second party). */
    public SignedTransaction withSignature(String verificationMethod, SigningKey key) {
        List<TransactionSignature> more = new ArrayList<>(signatures);
        more.add(new TransactionSignature(verificationMethod, key.sign(payload)));
        return new SignedTransaction(payload, transaction, more);
    }

    /** The payload's length in bytes. */
    int payloadLength() { return payload.length; }

    /** Writes the payload (canonical JSON) to {@code out}, without copying it first. */
    void writePayloadTo(ByteArrayOutputStream out) { out.write(payload, 0, payload.length); }

    /** The exact bytes the signatures cover. A copy. */
    public byte[] payload() { return payload.clone(); }

    public Transaction transaction() { return transaction; }

    public List<TransactionSignature> signatures() { return signatures; }

    /** The transaction hash under a ledger's hash: the idempotency key of a ledger write. */
    public Digest hash(LedgerHash hash) { return Digest.of(hash.digest(payload)); }

    @Override
    public String toString() {
        return "SignedTransaction[" + transaction.type() + ", " + signatures.size() + " signatures]";
    }
}
