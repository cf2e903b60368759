package org.civitas.sdk.suite;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.civitas.sdk.did.DidKey;
import org.civitas.sdk.fixtures.Vectors;
import org.civitas.sdk.internal.Bytes;
import org.civitas.sdk.key.Multibase;
import org.civitas.sdk.key.SigningKey;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * vc-di-eddsa "eddsa-jcs-2022" vectors. The files were made with three sets of options, and each is reproduced
 * with its own: proofCanonJCS, proofHashJCS and combinedHashJCS with the did:key verification method;
 * proofConfigJCS.json, signedJCS.json and sigHexJCS with https://vc.example/issuers/5678#…; sigBTC58JCS with that
 * method but no proof {@code @context} (an earlier revision of Create Proof step 2).
 */
class EddsaJcs2022Test {

    private static final String DIR = "vectors/w3c-vc-di-eddsa/eddsa-jcs-2022/";
    private static final EddsaJcs2022 SUITE = new EddsaJcs2022();
    private static final SigningKey KEY = Vectors.signingKey(Vectors.json("vectors/w3c-vc-di-eddsa/keyPair.json"));

    private static final ObjectNode SIGNED = Vectors.json(DIR + "signedJCS.json");
    private static final ObjectNode UNSECURED = Vectors.withoutProof(SIGNED);

    /** proofConfigJCS.json with the did:key method the intermediate files were made with. */
    private static ObjectNode didKeyProofConfig() {
        ObjectNode config = Vectors.json(DIR + "proofConfigJCS.json");
        config.put("verificationMethod", DidKey.verificationMethodId(KEY.verificationKey()));
        return config;
    }

    @Test
    void transform_alumniCredential_isCanonDocJcsByteForByte() {
        byte[] canonical = SUITE.transform(UNSECURED);

        assertArrayEquals(Vectors.bytes(DIR + "canonDocJCS.txt"), canonical);
        assertEquals(Vectors.line(DIR + "docHashJCS.txt"), Bytes.hex(SUITE.digest(canonical)));
    }

    @Test
    void configureProof_didKeyOptions_isProofCanonJcsAndItsHash() throws TransformationException {
        byte[] canonical = SUITE.configureProof(didKeyProofConfig(), UNSECURED);

        assertArrayEquals(Vectors.bytes(DIR + "proofCanonJCS.txt"), canonical);
        assertEquals(Vectors.line(DIR + "proofHashJCS.txt"), Bytes.hex(SUITE.digest(canonical)));
    }

    @Test
    void hash_didKeyOptions_isCombinedHashJcs() throws TransformationException {
        byte[] hashData = SUITE.hash(SUITE.transform(UNSECURED), SUITE.configureProof(didKeyProofConfig(), UNSECURED));

        assertEquals(Vectors.line(DIR + "combinedHashJCS.txt"), Bytes.hex(hashData));
    }

    /** sigHexJCS.txt is the signature of signedJCS.json: the vc.example method, the proof @context included. */
    @Test
    void serializeProof_publishedOptions_isSigHexJcs() throws TransformationException {
        ObjectNode options = Vectors.json(DIR + "proofConfigJCS.json");
        byte[] hashData = SUITE.hash(SUITE.transform(UNSECURED), SUITE.configureProof(options, UNSECURED));

        byte[] signature = SUITE.serializeProof(hashData, KEY);

        assertEquals(Vectors.line(DIR + "sigHexJCS.txt"), Bytes.hex(signature));
        assertEquals(SIGNED.path("proof").path("proofValue").textValue(), Multibase.encodeBase58Btc(signature));
        assertTrue(SUITE.verifySignature(hashData, signature, KEY.verificationKey()));
    }

    /**
     * sigBTC58JCS.txt predates Create Proof step 2 (the proof's @context): it signs the vc.example options without
     * an @context.
     */
    @Test
    void serializeProof_publishedOptionsWithoutContext_isSigBtc58Jcs() throws TransformationException {
        ObjectNode options = Vectors.json(DIR + "proofConfigJCS.json");
        options.remove("@context");
        byte[] hashData = SUITE.hash(SUITE.transform(UNSECURED), SUITE.configureProof(options, UNSECURED));

        byte[] signature = SUITE.serializeProof(hashData, KEY);

        assertEquals(Vectors.line(DIR + "sigBTC58JCS.txt"), Multibase.encodeBase58Btc(signature));
    }

    @Test
    void createProof_publishedOptions_isThePublishedProof() throws TransformationException {
        ObjectNode options = Vectors.json(DIR + "proofConfigJCS.json");
        options.remove("@context");                       // the suite adds the document's (Create Proof step 2)

        ObjectNode proof = SUITE.createProof(UNSECURED, options, KEY);

        assertEquals(SIGNED.get("proof"), proof);
    }

    @Test
    void verifyProof_publishedDocument_isValid() throws TransformationException {
        assertTrue(SUITE.verifyProof(UNSECURED, (ObjectNode) SIGNED.get("proof"), KEY.verificationKey()));
    }

    @Test
    void verifyProof_claimChanged_isInvalid() throws TransformationException {
        ObjectNode tampered = UNSECURED.deepCopy();
        tampered.with("credentialSubject").put("alumniOf", "The School of Forgeries");

        assertFalse(SUITE.verifyProof(tampered, (ObjectNode) SIGNED.get("proof"), KEY.verificationKey()));
    }

    @Test
    void verifyProof_proofValueChanged_isInvalid() throws TransformationException {
        ObjectNode proof = SIGNED.get("proof").deepCopy();
        String value = proof.get("proofValue").textValue();
        proof.put("proofValue", value.substring(0, 10) + (value.charAt(10) == 'a' ? 'b' : 'a') + value.substring(11));

        assertFalse(SUITE.verifyProof(UNSECURED, proof, KEY.verificationKey()));
    }

    @Test
    void verifyProof_proofConfigChanged_isInvalid() throws TransformationException {
        ObjectNode proof = SIGNED.get("proof").deepCopy();
        proof.put("created", "2023-02-24T23:36:39Z");

        assertFalse(SUITE.verifyProof(UNSECURED, proof, KEY.verificationKey()));
    }

    @Test
    void verifyProof_otherKey_isInvalid() throws TransformationException {
        SigningKey other = SigningKey.generate(KEY.type()).signingKey();

        assertFalse(SUITE.verifyProof(UNSECURED, (ObjectNode) SIGNED.get("proof"), other.verificationKey()));
    }

    @Test
    void verifyProof_proofContextNotPrefixOfDocuments_isContextMismatch() {
        ObjectNode proof = SIGNED.get("proof").deepCopy();
        proof.putArray("@context").add("https://www.w3.org/ns/credentials/v2").add("https://example.org/other");

        TransformationException e = assertThrows(TransformationException.class,
            () -> SUITE.verifyProof(UNSECURED, proof, KEY.verificationKey()));
        assertEquals(TransformationException.Kind.CONTEXT_MISMATCH, e.kind());
    }

    @Test
    void verifyProof_contextAppendedAfterSigning_isStillValid() throws TransformationException {
        ObjectNode extended = UNSECURED.deepCopy();
        extended.withArray("@context").add("https://w3id.org/security/data-integrity/v2");

        assertTrue(SUITE.verifyProof(extended, (ObjectNode) SIGNED.get("proof"), KEY.verificationKey()));
    }

    @Test
    void createProof_keyOfAnotherType_isRejected() {
        SigningKey sm2 = SigningKey.generate(org.civitas.sdk.key.KeyType.SM2).signingKey();
        ObjectNode options = Vectors.json(DIR + "proofConfigJCS.json");

        assertThrows(IllegalArgumentException.class, () -> SUITE.createProof(UNSECURED, options, sm2));
    }

    @Test
    void transform_nonAsciiClaims_areUtf8() {
        ObjectNode document = UNSECURED.deepCopy();
        document.put("name", "学位证书");

        String canonical = new String(SUITE.transform(document), StandardCharsets.UTF_8);

        assertTrue(canonical.contains("\"name\":\"学位证书\""));
    }
}
