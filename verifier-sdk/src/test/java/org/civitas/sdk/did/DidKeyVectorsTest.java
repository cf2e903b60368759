package org.civitas.sdk.did;

import com.fasterxml.jackson.databind.JsonNode;
import org.civitas.sdk.FormatException;
import org.civitas.sdk.internal.Base58;
import org.civitas.sdk.internal.Bytes;
import org.civitas.sdk.jcs.IJson;
import org.civitas.sdk.key.KeyType;
import org.civitas.sdk.key.Multibase;
import org.civitas.sdk.key.SigningKey;
import org.civitas.sdk.key.VerificationKey;
import org.civitas.sdk.fixtures.Vectors;
import org.junit.jupiter.api.Test;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The did:key method's published vectors (w3c-ccg/did-method-key test-vectors): key ↔ DID, both ways. */
class DidKeyVectorsTest {

    @Test
    void ed25519Vectors_seedGivesTheDidAndTheDerivedX25519KeyAgreementKey() throws FormatException {
        JsonNode vectors = IJson.parse("vectors", Vectors.text("vectors/did-key/ed25519-x25519.json"));
        int checked = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = vectors.fields(); it.hasNext(); checked++) {
            Map.Entry<String, JsonNode> vector = it.next();
            String did = vector.getKey();
            byte[] seed = Bytes.fromHex(vector.getValue().get("seed").textValue());
            SigningKey key = SigningKey.fromSecretKeyMultibase(Multibase.encodeBase58Btc(
                Bytes.concat(new byte[] {(byte) 0x80, 0x26}, seed)));

            assertEquals(did, DidKey.of(key.verificationKey()).toString());
            assertArrayEquals(Base58.decode(vector.getValue().get("verificationKeyPair").get("publicKeyBase58").textValue()),
                key.verificationKey().encoded());
            DidDocument document = DidKey.document(Did.parse(did), true);
            String agreementId = did + vector.getValue().get("keyAgreementKeyPair").get("id").textValue();
            assertEquals(java.util.List.of(agreementId), document.relationship(Relationship.KEY_AGREEMENT));
            String methodId = did + vector.getValue().get("verificationKeyPair").get("id").textValue();
            for (Relationship r : new Relationship[] {Relationship.AUTHENTICATION, Relationship.ASSERTION_METHOD,
                    Relationship.CAPABILITY_INVOCATION, Relationship.CAPABILITY_DELEGATION}) {
                assertTrue(document.authorizes(methodId, r), r + " of " + did);
            }
            assertEquals(key.verificationKey(), document.verificationMethod(methodId).orElseThrow().signatureKey());
        }
        assertEquals(5, checked);
    }

    @Test
    void p256Vectors_jwkGivesTheDidAndTheDidGivesTheKey() throws FormatException {
        JsonNode vectors = IJson.parse("vectors", Vectors.text("vectors/did-key/nist-curves.json"));
        int p256 = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = vectors.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> vector = it.next();
            JsonNode jwk = vector.getValue().get("publicKey").get("publicKeyJwk");
            if (!"P-256".equals(jwk.get("crv").textValue())) {
                Did other = Did.parse(vector.getKey());
                assertThrows(FormatException.class, () -> DidKey.key(other), "P-384/P-521 are not supported");
                continue;
            }
            VerificationKey key = VerificationKey.fromJwk(members(jwk));

            assertEquals(vector.getKey(), DidKey.of(key).toString());
            assertEquals(key, DidKey.key(Did.parse(vector.getKey())));
            assertEquals(KeyType.P256, key.type());
            String d = vector.getValue().get("publicKey").get("privateKeyJwk").get("d").textValue();
            SigningKey signing = SigningKey.fromSecretKeyMultibase(Multibase.encodeBase58Btc(
                Bytes.concat(new byte[] {(byte) 0x86, 0x26}, java.util.Base64.getUrlDecoder().decode(d))));
            assertEquals(key, signing.verificationKey());
            p256++;
        }
        assertEquals(2, p256);
    }

    @Test
    void sm2DidKey_roundTripsThroughItsDocument() throws Exception {
        VerificationKey key = SigningKey.generate(KeyType.SM2).signingKey().verificationKey();
        Did did = DidKey.of(key);

        DidDocument document = DidKey.resolver().resolve(did, java.time.Instant.now());

        assertEquals(key, document.verificationMethod(DidKey.verificationMethodId(key)).orElseThrow().signatureKey());
        assertTrue(document.authorizes(DidKey.verificationMethodId(key), Relationship.ASSERTION_METHOD));
    }

    @Test
    void document_refusesAKeyAgreementKeyAnOffCurvePointAndAnotherMethod() throws FormatException {
        // the X25519 key the Ed25519 vector derives (did:key §3.1.5): a did:key must name a signature key
        VerificationKey ed25519 = SigningKey.generate(KeyType.ED25519).signingKey().verificationKey();
        String x25519 = DidKey.document(DidKey.of(ed25519), true).verificationMethods().get(1).id().split("#")[1];
        assertTrue(x25519.startsWith("z6LS"), x25519);
        assertThrows(FormatException.class, () -> DidKey.document(new Did("key", x25519)));

        byte[] offCurve = VerificationKey.fromMultibase(DidKey.of(
            SigningKey.generate(KeyType.P256).signingKey().verificationKey()).methodSpecificId()).encoded();
        for (int tries = 0; isPoint(offCurve); tries++) {
            offCurve[32]++;
            assertTrue(tries < 64);
        }
        String offCurveId = Multibase.encodeBase58Btc(Bytes.concat(new byte[] {(byte) 0x80, 0x24}, offCurve));
        FormatException e = assertThrows(FormatException.class, () -> DidKey.document(new Did("key", offCurveId)));
        assertTrue(e.getMessage().contains("not a point"), e.getMessage());
        assertThrows(FormatException.class, () -> DidKey.document(new Did("web", offCurveId)));
    }

    private static boolean isPoint(byte[] compressed) {
        try {
            VerificationKey.of(KeyType.P256, compressed);
            return true;
        } catch (FormatException e) {
            return false;
        }
    }

    @Test
    void resolver_otherMethods_areNotSupported() {
        ResolutionException e = assertThrows(ResolutionException.class,
            () -> DidKey.resolver().resolve(new Did("web", "example.com"), java.time.Instant.now()));
        assertEquals(ResolutionException.Kind.METHOD_NOT_SUPPORTED, e.kind());
    }

    private static Map<String, Object> members(JsonNode jwk) {
        Map<String, Object> out = new LinkedHashMap<>();
        jwk.fields().forEachRemaining(f -> out.put(f.getKey(), f.getValue().textValue()));
        return out;
    }
}
