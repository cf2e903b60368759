package org.civitas.sdk.suite;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.civitas.sdk.FormatException;
import org.civitas.sdk.did.DidKey;
import org.civitas.sdk.fixtures.Vectors;
import org.civitas.sdk.internal.Bytes;
import org.civitas.sdk.key.KeyType;
import org.civitas.sdk.key.Multibase;
import org.civitas.sdk.key.SigningKey;
import org.civitas.sdk.key.VerificationKey;
import org.civitas.sdk.proof.DataIntegrity;
import org.civitas.sdk.proof.ProofOptions;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sm2-jcs-2025 vectors of docs/cryptosuites/sm2-jcs-2025.md §6. */
class Sm2Jcs2025Test {

    private static final String DIR = "vectors/civitas-sm2-jcs-2025/";
    private static final Sm2Jcs2025 SUITE = new Sm2Jcs2025();
    private static final ObjectNode KEY_PAIR = Vectors.json(DIR + "keyPair.json");
    private static final SigningKey KEY = Vectors.signingKey(KEY_PAIR);
    private static final VerificationKey PUBLIC_KEY = KEY.verificationKey();

    private static final ObjectNode UNSIGNED = Vectors.json(DIR + "unsigned.json");
    private static final ObjectNode SIGNED = Vectors.json(DIR + "signedJCS.json");

    @Test
    void digest_gbt32905ExampleOne_isTheStandardsHash() {
        assertEquals("66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0",
            Bytes.hex(SUITE.digest("abc".getBytes(StandardCharsets.US_ASCII))));
    }

    @Test
    void keyPair_secretDerivesThePublishedPublicKey() {
        assertEquals(KeyType.SM2, KEY.type());
        assertEquals(KEY_PAIR.get("publicKeyMultibase").textValue(), PUBLIC_KEY.toMultibase());
        assertTrue(PUBLIC_KEY.toMultibase().startsWith("zEPJ"));
    }

    @Test
    void transform_credential_isCanonDocAndItsSm3() {
        byte[] canonical = SUITE.transform(UNSIGNED);

        assertArrayEquals(Vectors.bytes(DIR + "canonDocJCS.txt"), canonical);
        assertArrayEquals(Vectors.bytes("vectors/w3c-vc-di-eddsa/eddsa-jcs-2022/canonDocJCS.txt"), canonical);
        assertEquals(Vectors.line(DIR + "docHashJCS.txt"), Bytes.hex(SUITE.digest(canonical)));
    }

    @Test
    void configureProof_publishedOptions_isProofCanonAndItsSm3() throws TransformationException {
        byte[] canonical = SUITE.configureProof(Vectors.json(DIR + "proofConfigJCS.json"), UNSIGNED);

        assertArrayEquals(Vectors.bytes(DIR + "proofCanonJCS.txt"), canonical);
        assertEquals(Vectors.line(DIR + "proofHashJCS.txt"), Bytes.hex(SUITE.digest(canonical)));
    }

    @Test
    void hash_publishedOptions_isCombinedHash() throws TransformationException {
        byte[] hashData = SUITE.hash(SUITE.transform(UNSIGNED),
            SUITE.configureProof(Vectors.json(DIR + "proofConfigJCS.json"), UNSIGNED));

        assertEquals(Vectors.line(DIR + "combinedHashJCS.txt"), Bytes.hex(hashData));
    }

    @Test
    void verifySignature_publishedSignature_isValidAndIsTheProofValue() {
        byte[] signature = Bytes.fromHex(Vectors.line(DIR + "sigHexJCS.txt"));

        assertTrue(SUITE.verifySignature(Bytes.fromHex(Vectors.line(DIR + "combinedHashJCS.txt")), signature, PUBLIC_KEY));
        assertEquals(Vectors.line(DIR + "sigBTC58JCS.txt"), Multibase.encodeBase58Btc(signature));
        assertEquals(Vectors.line(DIR + "sigBTC58JCS.txt"), SIGNED.path("proof").path("proofValue").textValue());
    }

    @Test
    void verifySignature_hashDataOffByOneBit_isInvalid() {
        byte[] hashData = Bytes.fromHex(Vectors.line(DIR + "combinedHashJCS.txt"));
        hashData[63] ^= 1;

        assertFalse(SUITE.verifySignature(hashData, Bytes.fromHex(Vectors.line(DIR + "sigHexJCS.txt")), PUBLIC_KEY));
    }

    @Test
    void verifyProof_publishedCredential_isValid() throws TransformationException {
        assertTrue(SUITE.verifyProof(Vectors.withoutProof(SIGNED), (ObjectNode) SIGNED.get("proof"), PUBLIC_KEY));
    }

    @Test
    void verifyProof_claimChanged_isInvalid() throws TransformationException {
        ObjectNode tampered = Vectors.withoutProof(SIGNED);
        tampered.with("credentialSubject").put("alumniOf", "The School of Forgeries");

        assertFalse(SUITE.verifyProof(tampered, (ObjectNode) SIGNED.get("proof"), PUBLIC_KEY));
    }

    @Test
    void verifyProof_otherSm2Key_isInvalid() throws TransformationException {
        VerificationKey other = SigningKey.generate(KeyType.SM2).signingKey().verificationKey();

        assertFalse(SUITE.verifyProof(Vectors.withoutProof(SIGNED), (ObjectNode) SIGNED.get("proof"), other));
    }

    @Test
    void sign_publishedOptionsAgain_givesAnotherSignatureThatVerifies() throws FormatException, TransformationException {
        ProofOptions options = ProofOptions.builder(Sm2Jcs2025.NAME, DidKey.verificationMethodId(PUBLIC_KEY))
            .created(Instant.parse("2023-02-24T23:36:38Z")).build();

        ObjectNode fresh = DataIntegrity.sign(UNSIGNED, options, KEY);

        ObjectNode freshProof = (ObjectNode) fresh.get("proof");
        ObjectNode publishedProof = (ObjectNode) SIGNED.get("proof");
        assertNotEquals(publishedProof.get("proofValue"), freshProof.get("proofValue"));
        assertEquals(64, Multibase.decode("proofValue", freshProof.get("proofValue").textValue()).length);
        ObjectNode withoutValues = freshProof.deepCopy();
        withoutValues.remove("proofValue");
        ObjectNode publishedWithoutValue = publishedProof.deepCopy();
        publishedWithoutValue.remove("proofValue");
        assertEquals(publishedWithoutValue, withoutValues);
        assertTrue(SUITE.verifyProof(UNSIGNED, freshProof, PUBLIC_KEY));
    }

    @Test
    void verifySignature_ed25519SignatureOverTheSameHashData_isInvalid() {
        SigningKey ed25519 = SigningKey.generate(KeyType.ED25519).signingKey();
        byte[] hashData = Bytes.fromHex(Vectors.line(DIR + "combinedHashJCS.txt"));

        assertFalse(SUITE.verifySignature(hashData, ed25519.sign(hashData), PUBLIC_KEY));
        assertFalse(SUITE.verifySignature(hashData, ed25519.sign(hashData), ed25519.verificationKey()));
    }
}
