package org.civitas.identity.did;

import org.civitas.identity.IdentityException;
import org.civitas.identity.IdentityException.Reason;
import org.civitas.sdk.did.DidDocument;
import org.civitas.sdk.did.Relationship;
import org.civitas.sdk.did.VerificationMethod;
import org.civitas.sdk.ledger.CivitasDid;
import org.civitas.sdk.ledger.SignedTransaction;
import org.civitas.sdk.ledger.Transaction;
import org.civitas.sdk.ledger.TransactionSignature;

/**
 * Checks on signed transactions that callers bring, made before they go to the ledger so that a wrong one is
 * refused with the precise field at fault (the ledger checks them again, deterministically).
 */
public final class SignedTransactions {

    private SignedTransactions() { }

    /**
     * A did.create of a did:civitas DID, signed by its genesis key: a key of the new document, listed under
     * capabilityInvocation, from which the DID derives; every signature must verify.
     */
    public static Transaction.DidCreate selfSignedCreate(SignedTransaction signed, String field) {
        if (!(signed.transaction() instanceof Transaction.DidCreate create)) {
            throw IdentityException.field(Reason.TRANSACTION_MISMATCH, field,
                "must be a did.create transaction, not " + signed.transaction().type());
        }
        DidDocument document = create.document();
        if (!CivitasDid.isCivitas(create.did())) {
            throw IdentityException.invalid(field, "must create a did:civitas DID, not " + create.did());
        }
        boolean creator = false;
        for (TransactionSignature signature : signed.signatures()) {
            VerificationMethod method = document.verificationMethod(signature.verificationMethod()).orElse(null);
            if (method == null || method.key() == null) {
                throw IdentityException.field(Reason.SIGNATURE_INVALID, field, "is signed by "
                    + signature.verificationMethod() + ", which is not a key of the new document");
            }
            if (!method.key().verify(signed.payload(), signature.signature())) {
                throw IdentityException.field(Reason.SIGNATURE_INVALID, field,
                    "has a signature by " + method.id() + " that does not verify");
            }
            if (CivitasDid.isCreatedBy(create.did(), method.key())
                    && document.authorizes(method.id(), Relationship.CAPABILITY_INVOCATION)) {
                creator = true;
            }
        }
        if (!creator) {
            throw IdentityException.field(Reason.SIGNATURE_INVALID, field, "must be signed by the DID's genesis key "
                + "(listed under capabilityInvocation, the key the did:civitas id derives from)");
        }
        return create;
    }

    /** An accreditation.grant. */
    public static Transaction.AccreditationGrant grant(SignedTransaction signed, String field) {
        if (!(signed.transaction() instanceof Transaction.AccreditationGrant grant)) {
            throw IdentityException.field(Reason.TRANSACTION_MISMATCH, field,
                "must be an accreditation.grant transaction, not " + signed.transaction().type());
        }
        return grant;
    }
}
