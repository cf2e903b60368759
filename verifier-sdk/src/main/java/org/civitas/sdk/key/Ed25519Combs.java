package org.civitas.sdk.key;

import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.bouncycastle.math.raw.Nat;
import org.bouncycastle.math.raw.Nat256;
import org.bouncycastle.util.Pack;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.concurrent.atomic.LongAdder;

/**
 * Ed25519 verification (RFC 8032 §5.1.7, pure Ed25519) through comb tables of the base point and of the key,
 * answering exactly as BouncyCastle's Ed25519 does for every signature.
 *
 * <p>BouncyCastle (1.87) checks R's y below p and S below L, decodes R and A, and accepts when
 * 8·(v1·(S·B - R) - v0·A) is the neutral element, where v0 ≡ v1·k (mod L) are two 128-bit numbers it derives from
 * k: a cofactored check. For a key A of order L (the only keys that get a table) that holds exactly when
 * S·B - k·A equals R up to a point of small order. This class computes S·B - k·A and compares its encoding with R:
 * <ul>
 *   <li>equal: BouncyCastle accepts too ({@link Verdict#VALID});</li>
 *   <li>R does not decode, or differs by more than a point of small order: BouncyCastle rejects too
 *       ({@link Verdict#INVALID});</li>
 *   <li>R differs by a point of small order only, which no honest signer produces: BouncyCastle is asked
 *       ({@link Verdict#BOUNCY_CASTLE_DECIDES}), so that the answer does not rest on how it treats the cofactor.</li>
 * </ul>
 */
final class Ed25519Combs {

    /** What the tables say of a signature. */
    enum Verdict { VALID, INVALID, BOUNCY_CASTLE_DECIDES }

    private static final int[] L_WORDS = Nat.fromBigInteger(256, Edwards25519.L);

    /** Verifications through tables, so tests can see the path taken. */
    private static final LongAdder VERIFICATIONS = new LongAdder();

    private Ed25519Combs() { }

    /**
     * The table of -A for an encoded public key A, or {@code null} when A is not a point of order L: small-order,
     * mixed-order and non-canonical keys keep BouncyCastle's verification, since the reasoning above holds only for
     * keys of order L.
     */
    static EdwardsCombTable negatedKeyTable(byte[] publicKey) {
        if (!Ed25519.validatePublicKeyFull(publicKey, 0)) return null;
        Edwards25519.Extended point = Edwards25519.Extended.decode(publicKey);
        return point == null ? null : EdwardsCombTable.of(point.negate());
    }

    /**
     * Checks a 64-byte signature by the key {@code publicKey} (32 bytes, of order L) whose negation's table is
     * {@code negatedKeyTable}.
     */
    static Verdict verify(byte[] publicKey, EdwardsCombTable negatedKeyTable, byte[] message, byte[] signature) {
        VERIFICATIONS.increment();
        byte[] r = new byte[32];
        System.arraycopy(signature, 0, r, 0, 32);
        if (!Edwards25519.isCanonicalY(r)) return Verdict.INVALID;                     // §5.1.7 step 1
        int[] s = new int[8];
        Pack.littleEndianToInt(signature, 32, s);
        if (Nat256.gte(s, L_WORDS)) return Verdict.INVALID;                            // §5.1.7 step 1: S < L
        int[] k = challenge(r, publicKey, message);                                    // §5.1.7 step 2
        EdwardsCombTable.ExtendedSum sum = new EdwardsCombTable.ExtendedSum();
        BaseTable.TABLE.sumOfTwoMultiplies(s, negatedKeyTable, k, sum);                // §5.1.7 step 3: S·B - k·A
        byte[] encoded = new byte[32];
        sum.encode(encoded);
        if (Arrays.equals(encoded, r)) return Verdict.VALID;
        return differsBySmallOrderPoint(sum, r) ? Verdict.BOUNCY_CASTLE_DECIDES : Verdict.INVALID;
    }

    /** k = SHA-512(R ‖ A ‖ M) mod L (RFC 8032 §5.1.7 step 2, no context), as eight little-endian words. */
    private static int[] challenge(byte[] r, byte[] publicKey, byte[] message) {
        SHA512Digest sha512 = new SHA512Digest();
        sha512.update(r, 0, r.length);
        sha512.update(publicKey, 0, publicKey.length);
        sha512.update(message, 0, message.length);
        byte[] hash = new byte[64];
        sha512.doFinal(hash, 0);
        byte[] bigEndian = new byte[hash.length];
        for (int i = 0; i < hash.length; i++) bigEndian[i] = hash[hash.length - 1 - i];
        return Nat.fromBigInteger(256, new BigInteger(1, bigEndian).mod(Edwards25519.L));
    }

    /** Whether R decodes (as BouncyCastle decodes it) to the sum plus a point of small order: 8·(R - sum) = O. */
    private static boolean differsBySmallOrderPoint(EdwardsCombTable.ExtendedSum sum, byte[] r) {
        Edwards25519.Extended decodedR = Edwards25519.Extended.decode(r);
        if (decodedR == null) return false;
        Edwards25519.Extended difference = decodedR.negate().add(sum.toExtended());
        return difference.twice().twice().twice().isNeutral();
    }

    /** Verifications through tables so far, in this class loader. */
    static long verifications() { return VERIFICATIONS.sum(); }

    /** Lazy holder: the base point's table is built when the first Ed25519 key earns one. */
    private static final class BaseTable {
        static final EdwardsCombTable TABLE =
            EdwardsCombTable.of(Edwards25519.Extended.decode(Edwards25519.BASE_ENCODING));
    }
}
