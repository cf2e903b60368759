package org.civitas.issuer.audit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.civitas.sdk.did.Did;
import org.civitas.sdk.jcs.IJson;
import org.civitas.sdk.jcs.Jcs;
import org.civitas.sdk.ledger.LedgerHash;

import java.time.Instant;
import java.util.Objects;

/**
 * One link of an agency's audit hash chain: an issuance or a status change, with who did it and to which
 * credential, and never a claim value or a reason. {@code entryHash = H(previousHash ‖ JCS(entry))}, where the
 * entry is {@link #canonical()} and H the ledger's hash; the first entry's previous hash is 32 zero bytes.
 *
 * @param event unique per event (e.g. {@code issue <credential id>}): an event replayed after a crash is
 *              recognised and not appended twice
 */
public record AuditEntry(Did agency, long sequence, Instant recordedAt, String action, String credentialId,
                         String credentialType, Did actor, String event, byte[] previousHash, byte[] entryHash) {

    public AuditEntry {
        Objects.requireNonNull(agency, "agency");
        Objects.requireNonNull(recordedAt, "recordedAt");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(event, "event");
        if (sequence < 1) throw new IllegalArgumentException("audit sequences start at 1");
        previousHash = previousHash.clone();
        entryHash = entryHash.clone();
    }

    /** The chain's start: the previous hash of entry 1. */
    public static byte[] genesisHash() { return new byte[LedgerHash.SIZE]; }

    /** The next link after {@code previousHash}. */
    public static AuditEntry link(Did agency, long sequence, Instant recordedAt, String action, String credentialId,
                                  String credentialType, Did actor, String event, byte[] previousHash,
                                  LedgerHash.Hasher hasher) {
        AuditEntry unhashed = new AuditEntry(agency, sequence, recordedAt, action, credentialId, credentialType, actor,
            event, previousHash, new byte[0]);
        return new AuditEntry(agency, sequence, recordedAt, action, credentialId, credentialType, actor, event,
            previousHash, unhashed.computeHash(hasher));
    }

    /** The members the hash covers, as JSON (RFC 8785 canonical form when hashed). */
    public ObjectNode canonical() {
        ObjectNode json = IJson.mapper().createObjectNode();
        json.put("agency", agency.toString());
        json.put("sequence", sequence);
        json.put("recordedAt", recordedAt.toString());
        json.put("action", action);
        json.put("credentialId", credentialId == null ? "" : credentialId);
        json.put("credentialType", credentialType == null ? "" : credentialType);
        json.put("actor", actor == null ? "" : actor.toString());
        json.put("event", event);
        return json;
    }

    /** {@code H(previousHash ‖ JCS(canonical()))}. */
    public byte[] computeHash(LedgerHash.Hasher hasher) {
        byte[] entry = Jcs.canonicalize(canonical());
        byte[] input = new byte[previousHash.length + entry.length];
        System.arraycopy(previousHash, 0, input, 0, previousHash.length);
        System.arraycopy(entry, 0, input, previousHash.length, entry.length);
        return hasher.digest(input);
    }

    @Override public byte[] previousHash() { return previousHash.clone(); }

    @Override public byte[] entryHash() { return entryHash.clone(); }
}
