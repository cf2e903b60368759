package org.civitas.sdk.suite;

import com.fasterxml.jackson.databind.node.ObjectNode;
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
 * vc-di-eddsa "eddsa-rdfc-2022" vectors. proofCanonDataInt, combinedHashDataInt, sigBTC58DataInt and
 * signedDataInt.json agree with the current credentials v2 context; proofHashDataInt and sigHexDataInt were made
 * under an earlier one, in which {@code cryptosuite} had no {@code cryptosuiteString} datatype, and are reproduced
 * from that canonical form. The "employ" vectors use https://w3id.org/citizenship/v4rc1, a context the SDK does
 * not hold: their hashes and signature are checked, and canonicalising them is refused as it must be. (The employ
 * signedDataInt.json was signed over another revision of the credential than canonDocDataInt, so its proofValue is
 * not sigBTC58DataInt; without the context it cannot be checked here.)
 */
class EddsaRdfc2022Test {

    private static final String DIR = "vectors/w3c-vc-di-eddsa/eddsa-rdfc-2022/";
    private static final String CRYPTOSUITE_DATATYPE = "^^<https://w3id.org/security#cryptosuiteString>";
    private static final EddsaRdfc2022 SUITE = new EddsaRdfc2022(Vectors.contexts());
    private static final SigningKey KEY = Vectors.signingKey(Vectors.json("vectors/w3c-vc-di-eddsa/keyPair.json"));

    private static final ObjectNode SIGNED = Vectors.json(DIR + "signedDataInt.json");
    private static final ObjectNode UNSECURED = Vectors.withoutProof(SIGNED);

    @Test
    void configureProof_publishedOptions_isProofCanonByteForByte() throws TransformationException {
        byte[] canonical = SUITE.configureProof(Vectors.json(DIR + "proofConfigDataInt.json"), UNSECURED);

        assertArrayEquals(Vectors.bytes(DIR + "proofCanonDataInt.txt"), canonical);
    }

    @Test
    void hash_publishedOptions_isCombinedHash() throws TransformationException {
        byte[] transformed = SUITE.transform(UNSECURED);
        byte[] hashData = SUITE.hash(transformed, SUITE.configureProof(Vectors.json(DIR + "proofConfigDataInt.json"),
            UNSECURED));

        assertEquals(Vectors.line(DIR + "combinedHashDataInt.txt"), Bytes.hex(hashData));
        assertEquals(Vectors.line(DIR + "combinedHashDataInt.txt").substring(64), Bytes.hex(SUITE.digest(transformed)));
    }

    @Test
    void serializeProof_publishedOptions_isSigBtc58AndThePublishedProofValue() throws TransformationException {
        byte[] hashData = SUITE.hash(SUITE.transform(UNSECURED),
            SUITE.configureProof(Vectors.json(DIR + "proofConfigDataInt.json"), UNSECURED));

        String proofValue = Multibase.encodeBase58Btc(SUITE.serializeProof(hashData, KEY));

        assertEquals(Vectors.line(DIR + "sigBTC58DataInt.txt"), proofValue);
        assertEquals(SIGNED.path("proof").path("proofValue").textValue(), proofValue);
    }

    @Test
    void hashAndSign_earlierContextsProofCanon_isProofHashAndSigHex() {
        byte[] earlierCanon = Vectors.text(DIR + "proofCanonDataInt.txt").replace(CRYPTOSUITE_DATATYPE, "")
            .getBytes(StandardCharsets.UTF_8);
        byte[] proofHash = SUITE.digest(earlierCanon);
        byte[] hashData = Bytes.concat(proofHash,
            Bytes.fromHex(Vectors.line(DIR + "combinedHashDataInt.txt").substring(64)));

        assertEquals(Vectors.line(DIR + "proofHashDataInt.txt"), Bytes.hex(proofHash));
        assertEquals(Vectors.line(DIR + "sigHexDataInt.txt"), Bytes.hex(SUITE.serializeProof(hashData, KEY)));
    }

    @Test
    void createProof_publishedOptions_isThePublishedProof() throws TransformationException {
        ObjectNode proof = SUITE.createProof(UNSECURED, optionsWithoutContext(), KEY);

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
    void verifyProof_keyOrderAndWhitespaceChanged_isStillValid() throws TransformationException {
        ObjectNode reordered = UNSECURED.objectNode();
        reordered.set("credentialSubject", UNSECURED.get("credentialSubject"));
        UNSECURED.fields().forEachRemaining(field -> reordered.set(field.getKey(), field.getValue()));

        assertTrue(SUITE.verifyProof(reordered, (ObjectNode) SIGNED.get("proof"), KEY.verificationKey()));
    }

    @Test
    void verifyProof_proofValueChanged_isInvalid() throws TransformationException {
        ObjectNode proof = SIGNED.get("proof").deepCopy();
        proof.put("proofValue", Vectors.line("vectors/w3c-vc-di-eddsa/eddsa-jcs-2022/sigBTC58JCS.txt"));

        assertFalse(SUITE.verifyProof(UNSECURED, proof, KEY.verificationKey()));
    }

    @Test
    void transform_examplesContextNotBundled_isUnknownContext() {
        EddsaRdfc2022 bundledOnly = new EddsaRdfc2022();

        TransformationException e = assertThrows(TransformationException.class, () -> bundledOnly.transform(UNSECURED));

        assertEquals(TransformationException.Kind.UNKNOWN_CONTEXT, e.kind());
        assertEquals(Vectors.EXAMPLES_CONTEXT_URL, e.subject());
    }

    @Test
    void transform_undefinedTerm_isRefusedNotDropped() {
        ObjectNode document = UNSECURED.deepCopy();
        document.putArray("@context").add("https://www.w3.org/ns/credentials/v2");
        document.put("favouriteColour", "blue");

        TransformationException e = assertThrows(TransformationException.class, () -> SUITE.transform(document));

        assertEquals(TransformationException.Kind.UNDEFINED_TERM, e.kind());
    }

    @Test
    void employVectors_hashesAndSignature_agree() {
        String employ = DIR + "employ/";
        byte[] docHash = SUITE.digest(Vectors.bytes(employ + "canonDocDataInt.txt"));
        byte[] proofHash = SUITE.digest(Vectors.bytes(employ + "proofCanonDataInt.txt"));
        byte[] hashData = Bytes.concat(proofHash, docHash);

        assertEquals(Vectors.line(employ + "docHashDataInt.txt"), Bytes.hex(docHash));
        assertEquals(Vectors.line(employ + "combinedHashDataInt.txt"), Bytes.hex(hashData));
        assertEquals(Vectors.line(employ + "sigHexDataInt.txt"), Bytes.hex(SUITE.serializeProof(hashData, KEY)));
        assertEquals(Vectors.line(employ + "sigBTC58DataInt.txt"), Multibase.encodeBase58Btc(SUITE.serializeProof(hashData, KEY)));
    }

    @Test
    void employVectors_citizenshipContextNotHeld_isUnknownContext() {
        ObjectNode signed = Vectors.json(DIR + "employ/signedDataInt.json");

        TransformationException e = assertThrows(TransformationException.class,
            () -> SUITE.verifyProof(Vectors.withoutProof(signed), (ObjectNode) signed.get("proof"), KEY.verificationKey()));

        assertEquals(TransformationException.Kind.UNKNOWN_CONTEXT, e.kind());
        assertEquals("https://w3id.org/citizenship/v4rc1", e.subject());
    }

    private static ObjectNode optionsWithoutContext() {
        ObjectNode options = Vectors.json(DIR + "proofConfigDataInt.json");
        options.remove("@context");
        return options;
    }
}
