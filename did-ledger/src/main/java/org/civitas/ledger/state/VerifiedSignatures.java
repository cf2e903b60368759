package org.civitas.ledger.state;

import org.civitas.sdk.FormatException;
import org.civitas.sdk.did.DidDocument;
import org.civitas.sdk.did.VerificationMethod;
import org.civitas.sdk.key.VerificationKey;
import org.civitas.sdk.ledger.SignedTransaction;
import org.civitas.sdk.ledger.Transaction;
import org.civitas.sdk.ledger.TransactionSignature;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Signature checks moved ahead of the single writer so that they run in parallel: {@link #precheck} verifies a
 * transaction's signatures, from any thread, against the key each verification method had when a signature of it
 * was last checked (or the keys a document in the transaction itself names), and remembers the exact key,
 * payload and signature that passed. When {@link TransactionRules} later needs the same check it takes the
 * remembered result instead of verifying again. The verdict never changes: a check is only reused for the same
 * key, payload and signature bytes; anything else (a rotated key, a new signer) is verified on the spot.
 *
 * <p>Memory is bounded: each remembered check is used once, and both memos are emptied when they reach
 * {@value #CAPACITY} entries. Thread-safe.
 */
public final class VerifiedSignatures {

    /** Verifies every signature on the spot and remembers nothing. */
    static final VerifiedSignatures NONE = new VerifiedSignatures(false);
    private static final int CAPACITY = 100_000;

    private record Check(VerificationKey key, ByteBuffer payload, ByteBuffer signature) {
        static Check of(VerificationKey key, byte[] payload, byte[] signature) {
            return new Check(key, ByteBuffer.wrap(payload), ByteBuffer.wrap(signature));
        }
    }

    private final boolean remembering;
    private final Map<Check, Boolean> passed = new ConcurrentHashMap<>();
    private final Map<String, VerificationKey> lastKeys = new ConcurrentHashMap<>();

    public VerifiedSignatures() {
        this(true);
    }

    private VerifiedSignatures(boolean remembering) {
        this.remembering = remembering;
    }

    /** Verifies a transaction's signatures in advance, where the key is known; silently skips the others. */
    public void precheck(SignedTransaction tx) {
        if (!remembering) return;
        byte[] payload = tx.payload();
        for (TransactionSignature signature : tx.signatures()) {
            VerificationKey key = keyFor(tx.transaction(), signature.verificationMethod());
            if (key != null && key.verify(payload, signature.signature())) {
                if (passed.size() >= CAPACITY) passed.clear();
                passed.put(Check.of(key, payload, signature.signature()), Boolean.TRUE);
            }
        }
    }

    /** Whether {@code key} of {@code method} signed {@code payload}: remembered, or verified now. */
    boolean verify(String method, VerificationKey key, byte[] payload, byte[] signature) {
        if (!remembering) return key.verify(payload, signature);
        boolean valid = passed.remove(Check.of(key, payload, signature)) != null || key.verify(payload, signature);
        if (valid) {
            if (lastKeys.size() >= CAPACITY) lastKeys.clear();
            lastKeys.put(method, key);
        }
        return valid;
    }

    private VerificationKey keyFor(Transaction tx, String method) {
        DidDocument document = tx instanceof Transaction.DidCreate c ? c.document()
            : tx instanceof Transaction.Genesis g ? g.nationalRoot()
            : tx instanceof Transaction.DidUpdate u ? u.document() : null;
        Optional<VerificationMethod> named = document == null ? Optional.empty() : document.verificationMethod(method);
        if (named.isPresent()) {
            try {
                return named.get().signatureKey();
            } catch (FormatException e) {
                return null;
            }
        }
        return lastKeys.get(method);
    }
}
