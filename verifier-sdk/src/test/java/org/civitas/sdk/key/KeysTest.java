package org.civitas.sdk.key;

import org.civitas.sdk.FormatException;
import org.civitas.sdk.internal.Bytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.math.BigInteger;
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

    @ParameterizedTest
    @EnumSource(value = KeyType.class, names = {"P256", "SM2"})
    void verify_onceTheKeyHasItsTables_stillAcceptsOnlyValidSignatures(KeyType type) {
        CombTables.forgetKeys();
        SigningKey key = SigningKey.generate(type).signingKey();
        VerificationKey verificationKey = key.verificationKey();
        byte[] signature = key.sign(MESSAGE);

        for (int i = 0; i <= CombTables.USES_BEFORE_TABLE; i++) {
            assertRejectsEveryAlteration(verificationKey, signature);
        }

        assertTrue(CombTables.has(verificationKey));
        for (int i = 0; i < 20; i++) {
            byte[] message = ("message " + i).getBytes(StandardCharsets.UTF_8);
            assertTrue(verificationKey.verify(message, key.sign(message)), "signature " + i);
        }
        assertRejectsEveryAlteration(verificationKey, signature);
    }

    /** A valid signature passes; any change to the message or to r or s, and r or s out of [1, n-1], fails. */
    private static void assertRejectsEveryAlteration(VerificationKey key, byte[] signature) {
        assertTrue(key.verify(MESSAGE, signature));
        assertFalse(key.verify("another".getBytes(StandardCharsets.UTF_8), signature));
        for (int index : new int[] {0, 31, 32, 63}) {
            byte[] altered = signature.clone();
            altered[index] ^= 1;
            assertFalse(key.verify(MESSAGE, altered), "byte " + index + " altered");
        }
        byte[] order = VerificationKey.unsigned32(VerificationKey.domain(key.type()).getN());
        for (int offset : new int[] {0, 32}) {
            byte[] zero = signature.clone();
            java.util.Arrays.fill(zero, offset, offset + 32, (byte) 0);
            assertFalse(key.verify(MESSAGE, zero), "zero at " + offset);
            byte[] n = signature.clone();
            System.arraycopy(order, 0, n, offset, 32);
            assertFalse(key.verify(MESSAGE, n), "n at " + offset);
        }
    }

    @Test
    void p256_jdkSignaturesVerify_beforeAndAfterTheKeyHasItsTables() throws Exception {
        CombTables.forgetKeys();
        java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("EC");
        generator.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
        java.security.KeyPair pair = generator.generateKeyPair();
        java.security.spec.ECPoint w = ((java.security.interfaces.ECPublicKey) pair.getPublic()).getW();
        java.util.Base64.Encoder base64 = java.util.Base64.getUrlEncoder().withoutPadding();
        VerificationKey key = VerificationKey.fromJwk(Map.of("kty", "EC", "crv", "P-256",
            "x", base64.encodeToString(VerificationKey.unsigned32(w.getAffineX())),
            "y", base64.encodeToString(VerificationKey.unsigned32(w.getAffineY()))));

        assertIndependentSignaturesVerify(key, message -> {
            Signature jdk = Signature.getInstance("SHA256withECDSAinP1363Format");
            jdk.initSign(pair.getPrivate());
            jdk.update(message);
            return jdk.sign();
        });
    }

    @Test
    void sm2_bouncyCastlesOwnSignaturesVerify_beforeAndAfterTheKeyHasItsTables() throws Exception {
        CombTables.forgetKeys();
        org.bouncycastle.crypto.params.ECPrivateKeyParameters secret = new org.bouncycastle.crypto.params.ECPrivateKeyParameters(
            new BigInteger(250, new java.security.SecureRandom()).add(BigInteger.ONE), org.civitas.sdk.internal.Curves.SM2);
        VerificationKey key = VerificationKey.of(KeyType.SM2,
            org.civitas.sdk.internal.Curves.SM2.getG().multiply(secret.getD()).getEncoded(true));

        assertIndependentSignaturesVerify(key, message -> {
            org.bouncycastle.crypto.signers.SM2Signer independent = new org.bouncycastle.crypto.signers.SM2Signer(
                org.bouncycastle.crypto.signers.PlainDSAEncoding.INSTANCE);
            independent.init(true, new org.bouncycastle.crypto.params.ParametersWithID(secret,
                "1234567812345678".getBytes(StandardCharsets.US_ASCII)));
            independent.update(message, 0, message.length);
            return independent.generateSignature();
        });
    }

    /** Signs messages with another implementation until the key has its tables: each verifies, altered each fails. */
    private static void assertIndependentSignaturesVerify(VerificationKey key, IndependentSigner signer) throws Exception {
        for (int i = 0; i < 2 * CombTables.USES_BEFORE_TABLE + 2; i++) {
            byte[] message = ("message " + i).getBytes(StandardCharsets.UTF_8);
            byte[] signature = signer.sign(message);
            assertTrue(key.verify(message, signature), "signature " + i);
            signature[i % 64] ^= 1;
            assertFalse(key.verify(message, signature), "altered signature " + i);
        }
        assertTrue(CombTables.has(key));
    }

    private interface IndependentSigner {
        byte[] sign(byte[] message) throws Exception;
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
