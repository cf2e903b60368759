package org.civitas.sdk.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.civitas.sdk.FormatException;
import org.civitas.sdk.jcs.IJson;
import org.civitas.sdk.jcs.Jcs;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * A tree head: what a ledger node signs about the log at one moment (RFC 9162 §4.10 in spirit): the ledger's id,
 * the tree size, its root hash, the time and the hash algorithm. Its signing input is the RFC 8785 canonical
 * JSON of {@link #toJson()}, which names its own type so a tree-head signature can never be mistaken for a
 * signature over anything else. Immutable.
 */
public final class TreeHead {

    /** The {@code type} member of the signing input. */
    public static final String TYPE = "CivitasTreeHead/1";

    private final byte[] ledgerId;
    private final long treeSize;
    private final byte[] rootHash;
    private final Instant timestamp;
    private final LedgerHash hash;

    public TreeHead(byte[] ledgerId, long treeSize, byte[] rootHash, Instant timestamp, LedgerHash hash) {
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(hash, "hash");
        if (ledgerId.length != LedgerHash.SIZE || rootHash.length != LedgerHash.SIZE) {
            throw new IllegalArgumentException("ledger id and root hash are 32 bytes");
        }
        if (treeSize < 0) throw new IllegalArgumentException("negative tree size");
        this.ledgerId = ledgerId.clone();
        this.treeSize = treeSize;
        this.rootHash = rootHash.clone();
        this.timestamp = timestamp.truncatedTo(ChronoUnit.MILLIS);
        this.hash = hash;
    }

    public byte[] ledgerId() { return ledgerId.clone(); }

    public long treeSize() { return treeSize; }

    public byte[] rootHash() { return rootHash.clone(); }

    /** The time the head was made, to the millisecond. */
    public Instant timestamp() { return timestamp; }

    public LedgerHash hash() { return hash; }

    /** The head as JSON: {@code {"hashAlgorithm","ledgerId","rootHash","timestamp","treeSize","type"}}. */
    public ObjectNode toJson() {
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        ObjectNode json = IJson.mapper().createObjectNode();
        json.put("type", TYPE);
        json.put("ledgerId", base64.encodeToString(ledgerId));
        json.put("treeSize", treeSize);
        json.put("rootHash", base64.encodeToString(rootHash));
        json.put("timestamp", timestamp.toString());
        json.put("hashAlgorithm", hash.algorithm());
        return json;
    }

    /** The exact bytes node keys sign: the RFC 8785 form of {@link #toJson()}. */
    public byte[] signingInput() {
        return Jcs.canonicalize(toJson());
    }

    /** Reads a head from its JSON form. */
    public static TreeHead parse(JsonNode json) throws FormatException {
        if (!json.isObject() || !TYPE.equals(text(json, "type"))) {
            throw new FormatException("tree head", "expected an object of type " + TYPE);
        }
        LedgerHash hash = LedgerHash.byAlgorithm(text(json, "hashAlgorithm"));
        if (hash == null) throw new FormatException("tree head", "hashAlgorithm must be SHA-256 or SM3");
        JsonNode size = json.get("treeSize");
        if (size == null || !size.isIntegralNumber() || size.longValue() < 0) {
            throw new FormatException("tree head", "treeSize must be a non-negative integer");
        }
        try {
            Base64.Decoder base64 = Base64.getUrlDecoder();
            byte[] ledgerId = base64.decode(text(json, "ledgerId"));
            byte[] root = base64.decode(text(json, "rootHash"));
            return new TreeHead(ledgerId, size.longValue(), root, Instant.parse(text(json, "timestamp")), hash);
        } catch (IllegalArgumentException | NullPointerException | DateTimeParseException e) {
            throw new FormatException("tree head", "ledgerId, rootHash (base64url, 32 bytes) and timestamp are required");
        }
    }

    private static String text(JsonNode json, String field) {
        JsonNode value = json.get(field);
        return value == null || !value.isTextual() ? null : value.textValue();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TreeHead other && treeSize == other.treeSize && hash == other.hash
            && timestamp.equals(other.timestamp) && Arrays.equals(ledgerId, other.ledgerId)
            && Arrays.equals(rootHash, other.rootHash);
    }

    @Override
    public int hashCode() { return Objects.hash(treeSize, timestamp, hash, Arrays.hashCode(rootHash)); }

    @Override
    public String toString() { return "TreeHead[size " + treeSize + " at " + timestamp + "]"; }
}
