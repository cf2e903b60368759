package org.civitas.sample.wallet.core;

import org.civitas.sdk.key.KeyType;
import org.civitas.sdk.key.SigningKey;
import org.junit.jupiter.api.Test;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the keystore signs (DER, as Java's SHA256withECDSA) verifies as the r‖s the suites carry. */
class EcdsaSignaturesTest {

    @Test
    void derSignatureOfTheJavaProviderVerifiesAsRawWithTheSdk() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        byte[] message = "hash data".getBytes();
        for (int i = 0; i < 50; i++) { // short r or s (leading zero bytes) come up in a few of these
            KeyPair pair = generator.generateKeyPair();
            Signature signer = Signature.getInstance("SHA256withECDSA");
            signer.initSign(pair.getPrivate());
            signer.update(message);
            byte[] raw = EcdsaSignatures.derToRaw(signer.sign(), 32);
            assertEquals(64, raw.length);
            Signature verifier = Signature.getInstance("SHA256withECDSA");
            verifier.initVerify(pair.getPublic());
            verifier.update(message);
            assertTrue(verifier.verify(rawToDer(raw)));
        }
    }

    @Test
    void rawSignatureOfTheSdkKeyIsKeptAsItIs() {
        SigningKey key = SigningKey.generate(KeyType.P256).signingKey();
        byte[] raw = key.sign("x".getBytes());
        assertEquals(64, raw.length);
        assertTrue(key.verificationKey().verify("x".getBytes(), EcdsaSignatures.derToRaw(rawToDer(raw), 32)));
    }

    private static byte[] rawToDer(byte[] raw) {
        byte[] r = integer(java.util.Arrays.copyOfRange(raw, 0, 32));
        byte[] s = integer(java.util.Arrays.copyOfRange(raw, 32, 64));
        byte[] der = new byte[2 + r.length + s.length];
        der[0] = 0x30;
        der[1] = (byte) (r.length + s.length);
        System.arraycopy(r, 0, der, 2, r.length);
        System.arraycopy(s, 0, der, 2 + r.length, s.length);
        return der;
    }

    private static byte[] integer(byte[] unsigned) {
        byte[] value = new java.math.BigInteger(1, unsigned).toByteArray();
        byte[] out = new byte[2 + value.length];
        out[0] = 0x02;
        out[1] = (byte) value.length;
        System.arraycopy(value, 0, out, 2, value.length);
        return out;
    }
}
