package org.civitas.sdk.ledger;

import java.util.Arrays;
import java.util.Objects;

/**
 * One signature on a transaction payload: the DID URL of the signing key and the raw signature (64 bytes for
 * Ed25519, r‖s for P-256 and SM2). Immutable.
 */
public final class TransactionSignature {

    private final String verificationMethod;
    private final byte[] signature;

    public TransactionSignature(String verificationMethod, byte[] signature) {
        this.verificationMethod = Objects.requireNonNull(verificationMethod, "verificationMethod");
        this.signature = signature.clone();
    }

    public String verificationMethod() { return verificationMethod; }

    public byte[] signature() { return signature.clone(); }

    @Override
    public boolean equals(Object o) {
        return o instanceof TransactionSignature s && verificationMethod.equals(s.verificationMethod)
            && Arrays.equals(signature, s.signature);
    }

    @Override public int hashCode() { return 31 * verificationMethod.hashCode() + Arrays.hashCode(signature); }

    @Override public String toString() { return "TransactionSignature[" + verificationMethod + "]"; }
}
