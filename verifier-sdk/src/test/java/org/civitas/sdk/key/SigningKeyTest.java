package org.civitas.sdk.key;

import org.bouncycastle.crypto.CryptoException;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.crypto.signers.PlainDSAEncoding;
import org.bouncycastle.crypto.signers.SM2Signer;
import org.civitas.sdk.FormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SigningKeyTest {

    @Test
    void signP256_manyKeysAndMessages_isByteIdenticalToBouncyCastlesDeterministicEcdsa()
            throws FormatException, IOException {
        ECDomainParameters domain = VerificationKey.domain(KeyType.P256);
        Random random = new Random(20261204L);

        for (BigInteger d : secrets(domain.getN(), random)) {
            SigningKey key = SigningKey.fromSecret(KeyType.P256, VerificationKey.unsigned32(d));
            for (byte[] message : messages(random)) {
                ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
                signer.init(true, new ECPrivateKeyParameters(d, domain));
                BigInteger[] rs = signer.generateSignature(sha256(message));

                byte[] signature = key.sign(message);

                assertArrayEquals(PlainDSAEncoding.INSTANCE.encode(domain.getN(), rs[0], rs[1]), signature,
                    "d=" + d.toString(16));
                assertTrue(key.verificationKey().verify(message, signature));
            }
        }
    }

    @Test
    void signSm2_withTheSameRandomBytes_isByteIdenticalToBouncyCastlesSm2SignerAndVerifies()
            throws FormatException, CryptoException {
        ECDomainParameters domain = VerificationKey.domain(KeyType.SM2);
        Random random = new Random(20261205L);

        for (BigInteger d : secrets(domain.getN().subtract(BigInteger.ONE), random)) {     // SM2 needs d < n - 1
            SigningKey key = SigningKey.fromSecret(KeyType.SM2, VerificationKey.unsigned32(d));
            for (byte[] message : messages(random)) {
                long seed = random.nextLong();
                SM2Signer signer = new SM2Signer(PlainDSAEncoding.INSTANCE);
                signer.init(true, new ParametersWithRandom(new ECPrivateKeyParameters(d, domain), new Replay(seed)));
                signer.update(message, 0, message.length);
                byte[] expected = signer.generateSignature();

                byte[] signature = key.signSm2(message, new Replay(seed));

                assertArrayEquals(expected, signature, "d=" + d.toString(16));
                assertTrue(key.verificationKey().verify(message, signature));
                SM2Signer verifier = new SM2Signer(PlainDSAEncoding.INSTANCE);
                verifier.init(false, new ECPublicKeyParameters(key.verificationKey().publicPoint(), domain));
                verifier.update(message, 0, message.length);
                assertTrue(verifier.verifySignature(signature));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = KeyType.class, names = {"P256", "SM2"})
    void fromSecret_publicKeyIsBouncyCastlesSecretTimesGenerator(KeyType type) throws FormatException {
        ECDomainParameters domain = VerificationKey.domain(type);

        for (BigInteger d : secrets(domain.getN().subtract(BigInteger.ONE), new Random(20261206L))) {
            SigningKey key = SigningKey.fromSecret(type, VerificationKey.unsigned32(d));

            assertArrayEquals(domain.getG().multiply(d).normalize().getEncoded(true), key.verificationKey().encoded());
        }
    }

    @Test
    void fromSecret_sm2SecretOfNMinusOne_isAFormatErrorWhileP256TakesIt() throws FormatException {
        BigInteger sm2Order = VerificationKey.domain(KeyType.SM2).getN();
        BigInteger p256Order = VerificationKey.domain(KeyType.P256).getN();

        FormatException error = assertThrows(FormatException.class,
            () -> SigningKey.fromSecret(KeyType.SM2, VerificationKey.unsigned32(sm2Order.subtract(BigInteger.ONE))));
        assertTrue(error.getMessage().contains("not a valid SM2 scalar"), error.getMessage());
        assertThrows(FormatException.class, () -> SigningKey.fromSecret(KeyType.SM2, VerificationKey.unsigned32(sm2Order)));
        SigningKey p256 = SigningKey.fromSecret(KeyType.P256, VerificationKey.unsigned32(p256Order.subtract(BigInteger.ONE)));
        assertTrue(p256.verificationKey().verify(new byte[] {1, 2, 3}, p256.sign(new byte[] {1, 2, 3})));
    }

    /** 1, the largest secret below {@code limit}, and random ones. */
    private static List<BigInteger> secrets(BigInteger limit, Random random) {
        List<BigInteger> secrets = new ArrayList<>(List.of(BigInteger.ONE, limit.subtract(BigInteger.ONE)));
        while (secrets.size() < 40) {
            BigInteger d = new BigInteger(256, random);
            if (d.signum() > 0 && d.compareTo(limit) < 0) secrets.add(d);
        }
        return secrets;
    }

    private static List<byte[]> messages(Random random) {
        List<byte[]> messages = new ArrayList<>();
        for (int length : new int[] {0, 1, 64, 1000}) {
            byte[] message = new byte[length];
            random.nextBytes(message);
            messages.add(message);
        }
        return messages;
    }

    private static byte[] sha256(byte[] message) {
        SHA256Digest digest = new SHA256Digest();
        digest.update(message, 0, message.length);
        byte[] hash = new byte[32];
        digest.doFinal(hash, 0);
        return hash;
    }

    /**
     * Random bytes replayed from a seed, so that two signers draw the same nonces. The first 32 bytes are all 0xFF,
     * a k above n that both must reject and draw again.
     */
    private static final class Replay extends SecureRandom {
        private final Random bytes;
        private boolean rejectedFirst;

        Replay(long seed) { this.bytes = new Random(seed); }

        @Override
        public void nextBytes(byte[] out) {
            if (!rejectedFirst && out.length == 32) {
                Arrays.fill(out, (byte) 0xFF);
                rejectedFirst = true;
                return;
            }
            bytes.nextBytes(out);
        }
    }
}
