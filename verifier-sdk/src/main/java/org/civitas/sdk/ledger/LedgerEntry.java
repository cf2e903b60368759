package org.civitas.sdk.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.civitas.sdk.FormatException;
import org.civitas.sdk.jcs.IJson;
import org.civitas.sdk.jcs.Jcs;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * One committed position of the log: its index, its commit time and the signed transaction. Its
 * {@link #leafData()} are the bytes hashed into the Merkle leaf, the RFC 8785 canonical JSON
 * {@code {"committedAt","index","signatures":[{"signature","verificationMethod"}],"transaction":{…}}}, where the
 * transaction object's canonical form is exactly the signed payload. Immutable.
 */
public final class LedgerEntry {

    /** 2^53: RFC 8785 prints integers below it as plain digits (§3.2.2.3). */
    private static final long MAX_EXACT_INDEX = 1L << 53;

    private final long index;
    private final Instant committedAt;
    private final SignedTransaction transaction;
    private final byte[] leafData;

    private LedgerEntry(long index, Instant committedAt, SignedTransaction transaction, byte[] leafData) {
        this.index = index;
        this.committedAt = committedAt;
        this.transaction = transaction;
        this.leafData = leafData;
    }

    /** The entry a ledger commits at an index and time. The time is kept to the millisecond. */
    public static LedgerEntry of(long index, Instant committedAt, SignedTransaction transaction) {
        if (index < 0) throw new IllegalArgumentException("negative index");
        Instant time = committedAt.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        return new LedgerEntry(index, time, transaction, canonicalLeaf(index, time, transaction));
    }

    /**
     * The RFC 8785 form of {@code {"committedAt","index","signatures","transaction"}} written from its parts: the
     * members in their sorted order and the payload, already canonical, copied as it is. Every node encodes every
     * entry it commits, and a submitter rebuilds the entries of its batch, so this skips parsing the payload back
     * into a tree and canonicalising it again; the result is the same bytes (the tests compare the two).
     */
    private static byte[] canonicalLeaf(long index, Instant committedAt, SignedTransaction transaction) {
        if (index >= MAX_EXACT_INDEX) return Jcs.canonicalize(toJson(index, committedAt, transaction));
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        ByteArrayOutputStream out = new ByteArrayOutputStream(transaction.payloadLength() + 256);
        ascii(out, "{\"committedAt\":");
        bytes(out, Jcs.stringLiteral(committedAt.toString()));
        ascii(out, ",\"index\":" + index + ",\"signatures\":[");
        List<TransactionSignature> signatures = transaction.signatures();
        for (int i = 0; i < signatures.size(); i++) {
            TransactionSignature s = signatures.get(i);
            ascii(out, (i == 0 ? "" : ",") + "{\"signature\":\"" + base64.encodeToString(s.signature())
                + "\",\"verificationMethod\":");
            bytes(out, Jcs.stringLiteral(s.verificationMethod()));
            out.write('}');
        }
        ascii(out, "],\"transaction\":");
        transaction.writePayloadTo(out);
        out.write('}');
        return out.toByteArray();
    }

    private static void ascii(ByteArrayOutputStream out, String text) {
        bytes(out, text.getBytes(StandardCharsets.US_ASCII));
    }

    private static void bytes(ByteArrayOutputStream out, byte[] bytes) {
        out.write(bytes, 0, bytes.length);   // not writeBytes, which Android 26 lacks
    }

    /** Reads leaf data (e.g. from a proof in a trust bundle). It must be canonical, so its hash is unambiguous. */
    public static LedgerEntry parse(byte[] leafData) throws FormatException {
        ObjectNode json = IJson.parseObject("ledger entry", new String(leafData, StandardCharsets.UTF_8));
        if (!Arrays.equals(Jcs.canonicalize(json), leafData)) {
            throw new FormatException("ledger entry", "leaf data is not in RFC 8785 canonical form");
        }
        JsonNode index = json.get("index");
        JsonNode committedAt = json.get("committedAt");
        if (index == null || !index.isIntegralNumber() || index.longValue() < 0 || committedAt == null
                || !committedAt.isTextual() || json.size() != 4) {
            throw new FormatException("ledger entry", "expected exactly committedAt, index, signatures, transaction");
        }
        try {
            Instant time = Instant.parse(committedAt.textValue());
            return new LedgerEntry(index.longValue(), time, SignedTransaction.readFrom(json), leafData.clone());
        } catch (DateTimeParseException e) {
            throw new FormatException("ledger entry", "committedAt must be an ISO-8601 UTC time");
        }
    }

    public long index() { return index; }

    public Instant committedAt() { return committedAt; }

    public SignedTransaction signedTransaction() { return transaction; }

    public Transaction transaction() { return transaction.transaction(); }

    /** The bytes hashed into the Merkle leaf. A copy. */
    public byte[] leafData() { return leafData.clone(); }

    /** The RFC 9162 leaf hash under a ledger's hash. */
    public byte[] leafHash(LedgerHash hash) { return hash.leafHash(leafData); }

    private static ObjectNode toJson(long index, Instant committedAt, SignedTransaction transaction) {
        ObjectNode json = IJson.mapper().createObjectNode();
        json.put("index", index);
        json.put("committedAt", committedAt.toString());
        transaction.writeTo(json);
        return json;
    }

    @Override
    public boolean equals(Object o) { return o instanceof LedgerEntry e && Arrays.equals(leafData, e.leafData); }

    @Override
    public int hashCode() { return Arrays.hashCode(leafData); }

    @Override
    public String toString() {
        return "LedgerEntry[" + index + ", " + transaction().type() + " at " + committedAt + "]";
    }

}
