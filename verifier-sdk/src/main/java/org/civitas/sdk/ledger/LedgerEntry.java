package org.civitas.sdk.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.civitas.sdk.FormatException;
import org.civitas.sdk.jcs.IJson;
import org.civitas.sdk.jcs.Jcs;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;

/**
 * One committed position of the log: its index, its commit time and the signed transaction. Its
 * {@link #leafData()} are the bytes hashed into the Merkle leaf, the RFC 8785 canonical JSON
 * {@code {"committedAt","index","signatures":[{"signature","verificationMethod"}],"transaction":{…}}}, where the
 * transaction object's canonical form is exactly the signed payload. Immutable.
 */
public final class LedgerEntry {

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
        return new LedgerEntry(index, time, transaction, Jcs.canonicalize(toJson(index, time, transaction)));
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
