package org.civitas.sdk.suite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.civitas.sdk.FormatException;
import org.civitas.sdk.internal.XsdDateTime;
import org.civitas.sdk.key.KeyType;
import org.civitas.sdk.key.Multibase;
import org.civitas.sdk.key.SigningKey;
import org.civitas.sdk.key.VerificationKey;

import java.util.Objects;

/**
 * What the five suites share: the checks of "Proof Configuration" steps 2-3, base58btc {@code proofValue}s, and
 * signing with the SDK's keys. Subclasses supply the canonicalisation and the digest.
 */
abstract class AbstractCryptosuite implements Cryptosuite {

    /** The proof {@code type} of every suite here (VC Data Integrity 1.0 §3.1 "DataIntegrityProof"). */
    static final String PROOF_TYPE = "DataIntegrityProof";

    private final String name;
    private final KeyType keyType;

    AbstractCryptosuite(String name, KeyType keyType) {
        this.name = name;
        this.keyType = keyType;
    }

    @Override public final String name() { return name; }

    @Override public final KeyType keyType() { return keyType; }

    /**
     * "Proof Configuration" steps 2 and 3 (vc-di-eddsa §3.2.5/§3.3.5, vc-di-ecdsa §3.2.5/§3.3.5): the options name
     * DataIntegrityProof and this suite, and a {@code created} is an XML Schema dateTime.
     */
    final void checkOptions(ObjectNode options) throws TransformationException {
        if (!PROOF_TYPE.equals(options.path("type").textValue())) {
            throw new TransformationException(TransformationException.Kind.INVALID, "type",
                "the proof type must be " + PROOF_TYPE);
        }
        if (!name.equals(options.path("cryptosuite").textValue())) {
            throw new TransformationException(TransformationException.Kind.INVALID, "cryptosuite",
                "the proof's cryptosuite is not " + name);
        }
        JsonNode created = options.get("created");
        if (created != null && (!created.isTextual() || XsdDateTime.parseOrNull(created.textValue()) == null)) {
            throw new TransformationException(TransformationException.Kind.INVALID, "created",
                "created is not an XML Schema dateTimeStamp");
        }
    }

    /** Checks before signing; a mismatch is the caller's mistake. */
    final void checkSigning(ObjectNode options, SigningKey key) {
        Objects.requireNonNull(key, "key");
        if (key.type() != keyType) {
            throw new IllegalArgumentException(name + " signs with " + keyType + " keys, not " + key.type());
        }
        try {
            checkOptions(options);
        } catch (TransformationException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** A copy of the proof without {@code proofValue}: the "proof options" of the suites' Verify Proof step 2. */
    static ObjectNode withoutProofValue(ObjectNode proof) {
        ObjectNode options = proof.objectNode();
        options.setAll(proof);
        options.remove("proofValue");
        return options;
    }

    /**
     * Verify Proof step 3: the base58btc multibase {@code proofValue} decoded, or {@code null} when it is missing
     * or not base58btc (the suites' Data Model §2.2.1 allows no other encoding).
     */
    static byte[] proofBytes(ObjectNode proof) {
        String proofValue = proof.path("proofValue").textValue();
        if (proofValue == null || proofValue.isEmpty() || proofValue.charAt(0) != Multibase.BASE58_BTC) return null;
        try {
            return Multibase.decode("proofValue", proofValue);
        } catch (FormatException e) {
            return null;
        }
    }

    /** "Proof Serialization" step 2: the key's signature over {@code hashData} (64 bytes for every suite here). */
    @Override
    public final byte[] serializeProof(byte[] hashData, SigningKey key) {
        if (key.type() != keyType) {
            throw new IllegalArgumentException(name + " signs with " + keyType + " keys, not " + key.type());
        }
        return key.sign(hashData);
    }

    /** "Proof Verification" step 2. A key of another type never verifies. */
    @Override
    public final boolean verifySignature(byte[] hashData, byte[] proofBytes, VerificationKey key) {
        return key.type() == keyType && key.verify(hashData, proofBytes);
    }

    @Override
    public String toString() { return name; }
}
