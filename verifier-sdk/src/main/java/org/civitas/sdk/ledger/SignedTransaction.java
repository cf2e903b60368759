package org.civitas.sdk.ledger;

import org.civitas.sdk.FormatException;
import org.civitas.sdk.key.SigningKey;

import java.util.ArrayList;
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

    /** A copy with one more signature (e.g. the new key's proof of possession added by a second party). */
    public SignedTransaction withSignature(String verificationMethod, SigningKey key) {
        List<TransactionSignature> more = new ArrayList<>(signatures);
        more.add(new TransactionSignature(verificationMethod, key.sign(payload)));
        return new SignedTransaction(payload, transaction, more);
    }

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
