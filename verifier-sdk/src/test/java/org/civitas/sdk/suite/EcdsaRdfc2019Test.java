package org.civitas.sdk.suite;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.civitas.sdk.FormatException;
import org.civitas.sdk.did.DidKey;
import org.civitas.sdk.fixtures.Vectors;
import org.civitas.sdk.internal.Bytes;
import org.civitas.sdk.key.Multibase;
import org.civitas.sdk.key.SigningKey;
import org.civitas.sdk.key.VerificationKey;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * vc-di-ecdsa "ecdsa-rdfc-2019" P-256 vectors, made in three runs that each check out with their own inputs:
 * combinedHash, sigHex and sigBTC58 use the did:key method under the current credentials v2 context (which types
 * {@code cryptosuite} as {@code cryptosuiteString}); proofCanon, proofHash and signedECDSAP256.json use the
 * https://vc.example method under an earlier context without that datatype, so the published signed document does
 * not verify against today's context and its signature is checked against its own proofHash; the "employ" files use
 * the did:key method and a credential whose context (citizenship v4rc1) is not held here.
 */
class EcdsaRdfc2019Test {

    private static final String DIR = "vectors/w3c-vc-di-ecdsa/ecdsa-rdfc-2019-p256/";
    private static final String CRYPTOSUITE_DATATYPE = "^^<https://w3id.org/security#cryptosuiteString>";
    private static final EcdsaRdfc2019 SUITE = new EcdsaRdfc2019(Vectors.contexts());
    private static final SigningKey KEY = Vectors.signingKey(Vectors.json("vectors/w3c-vc-di-ecdsa/p256KeyPair.json"));
    private static final VerificationKey PUBLIC_KEY = KEY.verificationKey();

    private static final ObjectNode SIGNED = Vectors.json(DIR + "signedECDSAP256.json");
    private static final ObjectNode UNSECURED = Vectors.withoutProof(SIGNED);
    private static final String COMBINED = Vectors.line(DIR + "combinedHashECDSAP256.txt");

    private static ObjectNode didKeyOptions() {
        ObjectNode options = Vectors.json(DIR + "proofConfigECDSAP256.json");
        options.put("verificationMethod", DidKey.verificationMethodId(PUBLIC_KEY));
        return options;
    }

    @Test
    void transform_alumniCredential_hashesToTheCombinedHashsDocumentHalf() throws TransformationException {
        assertEquals(COMBINED.substring(64), Bytes.hex(SUITE.digest(SUITE.transform(UNSECURED))));
    }

    @Test
    void hash_didKeyOptions_isCombinedHash() throws TransformationException {
        byte[] hashData = SUITE.hash(SUITE.transform(UNSECURED), SUITE.configureProof(didKeyOptions(), UNSECURED));

        assertEquals(COMBINED, Bytes.hex(hashData));
    }

    @Test
    void verifySignature_sigHexAndSigBtc58OverCombinedHash_areValid() {
        byte[] hashData = Bytes.fromHex(COMBINED);
        byte[] sigHex = Bytes.fromHex(Vectors.line(DIR + "sigHexECDSAP256.txt"));

        assertTrue(SUITE.verifySignature(hashData, sigHex, PUBLIC_KEY));
        assertEquals(Vectors.line(DIR + "sigBTC58ECDSAP256.txt"), Multibase.encodeBase58Btc(sigHex));
    }

    @Test
    void configureProof_vcExampleOptions_isProofCanonOfTheEarlierContextPlusTheDatatype() throws TransformationException {
        byte[] canonical = SUITE.configureProof(Vectors.json(DIR + "proofConfigECDSAP256.json"), UNSECURED);

        assertEquals(Vectors.text(DIR + "proofCanonECDSAP256.txt").replace("\"ecdsa-rdfc-2019\" .",
            "\"ecdsa-rdfc-2019\"" + CRYPTOSUITE_DATATYPE + " ."), new String(canonical, StandardCharsets.UTF_8));
    }

    @Test
    void publishedSignedDocument_signatureOverItsOwnProofHash_isValid() throws FormatException {
        byte[] proofCanon = Vectors.bytes(DIR + "proofCanonECDSAP256.txt");
        byte[] hashData = Bytes.concat(SUITE.digest(proofCanon), Bytes.fromHex(COMBINED.substring(64)));
        byte[] proofValue = Multibase.decode("proofValue", SIGNED.path("proof").path("proofValue").textValue());

        assertEquals(Vectors.line(DIR + "proofHashECDSAP256.txt"), Bytes.hex(SUITE.digest(proofCanon)));
        assertTrue(SUITE.verifySignature(hashData, proofValue, PUBLIC_KEY));
    }

    @Test
    void publishedSignedDocument_underTodaysContext_doesNotVerify() throws TransformationException {
        assertFalse(SUITE.verifyProof(UNSECURED, (ObjectNode) SIGNED.get("proof"), PUBLIC_KEY));
    }

    @Test
    void employVectors_proofHashAndSignature_agree() {
        String employ = DIR + "employ/";
        byte[] proofHash = SUITE.digest(Vectors.bytes(employ + "proofCanonECDSAP256.txt"));
        String combined = Vectors.line(employ + "combinedHashECDSAP256.txt");
        byte[] sigHex = Bytes.fromHex(Vectors.line(employ + "sigHexECDSAP256.txt"));

        assertEquals(Vectors.line(employ + "proofHashECDSAP256.txt"), Bytes.hex(proofHash));
        assertEquals(combined.substring(0, 64), Bytes.hex(proofHash));
        assertTrue(SUITE.verifySignature(Bytes.fromHex(combined), sigHex, PUBLIC_KEY));
        assertEquals(Vectors.line(employ + "sigBTC58ECDSAP256.txt"), Multibase.encodeBase58Btc(sigHex));
    }

    @Test
    void employVectors_citizenshipContextNotHeld_isUnknownContext() {
        ObjectNode signed = Vectors.json(DIR + "employ/signedECDSAP256.json");

        TransformationException e = assertThrows(TransformationException.class,
            () -> SUITE.verifyProof(Vectors.withoutProof(signed), (ObjectNode) signed.get("proof"), PUBLIC_KEY));

        assertEquals(TransformationException.Kind.UNKNOWN_CONTEXT, e.kind());
    }

    @Test
    void createProof_freshSignature_verifiesAndTamperingBreaksIt() throws TransformationException {
        ObjectNode options = didKeyOptions();
        options.remove("@context");
        ObjectNode proof = SUITE.createProof(UNSECURED, options, KEY);
        ObjectNode tampered = UNSECURED.deepCopy();
        tampered.with("credentialSubject").put("id", "did:example:someone-else");

        assertTrue(SUITE.verifyProof(UNSECURED, proof, PUBLIC_KEY));
        assertFalse(SUITE.verifyProof(tampered, proof, PUBLIC_KEY));
    }

    @Test
    void verifySignature_ed25519Key_isInvalid() {
        VerificationKey ed25519 = SigningKey.generate(org.civitas.sdk.key.KeyType.ED25519).signingKey().verificationKey();

        assertFalse(SUITE.verifySignature(Bytes.fromHex(COMBINED),
            Bytes.fromHex(Vectors.line(DIR + "sigHexECDSAP256.txt")), ed25519));
    }
}
