package org.civitas.sdk.key;

import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.math.raw.Nat;
import org.civitas.sdk.FormatException;
import org.civitas.sdk.internal.Bytes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Ed25519 through comb tables answers as BouncyCastle's {@link Ed25519Signer}, on honest and hostile input. */
class Ed25519CombsTest {

    private static final BigInteger L = Edwards25519.L;

    /** The eight points of small order (RFC 8032 §5.1 cofactor 8), as encoded. */
    private static final List<String> SMALL_ORDER_ENCODINGS = List.of(
        "0100000000000000000000000000000000000000000000000000000000000000",      // the neutral element
        "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",      // order 2
        "0000000000000000000000000000000000000000000000000000000000000000",      // order 4
        "0000000000000000000000000000000000000000000000000000000000000080",
        "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a",      // order 8
        "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa",
        "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05",
        "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc85");

    /** Encodings Ed25519 never decodes: y ≥ p (non-canonical), x = 0 with its sign set, y with no x. */
    private static final List<String> UNDECODABLE_ENCODINGS = List.of(
        "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",      // y = p
        "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",      // y = p + 1
        "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",      // y = 2^255 - 1, sign set
        "0100000000000000000000000000000000000000000000000000000000000080",      // x = 0 with the sign bit
        "0200000000000000000000000000000000000000000000000000000000000000");     // y = 2: no x exists

    private final Map<Ed25519Combs.Verdict, Integer> verdicts = new EnumMap<>(Ed25519Combs.Verdict.class);

    @BeforeEach
    void startWithoutKeyTables() {
        CombTables.forgetKeys();
    }

    @Test
    void verify_rfc8032Section71Vectors_acceptOnTheTablePathAndRejectTamperedOnes() throws Exception {
        List<String[]> vectors = rfc8032Vectors();
        assertEquals(4, vectors.size());
        for (String[] vector : vectors) {
            String name = vector[0];
            byte[] publicKey = Bytes.fromHex(vector[2]);
            byte[] message = Bytes.fromHex(vector[3]);
            byte[] signature = Bytes.fromHex(vector[4]);
            SigningKey signingKey = SigningKey.fromSecretKeyMultibase(Multibase.encodeBase58Btc(
                Bytes.concat(new byte[] {(byte) 0x80, 0x26}, Bytes.fromHex(vector[1]))));
            assertArrayEquals(signature, signingKey.sign(message), name + " signs byte for byte");
            VerificationKey key = keyWithTable(publicKey, message, signature);
            long before = Ed25519Combs.verifications();

            assertTrue(key.verify(message, signature), name);
            byte[] tampered = signature.clone();
            tampered[40] ^= 0x10;
            assertFalse(key.verify(message, tampered), name + " with S altered");
            assertFalse(key.verify(Bytes.concat(message, new byte[] {0}), signature),
                name + " with the message altered");
            assertEquals(before + 3, Ed25519Combs.verifications(), name + " went through the tables");
        }
    }

    @Test
    void verify_randomSignaturesAndTheirAlterations_tablePathAnswersAsBouncyCastle() throws Exception {
        Random random = new Random(20261203L);
        int compared = 0;
        for (int keyIndex = 0; keyIndex < 24; keyIndex++) {
            Ed25519PrivateKeyParameters privateKey = new Ed25519PrivateKeyParameters(bytes(random, 32), 0);
            byte[] publicKey = privateKey.generatePublicKey().getEncoded();
            byte[] firstMessage = bytes(random, 64);
            VerificationKey key = keyWithTable(publicKey, firstMessage, sign(privateKey, firstMessage));
            for (int messageIndex = 0; messageIndex < 12; messageIndex++) {
                byte[] message = bytes(random, random.nextInt(200));
                byte[] signature = sign(privateKey, message);
                for (Alteration alteration : alterations(random, message, signature)) {
                    assertSameVerdict(key, publicKey, alteration);
                    compared++;
                }
            }
        }
        assertTrue(compared > 4000, "compared " + compared);
        assertTrue(verdicts.getOrDefault(Ed25519Combs.Verdict.VALID, 0) >= 24 * 12, verdicts.toString());
        assertTrue(verdicts.getOrDefault(Ed25519Combs.Verdict.INVALID, 0) > 3000, verdicts.toString());
    }

    @Test
    void verify_rCarryingASmallOrderPoint_answersAsBouncyCastle() throws Exception {
        Random random = new Random(7L);
        byte[] seed = bytes(random, 32);
        Ed25519PrivateKeyParameters privateKey = new Ed25519PrivateKeyParameters(seed, 0);
        byte[] publicKey = privateKey.generatePublicKey().getEncoded();
        BigInteger secret = secretScalar(seed);
        assertArrayEquals(publicKey, multiply(base(), secret).encode(), "the secret scalar gives the public key");
        VerificationKey key = keyWithTable(publicKey, new byte[0], sign(privateKey, new byte[0]));
        int acceptedByBouncyCastle = 0;

        for (String torsionEncoding : SMALL_ORDER_ENCODINGS) {
            Edwards25519.Extended torsion = Edwards25519.Extended.decode(Bytes.fromHex(torsionEncoding));
            assertNotNull(torsion, torsionEncoding);
            assertTrue(torsion.copy().twice().twice().twice().isNeutral(), torsionEncoding + " is of small order");
            for (int i = 0; i < 24; i++) {
                byte[] message = bytes(random, 32);
                // R = r·B + T and S = r + k·a: S·B - k·A = R - T, a signature only a cofactored check would accept
                BigInteger r = i == 0 ? BigInteger.ZERO : new BigInteger(256, random).mod(L);
                byte[] rEncoded = multiply(base(), r).add(torsion).encode();
                BigInteger k = challenge(rEncoded, publicKey, message);
                byte[] signature = Bytes.concat(rEncoded, littleEndian32(r.add(k.multiply(secret)).mod(L)));
                if (bouncyCastleVerdict(publicKey, message, signature)) acceptedByBouncyCastle++;

                assertSameVerdict(key, publicKey, new Alteration("R with " + torsionEncoding, message, signature));
            }
        }
        // BouncyCastle 1.87 multiplies its sum by the cofactor, so these pass there: the cases the tables hand over
        assertTrue(acceptedByBouncyCastle > 0, "accepted by BouncyCastle: " + acceptedByBouncyCastle);
        assertTrue(verdicts.getOrDefault(Ed25519Combs.Verdict.BOUNCY_CASTLE_DECIDES, 0) > 0, verdicts.toString());
    }

    @Test
    void keysNotOfOrderL_neverGetATable_andAnswerAsBouncyCastle() throws Exception {
        Random random = new Random(11L);
        byte[] seed = bytes(random, 32);
        BigInteger secret = secretScalar(seed);
        List<byte[]> keys = new ArrayList<>();
        for (String torsion : SMALL_ORDER_ENCODINGS) {
            keys.add(Bytes.fromHex(torsion));                                                  // small order
            Edwards25519.Extended point = Edwards25519.Extended.decode(Bytes.fromHex(torsion));
            keys.add(multiply(base(), secret).add(point).encode());                             // mixed order
        }
        for (String encoding : UNDECODABLE_ENCODINGS) keys.add(Bytes.fromHex(encoding));
        keys.remove(1);                                                    // secret·B + neutral is of order L

        for (byte[] publicKey : keys) {
            assertNull(Ed25519Combs.negatedKeyTable(publicKey), Bytes.hex(publicKey));
            VerificationKey key;
            try {
                key = VerificationKey.of(KeyType.ED25519, publicKey);
            } catch (FormatException e) {
                continue;                                                  // BouncyCastle refuses the key itself
            }
            for (int i = 0; i < 3 * CombTables.USES_BEFORE_TABLE; i++) {
                byte[] message = bytes(random, 16);
                BigInteger r = new BigInteger(256, random).mod(L);
                byte[] rEncoded = multiply(base(), r).encode();
                BigInteger k = challenge(rEncoded, publicKey, message);
                byte[] signature = Bytes.concat(rEncoded, littleEndian32(r.add(k.multiply(secret)).mod(L)));
                assertEquals(bouncyCastleVerdict(publicKey, message, signature), key.verify(message, signature),
                    Bytes.hex(publicKey));
            }
            assertFalse(CombTables.has(key), Bytes.hex(publicKey));
        }
    }

    @Test
    void sumOfTwoMultiplies_matchesDoubleAndAdd() {
        Random random = new Random(3L);
        Edwards25519.Extended p = multiply(base(), new BigInteger(252, random));
        Edwards25519.Extended q = multiply(base(), new BigInteger(252, random));
        EdwardsCombTable pTable = EdwardsCombTable.of(p);
        EdwardsCombTable qTable = EdwardsCombTable.of(q);
        BigInteger max = BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);
        List<BigInteger> scalars = new ArrayList<>(List.of(BigInteger.ZERO, BigInteger.ONE, BigInteger.TWO,
            L.subtract(BigInteger.ONE), L, max, BigInteger.ONE.shiftLeft(32).subtract(BigInteger.ONE)));
        for (int i = 0; i < 30; i++) scalars.add(new BigInteger(256, random));

        for (int i = 0; i < scalars.size(); i++) {
            BigInteger a = scalars.get(i);
            BigInteger b = scalars.get(scalars.size() - 1 - i);
            byte[] expected = multiply(p, a).add(multiply(q, b)).encode();
            EdwardsCombTable.ExtendedSum sum = new EdwardsCombTable.ExtendedSum();
            pTable.sumOfTwoMultiplies(Nat.fromBigInteger(256, a), qTable, Nat.fromBigInteger(256, b), sum);
            byte[] actual = new byte[32];
            sum.encode(actual);

            assertArrayEquals(expected, actual, "a=" + a.toString(16) + " b=" + b.toString(16));
        }
        EdwardsCombTable.ExtendedSum sum = new EdwardsCombTable.ExtendedSum();
        pTable.sumOfTwoMultiplies(Nat.fromBigInteger(256, BigInteger.ONE), pTable,
            Nat.fromBigInteger(256, L.subtract(BigInteger.ONE)), sum);
        assertTrue(sum.toExtended().isNeutral(), "P + (L - 1)·P");
    }

    /** One signature to check, and what was done to it. */
    private record Alteration(String what, byte[] message, byte[] signature) { }

    /** The signature as made, and each alteration of R, S and the message a verifier must reject or answer on. */
    private static List<Alteration> alterations(Random random, byte[] message, byte[] signature) {
        List<Alteration> alterations = new ArrayList<>();
        alterations.add(new Alteration("as signed", message, signature));
        for (int bit : new int[] {random.nextInt(256), random.nextInt(256), 255, 254, 0}) {
            alterations.add(new Alteration("R bit " + bit, message, flipped(signature, bit)));
        }
        for (int bit : new int[] {256 + random.nextInt(256), 256 + random.nextInt(253), 256 + 255, 256 + 252}) {
            alterations.add(new Alteration("S bit " + (bit - 256), message, flipped(signature, bit)));
        }
        if (message.length > 0) {
            byte[] altered = flipped(message, random.nextInt(message.length * 8));
            alterations.add(new Alteration("message bit", altered, signature));
        }
        alterations.add(new Alteration("message extended", Bytes.concat(message, new byte[] {0}), signature));
        BigInteger s = new BigInteger(1, reversed(Arrays.copyOfRange(signature, 32, 64)));
        alterations.add(new Alteration("S + L", message, withS(signature, s.add(L))));
        alterations.add(new Alteration("S = L", message, withS(signature, L)));
        alterations.add(new Alteration("S + 8L", message, withS(signature, s.add(L.shiftLeft(3)))));
        for (String encoding : SMALL_ORDER_ENCODINGS) {
            alterations.add(new Alteration("R = " + encoding, message, withR(signature, Bytes.fromHex(encoding))));
        }
        for (String encoding : UNDECODABLE_ENCODINGS) {
            alterations.add(new Alteration("R = " + encoding, message, withR(signature, Bytes.fromHex(encoding))));
        }
        // R's y + p where that still fits in 255 bits: the same point, written non-canonically
        BigInteger y = new BigInteger(1, reversed(Arrays.copyOfRange(signature, 0, 32))).clearBit(255);
        if (y.add(Edwards25519.P).bitLength() <= 255) {
            byte[] nonCanonical = littleEndian32(y.add(Edwards25519.P));
            nonCanonical[31] |= (byte) (signature[31] & 0x80);
            alterations.add(new Alteration("R as y + p", message, withR(signature, nonCanonical)));
        }
        return alterations;
    }

    private void assertSameVerdict(VerificationKey key, byte[] publicKey, Alteration alteration) {
        boolean expected = bouncyCastleVerdict(publicKey, alteration.message(), alteration.signature());
        EdwardsCombTable table = CombTables.existingEd25519(key);
        Ed25519Combs.Verdict verdict =
            Ed25519Combs.verify(publicKey, table, alteration.message(), alteration.signature());
        verdicts.merge(verdict, 1, Integer::sum);
        long before = Ed25519Combs.verifications();

        boolean actual = key.verify(alteration.message(), alteration.signature());

        assertEquals(expected, actual, alteration.what() + " (tables said " + verdict + ")");
        assertTrue(Ed25519Combs.verifications() > before, alteration.what() + " went through the tables");
    }

    /** A key object with its table, built by verifying through it as a verifier would. */
    private static VerificationKey keyWithTable(byte[] publicKey, byte[] message, byte[] signature)
            throws FormatException {
        VerificationKey key = VerificationKey.of(KeyType.ED25519, publicKey);
        for (int i = 0; i <= CombTables.USES_BEFORE_TABLE; i++) assertTrue(key.verify(message, signature));
        assertTrue(CombTables.has(key));
        return key;
    }

    private static boolean bouncyCastleVerdict(byte[] publicKey, byte[] message, byte[] signature) {
        Ed25519Signer verifier = new Ed25519Signer();
        verifier.init(false, new Ed25519PublicKeyParameters(publicKey, 0));
        verifier.update(message, 0, message.length);
        return verifier.verifySignature(signature);
    }

    private static byte[] sign(Ed25519PrivateKeyParameters privateKey, byte[] message) {
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, privateKey);
        signer.update(message, 0, message.length);
        return signer.generateSignature();
    }

    /** The secret scalar of an Ed25519 seed (RFC 8032 §5.1.5 steps 1-3). */
    private static BigInteger secretScalar(byte[] seed) {
        byte[] h = sha512(seed);
        byte[] scalar = Arrays.copyOf(h, 32);
        scalar[0] &= (byte) 248;
        scalar[31] &= 127;
        scalar[31] |= 64;
        return new BigInteger(1, reversed(scalar));
    }

    /** k = SHA-512(R ‖ A ‖ M) mod L (RFC 8032 §5.1.6 step 4). */
    private static BigInteger challenge(byte[] r, byte[] publicKey, byte[] message) {
        return new BigInteger(1, reversed(sha512(Bytes.concat(Bytes.concat(r, publicKey), message)))).mod(L);
    }

    private static byte[] sha512(byte[] input) {
        SHA512Digest digest = new SHA512Digest();
        digest.update(input, 0, input.length);
        byte[] out = new byte[64];
        digest.doFinal(out, 0);
        return out;
    }

    private static Edwards25519.Extended base() {
        return Edwards25519.Extended.decode(Edwards25519.BASE_ENCODING);
    }

    /** k·P by double-and-add, independent of the tables. */
    private static Edwards25519.Extended multiply(Edwards25519.Extended p, BigInteger k) {
        Edwards25519.Extended sum = new Edwards25519.Extended();
        for (int bit = k.bitLength() - 1; bit >= 0; bit--) {
            sum.twice();
            if (k.testBit(bit)) sum.add(p);
        }
        return sum;
    }

    private static List<String[]> rfc8032Vectors() throws Exception {
        List<String[]> vectors = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                Ed25519CombsTest.class.getResourceAsStream("/vectors/rfc8032/ed25519.txt"), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.startsWith("#") && !line.isEmpty()) vectors.add(line.split(":", -1));
            }
        }
        return vectors;
    }

    private static byte[] bytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private static byte[] flipped(byte[] bytes, int bit) {
        byte[] copy = bytes.clone();
        copy[bit / 8] ^= (byte) (1 << (bit % 8));
        return copy;
    }

    private static byte[] withS(byte[] signature, BigInteger s) {
        byte[] copy = signature.clone();
        System.arraycopy(littleEndian32(s), 0, copy, 32, 32);
        return copy;
    }

    private static byte[] withR(byte[] signature, byte[] r) {
        byte[] copy = signature.clone();
        System.arraycopy(r, 0, copy, 0, 32);
        return copy;
    }

    private static byte[] littleEndian32(BigInteger value) {
        return reversed(VerificationKey.unsigned32(value));
    }

    private static byte[] reversed(byte[] bytes) {
        byte[] out = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) out[i] = bytes[bytes.length - 1 - i];
        return out;
    }
}
