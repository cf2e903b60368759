package org.civitas.sdk.key;

import org.civitas.sdk.FormatException;
import org.civitas.sdk.internal.Bytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KeysTest {

    private static final byte[] MESSAGE = "an e-certificate".getBytes(StandardCharsets.UTF_8);

    @ParameterizedTest
    @EnumSource(KeyType.class)
    void sign_thenVerify_acceptsTheMessageAndRejectsAnyOther(KeyType type) {
        SigningKey key = SigningKey.generate(type).signingKey();

        byte[] signature = key.sign(MESSAGE);

        assertEquals(64, signature.length);
        assertTrue(key.verificationKey().verify(MESSAGE, signature));
        assertFalse(key.verificationKey().verify("another".getBytes(StandardCharsets.UTF_8), signature));
        signature[10] ^= 1;
        assertFalse(key.verificationKey().verify(MESSAGE, signature));
        assertFalse(key.verificationKey().verify(MESSAGE, new byte[63]));
    }

    @ParameterizedTest
    @EnumSource(KeyType.class)
    void secretKeyMultibase_roundTripsToTheSameKey(KeyType type) throws FormatException {
        NewKey generated = SigningKey.generate(type);

        SigningKey restored = SigningKey.fromSecretKeyMultibase(generated.secretKeyMultibase());

        assertEquals(generated.signingKey().verificationKey(), restored.verificationKey());
        assertTrue(restored.verificationKey().verify(MESSAGE, generated.signingKey().sign(MESSAGE)));
    }

    @ParameterizedTest
    @EnumSource(KeyType.class)
    void publicKeyMultibaseAndJwk_roundTrip(KeyType type) throws FormatException {
        VerificationKey key = SigningKey.generate(type).signingKey().verificationKey();

        assertEquals(key, VerificationKey.fromMultibase(key.toMultibase()));
        assertEquals(key, VerificationKey.fromJwk(key.toJwk()));
        assertEquals(type.jwkCrv(), key.toJwk().get("crv"));
    }

    @ParameterizedTest
    @EnumSource(KeyType.class)
    void toString_neverShowsTheSecret(KeyType type) {
        NewKey generated = SigningKey.generate(type);
        String secretBody = generated.secretKeyMultibase().substring(5);

        assertFalse(generated.signingKey().toString().contains(secretBody));
        assertFalse(generated.toString().contains(secretBody));
        assertTrue(generated.signingKey().toString().contains("redacted"));
    }

    @Test
    void multibaseHeaders_matchTheMulticodecTable() {
        assertTrue(SigningKey.generate(KeyType.ED25519).signingKey().verificationKey().toMultibase().startsWith("z6Mk"));
        assertTrue(SigningKey.generate(KeyType.P256).signingKey().verificationKey().toMultibase().startsWith("zDn"));
        assertTrue(SigningKey.generate(KeyType.ED25519).secretKeyMultibase().startsWith("z3u2"));
    }

    /** RFC 8032 §7.1 TEST 2: one-byte message 0x72. */
    @Test
    void ed25519_rfc8032Test2_signsByteForByte() throws FormatException {
        byte[] seed = Bytes.fromHex("4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb");
        SigningKey key = SigningKey.fromSecretKeyMultibase(Multibase.encodeBase58Btc(
            Bytes.concat(new byte[] {(byte) 0x80, 0x26}, seed)));

        byte[] signature = key.sign(new byte[] {0x72});

        assertEquals("3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c", Bytes.hex(key.verificationKey().encoded()));
        assertEquals("92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da"
            + "085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00", Bytes.hex(signature));
    }

    @Test
    void p256_signatureVerifiesWithTheJdksIndependentImplementation() throws Exception {
        SigningKey key = SigningKey.generate(KeyType.P256).signingKey();
        byte[] signature = key.sign(MESSAGE);

        Signature jdk = Signature.getInstance("SHA256withECDSAinP1363Format");
        jdk.initVerify(jdkPublicKey(key.verificationKey()));
        jdk.update(MESSAGE);

        assertTrue(jdk.verify(signature));
        assertArrayEquals(signature, key.sign(MESSAGE), "RFC 6979 nonces make P-256 signatures deterministic");
    }

    @Test
    void sm2_signaturesAreRandomizedButAllVerify() {
        SigningKey key = SigningKey.generate(KeyType.SM2).signingKey();

        byte[] first = key.sign(MESSAGE);
        byte[] second = key.sign(MESSAGE);

        assertNotEquals(Bytes.hex(first), Bytes.hex(second));
        assertTrue(key.verificationKey().verify(MESSAGE, first));
        assertTrue(key.verificationKey().verify(MESSAGE, second));
    }

    @Test
    void sm2_signaturesVerifyWithBouncyCastlesOwnSm2Signer() throws Exception {
        SigningKey key = SigningKey.generate(KeyType.SM2).signingKey();
        org.bouncycastle.crypto.params.ECPublicKeyParameters publicKey = new org.bouncycastle.crypto.params.ECPublicKeyParameters(
            org.civitas.sdk.internal.Curves.SM2.getCurve().decodePoint(key.verificationKey().encoded()),
            org.civitas.sdk.internal.Curves.SM2);
        for (int i = 0; i < 50; i++) {
            byte[] message = ("message " + i).getBytes(StandardCharsets.UTF_8);
            org.bouncycastle.crypto.signers.SM2Signer independent = new org.bouncycastle.crypto.signers.SM2Signer(
                org.bouncycastle.crypto.signers.PlainDSAEncoding.INSTANCE);
            independent.init(false, new org.bouncycastle.crypto.params.ParametersWithID(publicKey,
                "1234567812345678".getBytes(StandardCharsets.US_ASCII)));
            byte[] signature = key.sign(message);
            independent.update(message, 0, message.length);
            assertTrue(independent.verifySignature(signature), "signature " + i);
        }
    }

    @Test
    void malformedKeys_areFormatExceptions() {
        assertThrows(FormatException.class, () -> VerificationKey.fromMultibase("z"));
        assertThrows(FormatException.class, () -> VerificationKey.fromMultibase("m6Mk"));
        assertThrows(FormatException.class, () -> VerificationKey.fromMultibase("z0OIl"));
        assertThrows(FormatException.class, () -> VerificationKey.of(KeyType.P256, new byte[33]));
        assertThrows(FormatException.class, () -> VerificationKey.fromJwk(Map.of("kty", "RSA")));
        assertThrows(FormatException.class, () -> SigningKey.fromSecretKeyMultibase(
            SigningKey.generate(KeyType.ED25519).signingKey().verificationKey().toMultibase()));
    }

    private static PublicKey jdkPublicKey(VerificationKey key) throws Exception {
        Map<String, String> jwk = key.toJwk();
        byte[] x = java.util.Base64.getUrlDecoder().decode(jwk.get("x"));
        byte[] y = java.util.Base64.getUrlDecoder().decode(jwk.get("y"));
        // SubjectPublicKeyInfo for id-ecPublicKey / prime256v1 with an uncompressed point
        byte[] prefix = Bytes.fromHex("3059301306072a8648ce3d020106082a8648ce3d030107034200");
        byte[] spki = Bytes.concat(prefix, Bytes.concat(new byte[] {4}, Bytes.concat(x, y)));
        return KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(spki));
    }
}
