package org.civitas.identity.did;

import org.civitas.sdk.did.Did;
import org.civitas.sdk.did.DidDocument;
import org.civitas.sdk.ledger.Digest;
import org.civitas.sdk.ledger.LedgerHash;
import org.civitas.sdk.ledger.ProvenEntry;

import java.util.Objects;

/**
 * A resolved DID document: for did:civitas with the ledger's metadata and the proven entry that wrote the version
 * (already checked against the genesis trust); for did:key derived locally, with neither.
 *
 * @param documentJson the document exactly as the ledger answered it (or as derived)
 */
public record ProvenDocument(Did did, String documentJson, DidDocument document, DocumentMetadata metadata,
                             ProvenEntry proof) {

    public ProvenDocument {
        Objects.requireNonNull(did, "did");
        Objects.requireNonNull(documentJson, "documentJson");
        Objects.requireNonNull(document, "document");
    }

    /** A did:key document: nothing to prove. */
    public static ProvenDocument local(DidDocument document) {
        return new ProvenDocument(document.id(), document.jsonText(), document, null, null);
    }

    /** The transaction hash the next did.update must name as {@code previous}. */
    public Digest head(LedgerHash hash) {
        if (proof == null) throw new IllegalStateException("a did:key has no ledger versions");
        return proof.entry().signedTransaction().hash(hash);
    }

    public boolean deactivated() { return metadata != null && metadata.deactivated(); }
}
