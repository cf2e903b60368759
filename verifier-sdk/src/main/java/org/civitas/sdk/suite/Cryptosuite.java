package org.civitas.sdk.suite;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.civitas.sdk.key.KeyType;
import org.civitas.sdk.key.SigningKey;
import org.civitas.sdk.key.VerificationKey;

/**
 * A Data Integrity cryptographic suite (VC Data Integrity 1.0 §3 "Cryptographic Suites"): how a proof is created
 * and verified, split into the steps each suite specification names — Transformation, Proof Configuration,
 * Hashing, Proof Serialization and Proof Verification — so that each step can be checked against published test
 * vectors. {@link org.civitas.sdk.proof.DataIntegrity} drives the suites; it resolves keys, proof purposes and proof
 * sets, which are not a suite's concern.
 *
 * <p>Implementations are immutable and thread-safe. No method modifies its arguments. Trees passed in must be
 * I-JSON (read untrusted text with {@link org.civitas.sdk.jcs.IJson}).
 */
public interface Cryptosuite {

    /** The {@code cryptosuite} identifier, e.g. {@code eddsa-jcs-2022}. */
    String name();

    /** The one key type this suite signs and verifies with. */
    KeyType keyType();

    /**
     * "Create Proof": a data integrity proof for {@code unsecuredDocument} with {@code options} (type,
     * cryptosuite, verificationMethod, proofPurpose, created, …), including {@code proofValue}. A document that
     * extends a proof chain carries the proofs it builds on in its {@code proof} member (VC Data Integrity 1.0 §4.3
     * step 6); a document without that member is signed as it is.
     *
     * @throws TransformationException  the document cannot be canonicalised (an RDFC suite met an unknown context)
     * @throws IllegalArgumentException the options do not name this suite or the key is of another type
     */
    ObjectNode createProof(ObjectNode unsecuredDocument, ObjectNode options, SigningKey key)
        throws TransformationException;

    /**
     * "Verify Proof": whether {@code proof} (with its {@code proofValue}) is a valid signature over
     * {@code unsecuredDocument} by {@code key}. A wrong signature answers {@code false}.
     *
     * @throws TransformationException the document or proof cannot be canonicalised; the proof is not valid
     */
    boolean verifyProof(ObjectNode unsecuredDocument, ObjectNode proof, VerificationKey key)
        throws TransformationException;

    /** "Transformation": the canonical form of the document, the bytes whose digest is hashed. */
    byte[] transform(ObjectNode unsecuredDocument) throws TransformationException;

    /**
     * "Proof Configuration": the canonical proof configuration made from the proof options (the proof without its
     * {@code proofValue}). RDFC suites take the {@code @context} of {@code unsecuredDocument}; JCS suites use the
     * options as they are, {@code @context} included.
     *
     * @throws TransformationException the options do not name this suite, {@code created} is not an XML Schema
     *                                 dateTime, or canonicalisation fails
     */
    byte[] configureProof(ObjectNode proofOptions, ObjectNode unsecuredDocument) throws TransformationException;

    /** The suite's hash function (SHA-256 or SM3) over {@code data}: 32 bytes. */
    byte[] digest(byte[] data);

    /**
     * "Hashing": {@code hashData} = digest(canonical proof configuration) ‖ digest(transformed document), 64 bytes,
     * proof configuration first (vc-di-eddsa §3.3.4 step 3, vc-di-ecdsa §3.3.4 step 3).
     */
    default byte[] hash(byte[] transformedDocument, byte[] canonicalProofConfig) {
        byte[] proofConfigHash = digest(canonicalProofConfig);
        byte[] documentHash = digest(transformedDocument);
        byte[] hashData = new byte[proofConfigHash.length + documentHash.length];
        System.arraycopy(proofConfigHash, 0, hashData, 0, proofConfigHash.length);
        System.arraycopy(documentHash, 0, hashData, proofConfigHash.length, documentHash.length);
        return hashData;
    }

    /** "Proof Serialization": the signature over {@code hashData}, 64 bytes. */
    byte[] serializeProof(byte[] hashData, SigningKey key);

    /** "Proof Verification": whether {@code proofBytes} is the key's signature over {@code hashData}. */
    boolean verifySignature(byte[] hashData, byte[] proofBytes, VerificationKey key);
}
