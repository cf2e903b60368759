package org.civitas.ledger.state;

import org.civitas.ledger.fixtures.Actor;
import org.civitas.sdk.key.KeyType;
import org.civitas.sdk.key.SigningKey;
import org.civitas.sdk.ledger.SignedTransaction;
import org.civitas.sdk.ledger.TransactionSignature;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VerifiedSignaturesTest {

    private final Actor citizen = Actor.generate(KeyType.ED25519);

    @Test
    void prechecked_signatureOfANewDid_isTakenForTheSameKeyPayloadAndSignature() {
        VerifiedSignatures signatures = new VerifiedSignatures();
        SignedTransaction create = citizen.create();
        signatures.precheck(create);
        TransactionSignature s = create.signatures().get(0);

        assertTrue(signatures.verify(s.verificationMethod(), citizen.key().verificationKey(), create.payload(),
            s.signature()));
    }

    @Test
    void precheck_neverLendsItsResultToAnotherKeyOrPayload() {
        VerifiedSignatures signatures = new VerifiedSignatures();
        SignedTransaction create = citizen.create();
        signatures.precheck(create);
        TransactionSignature s = create.signatures().get(0);
        SigningKey other = SigningKey.generate(KeyType.ED25519).signingKey();
        byte[] tampered = create.payload();
        tampered[tampered.length - 2] ^= 1;

        assertFalse(signatures.verify(s.verificationMethod(), other.verificationKey(), create.payload(), s.signature()));
        assertFalse(signatures.verify(s.verificationMethod(), citizen.key().verificationKey(), tampered, s.signature()));
    }

    @Test
    void precheckOfALaterTransaction_usesTheKeyItsMethodLastVerifiedWith() {
        VerifiedSignatures signatures = new VerifiedSignatures();
        SignedTransaction create = citizen.create();
        TransactionSignature first = create.signatures().get(0);
        assertTrue(signatures.verify(first.verificationMethod(), citizen.key().verificationKey(), create.payload(),
            first.signature()));
        SignedTransaction anchor = citizen.anchor("https://l/1", 1);
        SignedTransaction forged = SignedTransaction.sign(anchor.transaction(), java.util.Map.of(citizen.keyId(),
            SigningKey.generate(KeyType.ED25519).signingKey()));

        signatures.precheck(anchor);
        signatures.precheck(forged);

        TransactionSignature good = anchor.signatures().get(0);
        TransactionSignature bad = forged.signatures().get(0);
        assertTrue(signatures.verify(good.verificationMethod(), citizen.key().verificationKey(), anchor.payload(),
            good.signature()));
        assertFalse(signatures.verify(bad.verificationMethod(), citizen.key().verificationKey(), forged.payload(),
            bad.signature()));
    }
}
