package org.civitas.sdk.suite;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.civitas.sdk.did.DidKey;
import org.civitas.sdk.fixtures.Vectors;
import org.civitas.sdk.internal.Bytes;
import org.civitas.sdk.key.Multibase;
import org.civitas.sdk.key.SigningKey;
import org.civitas.sdk.key.VerificationKey;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * vc-di-ecdsa "ecdsa-jcs-2019" P-256 vectors. ECDSA signatures there are randomised, so canonical forms and hashes
 * are reproduced byte for byte and the published signatures are verified. proofCanon, the hashes, sigBTC58 and
 * signedJCSECDSAP256.json use the did:key method and no proof {@code @context}; sigHex was made in another run, with
 * the https://vc.example method and the {@code @context} of proofConfigJCSECDSAP256.json. The hash data is signed
 * with ECDSA over SHA-256, i.e. the 64 bytes are hashed once more inside ECDSA: that is what the published
 * signatures verify against.
 */
class EcdsaJcs2019Test {

    private static final String DIR = "vectors/w3c-vc-di-ecdsa/ecdsa-jcs-2019-p256/";
    private static final EcdsaJcs2019 SUITE = new EcdsaJcs2019();
    private static final SigningKey KEY = Vectors.signingKey(Vectors.json("vectors/w3c-vc-di-ecdsa/p256KeyPair.json"));
    private static final VerificationKey PUBLIC_KEY = KEY.verificationKey();

    private static final ObjectNode SIGNED = Vectors.json(DIR + "signedJCSECDSAP256.json");
    private static final ObjectNode UNSECURED = Vectors.withoutProof(SIGNED);

    private static ObjectNode didKeyOptionsWithoutContext() {
        ObjectNode options = Vectors.json(DIR + "proofConfigJCSECDSAP256.json");
        options.put("verificationMethod", DidKey.verificationMethodId(PUBLIC_KEY));
        options.remove("@context");
        return options;
    }

    @Test
    void keyPair_publicKey_isThePublishedOne() {
        assertEquals(Vectors.json("vectors/w3c-vc-di-ecdsa/p256KeyPair.json").path("publicKeyMultibase").textValue(),
            PUBLIC_KEY.toMultibase());
    }

    @Test
    void configureProof_didKeyOptions_isProofCanonAndItsHash() throws TransformationException {
        byte[] canonical = SUITE.configureProof(didKeyOptionsWithoutContext(), UNSECURED);

        assertArrayEquals(Vectors.bytes(DIR + "proofCanonJCSECDSAP256.txt"), canonical);
        assertEquals(Vectors.line(DIR + "proofHashJCSECDSAP256.txt"), Bytes.hex(SUITE.digest(canonical)));
    }

    @Test
    void hash_didKeyOptions_isCombinedHash() throws TransformationException {
        byte[] hashData = SUITE.hash(SUITE.transform(UNSECURED), SUITE.configureProof(didKeyOptionsWithoutContext(),
            UNSECURED));

        assertEquals(Vectors.line(DIR + "combinedHashJCSECDSAP256.txt"), Bytes.hex(hashData));
    }

    @Test
    void verifySignature_sigBtc58OverCombinedHash_isValidAndIsThePublishedProofValue() {
        byte[] hashData = Bytes.fromHex(Vectors.line(DIR + "combinedHashJCSECDSAP256.txt"));
        String sigBtc58 = Vectors.line(DIR + "sigBTC58JCSECDSAP256.txt");

        assertTrue(SUITE.verifySignature(hashData, decode(sigBtc58), PUBLIC_KEY));
        assertEquals(SIGNED.path("proof").path("proofValue").textValue(), sigBtc58);
    }

    @Test
    void verifySignature_sigHexOverVcExampleOptions_isValid() throws TransformationException {
        byte[] hashData = SUITE.hash(SUITE.transform(UNSECURED),
            SUITE.configureProof(Vectors.json(DIR + "proofConfigJCSECDSAP256.json"), UNSECURED));

        assertTrue(SUITE.verifySignature(hashData, Bytes.fromHex(Vectors.line(DIR + "sigHexJCSECDSAP256.txt")),
            PUBLIC_KEY));
    }

    @Test
    void verifySignature_combinedHashChangedByOneBit_isInvalid() {
        byte[] hashData = Bytes.fromHex(Vectors.line(DIR + "combinedHashJCSECDSAP256.txt"));
        hashData[0] ^= 1;

        assertFalse(SUITE.verifySignature(hashData, decode(Vectors.line(DIR + "sigBTC58JCSECDSAP256.txt")), PUBLIC_KEY));
    }

    @Test
    void verifyProof_publishedDocument_isValid() throws TransformationException {
        assertTrue(SUITE.verifyProof(UNSECURED, (ObjectNode) SIGNED.get("proof"), PUBLIC_KEY));
    }

    @Test
    void verifyProof_claimChanged_isInvalid() throws TransformationException {
        ObjectNode tampered = UNSECURED.deepCopy();
        tampered.put("validFrom", "2020-01-01T00:00:00Z");

        assertFalse(SUITE.verifyProof(tampered, (ObjectNode) SIGNED.get("proof"), PUBLIC_KEY));
    }

    @Test
    void verifyProof_otherKey_isInvalid() throws TransformationException {
        VerificationKey other = SigningKey.generate(KEY.type()).signingKey().verificationKey();

        assertFalse(SUITE.verifyProof(UNSECURED, (ObjectNode) SIGNED.get("proof"), other));
    }

    @Test
    void createProof_freshSignature_verifiesAndTamperingBreaksIt() throws TransformationException {
        ObjectNode proof = SUITE.createProof(UNSECURED, didKeyOptionsWithoutContext(), KEY);
        ObjectNode tampered = UNSECURED.deepCopy();
        tampered.put("name", "Forged Credential");

        assertEquals(64, decode(proof.get("proofValue").textValue()).length);
        assertEquals(UNSECURED.get("@context"), proof.get("@context"));
        assertTrue(SUITE.verifyProof(UNSECURED, proof, PUBLIC_KEY));
        assertFalse(SUITE.verifyProof(tampered, proof, PUBLIC_KEY));
    }

    private static byte[] decode(String multibase) {
        try {
            return Multibase.decode("proofValue", multibase);
        } catch (org.civitas.sdk.FormatException e) {
            throw new AssertionError(e);
        }
    }
}
