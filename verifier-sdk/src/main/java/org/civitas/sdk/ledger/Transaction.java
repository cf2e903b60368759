package org.civitas.sdk.ledger;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.civitas.sdk.FormatException;
import org.civitas.sdk.did.Did;
import org.civitas.sdk.did.DidDocument;
import org.civitas.sdk.key.VerificationKey;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A ledger transaction: what an author asks the ledger to record. Its payload is the RFC 8785 canonical JSON of
 * {@link #toJson()}, an object whose {@code type} member names the case; the author's signatures cover exactly
 * those bytes. The ledger validates each case deterministically against its state (did-ledger); this type only
 * says what each case contains, for the ledger, for services that build transactions, and for phones that read
 * proven entries offline. Immutable.
 */
public sealed interface Transaction {

    /** The {@code type} member, e.g. {@code did.create}. */
    String type();

    /** The author's nonce: makes two otherwise equal transactions distinct (and so idempotency keys distinct). */
    String nonce();

    /** The transaction as JSON; its canonical form is the payload. */
    ObjectNode toJson();

    /** The payload: RFC 8785 canonical JSON of {@link #toJson()}. */
    default byte[] payload() {
        return org.civitas.sdk.jcs.Jcs.canonicalize(toJson());
    }

    /**
     * Reads a payload. It must be exactly canonical (RFC 8785), so that every node and every verifier hashes and
     * checks the same bytes.
     */
    static Transaction parse(byte[] payload) throws FormatException {
        return TransactionCodec.parse(payload);
    }

    /** A ledger node named at genesis, with the key it signs tree heads with. */
    record Node(String id, VerificationKey key) {
        public Node {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(key, "key");
        }
    }

    /**
     * The first entry: names the ledger, its hash algorithm, its nodes and quorum, and the national root's DID,
     * whose genesis key signs it. The ledger id is the hash of this payload.
     */
    record Genesis(String ledgerName, LedgerHash hash, List<Node> nodes, int quorum, DidDocument nationalRoot,
                   Instant createdAt, String nonce) implements Transaction {
        public Genesis {
            nodes = List.copyOf(nodes);
        }

        @Override public String type() { return TransactionCodec.GENESIS; }

        @Override public ObjectNode toJson() { return TransactionCodec.toJson(this); }
    }

    /** Creates a did:civitas DID; signed by the genesis key the id derives from ({@link CivitasDid}). */
    record DidCreate(DidDocument document, String nonce) implements Transaction {
        public DidCreate {
            Objects.requireNonNull(document, "document");
        }

        public Did did() { return document.id(); }

        @Override public String type() { return TransactionCodec.DID_CREATE; }

        @Override public ObjectNode toJson() { return TransactionCodec.toJson(this); }
    }

    /** A key cut off from a time on: signatures it made from then on no longer verify. */
    record KeyRevocation(String verificationMethod, Instant compromisedSince) {
        public KeyRevocation {
            Objects.requireNonNull(verificationMethod, "verificationMethod");
            Objects.requireNonNull(compromisedSince, "compromisedSince");
        }
    }

    /**
     * Replaces a DID's document; signed by a current controller key, and by each newly added key (proof of
     * possession). {@code previous} is the transaction hash of the version it replaces, so concurrent updates
     * conflict instead of overwriting each other.
     */
    record DidUpdate(DidDocument document, Digest previous, List<KeyRevocation> revokedKeys, String nonce)
            implements Transaction {
        public DidUpdate {
            Objects.requireNonNull(document, "document");
            Objects.requireNonNull(previous, "previous");
            revokedKeys = List.copyOf(revokedKeys);
        }

        public Did did() { return document.id(); }

        @Override public String type() { return TransactionCodec.DID_UPDATE; }

        @Override public ObjectNode toJson() { return TransactionCodec.toJson(this); }
    }

    /** Deactivates a DID for good; signed by a current controller key. */
    record DidDeactivate(Did did, Digest previous, String nonce) implements Transaction {
        public DidDeactivate {
            Objects.requireNonNull(did, "did");
            Objects.requireNonNull(previous, "previous");
        }

        @Override public String type() { return TransactionCodec.DID_DEACTIVATE; }

        @Override public ObjectNode toJson() { return TransactionCodec.toJson(this); }
    }

    /** The tier an accreditation grants. */
    enum Tier {
        /** Granted by the national root: may accredit agencies within its types and regions. */
        PROVINCIAL_ROOT,
        /** Granted by a provincial root: may issue the named credential types in the named regions. */
        AGENCY
    }

    /** Accredits a subject; signed by the accreditor (national root for provincial roots, a provincial root for agencies). */
    record AccreditationGrant(Did accreditor, Did subject, Tier tier, List<String> credentialTypes,
                              List<String> regions, Instant validFrom, Instant validUntil, String nonce)
            implements Transaction {
        public AccreditationGrant {
            Objects.requireNonNull(accreditor, "accreditor");
            Objects.requireNonNull(subject, "subject");
            Objects.requireNonNull(tier, "tier");
            Objects.requireNonNull(validFrom, "validFrom");
            credentialTypes = List.copyOf(credentialTypes);
            regions = List.copyOf(regions);
        }

        @Override public String type() { return TransactionCodec.ACCREDITATION_GRANT; }

        @Override public ObjectNode toJson() { return TransactionCodec.toJson(this); }
    }

    /** Withdraws a grant (named by its transaction hash); signed by its accreditor or the national root. */
    record AccreditationWithdrawal(Did accreditor, Digest grant, String reason, String nonce) implements Transaction {
        public AccreditationWithdrawal {
            Objects.requireNonNull(accreditor, "accreditor");
            Objects.requireNonNull(grant, "grant");
            Objects.requireNonNull(reason, "reason");
        }

        @Override public String type() { return TransactionCodec.ACCREDITATION_WITHDRAW; }

        @Override public ObjectNode toJson() { return TransactionCodec.toJson(this); }
    }

    /** Registers a credential type's schema version by its digest; signed by an agency accredited for the type. */
    record SchemaRegistration(Did registrant, String typeId, String version, Digest schemaDigest, String nonce)
            implements Transaction {
        public SchemaRegistration {
            Objects.requireNonNull(registrant, "registrant");
            Objects.requireNonNull(typeId, "typeId");
            Objects.requireNonNull(version, "version");
            Objects.requireNonNull(schemaDigest, "schemaDigest");
        }

        @Override public String type() { return TransactionCodec.SCHEMA_REGISTER; }

        @Override public ObjectNode toJson() { return TransactionCodec.toJson(this); }
    }

    /** Anchors a status list version by its digest; signed by the issuer; versions increase by one. */
    record StatusListAnchoring(Did issuer, String listId, long version, Digest digest, String nonce)
            implements Transaction {
        public StatusListAnchoring {
            Objects.requireNonNull(issuer, "issuer");
            Objects.requireNonNull(listId, "listId");
            Objects.requireNonNull(digest, "digest");
            if (version < 1) throw new IllegalArgumentException("status list versions start at 1");
        }

        @Override public String type() { return TransactionCodec.STATUSLIST_ANCHOR; }

        @Override public ObjectNode toJson() { return TransactionCodec.toJson(this); }
    }

    /** Anchors the head of an agency's audit hash chain at a sequence number; signed by the agency. */
    record AuditAnchoring(Did agency, long sequence, Digest chainHead, String nonce) implements Transaction {
        public AuditAnchoring {
            Objects.requireNonNull(agency, "agency");
            Objects.requireNonNull(chainHead, "chainHead");
            if (sequence < 0) throw new IllegalArgumentException("negative sequence");
        }

        @Override public String type() { return TransactionCodec.AUDIT_ANCHOR; }

        @Override public ObjectNode toJson() { return TransactionCodec.toJson(this); }
    }
}
