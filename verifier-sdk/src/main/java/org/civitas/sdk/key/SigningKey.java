package org.civitas.sdk.key;

import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.util.BigIntegers;
import org.civitas.sdk.FormatException;
import org.civitas.sdk.internal.Varint;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;

/**
 * A private key that can sign and never shows its secret: no accessor returns private bytes, {@link #toString}
 * is redacted, and no exception message carries key material. The secret leaves only once, as text for a
 * keystore, when a key is generated ({@link NewKey}). Thread-safe: each {@link #sign} uses its own signer.
 *
 * <p>Signatures: Ed25519 (RFC 8032, deterministic); ECDSA P-256 over SHA-256 of the message with deterministic
 * nonces (RFC 6979), as {@code r ‖ s}; SM2 over SM3 of {@code Z ‖ message} with the GM/T 0009 default user id and
 * a random nonce, as {@code r ‖ s}. An SM2 key computes its {@code Z} value and {@code (1 + d)^-1} once, so that a
 * signature costs one fixed-base scalar multiplication (BouncyCastle's {@code SM2Signer} derives the public key
 * again on every {@code init}, which doubles the cost). That multiplication, kG for both curves and dG when a key is
 * read, is a constant-time one with a table per 6-bit window and no doublings ({@link FixedBaseMultiplier}); the
 * signatures are the ones BouncyCastle's signers make.
 */
public final class SigningKey {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final KeyType type;
    private final Ed25519PrivateKeyParameters ed25519;
    private final ECPrivateKeyParameters ec;
    private final VerificationKey verificationKey;
    /** SM2 only: (1 + d)^-1 mod n (Z of the default user id and the key is the verification key's). */
    private final BigInteger sm2InverseOfOnePlusD;

    private SigningKey(KeyType type, Ed25519PrivateKeyParameters ed25519, ECPrivateKeyParameters ec,
                       VerificationKey verificationKey) {
        this.type = type;
        this.ed25519 = ed25519;
        this.ec = ec;
        this.verificationKey = verificationKey;
        if (type == KeyType.SM2) {
            this.sm2InverseOfOnePlusD = ec.getD().add(BigInteger.ONE).modInverse(ec.getParameters().getN());
        } else {
            this.sm2InverseOfOnePlusD = null;
        }
    }

    /** Generates a new key of the type with the platform's strong random source. */
    public static NewKey generate(KeyType type) {
        Objects.requireNonNull(type, "type");
        byte[] secret = new byte[32];
        if (type == KeyType.ED25519) {
            RANDOM.nextBytes(secret);
        } else {
            BigInteger limit = secretScalarLimit(type);
            BigInteger d;
            do {
                RANDOM.nextBytes(secret);
                d = new BigInteger(1, secret);
            } while (d.signum() == 0 || d.compareTo(limit) >= 0);
        }
        try {
            SigningKey key = fromSecret(type, secret);
            return new NewKey(key, encodeSecret(type, secret));
        } catch (FormatException e) {
            throw new IllegalStateException("a generated " + type + " key was rejected", e);
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    /** Reads a Multikey {@code secretKeyMultibase} (multicodec header + 32 secret bytes). */
    public static SigningKey fromSecretKeyMultibase(String secretKeyMultibase) throws FormatException {
        byte[] bytes = Multibase.decode("secretKeyMultibase", secretKeyMultibase);
        try {
            long header = Varint.decode(bytes);
            KeyType type = header < 0 ? null : KeyType.bySecretKeyCodec((int) header);
            if (type == null) {
                throw new FormatException("secretKeyMultibase", "not an Ed25519, P-256 or SM2 secret key multicodec");
            }
            int offset = (int) (header >>> 32);
            if (bytes.length - offset != 32) {
                throw new FormatException("secretKeyMultibase", "expected 32 secret bytes");
            }
            byte[] secret = Arrays.copyOfRange(bytes, offset, bytes.length);
            try {
                return fromSecret(type, secret);
            } finally {
                Arrays.fill(secret, (byte) 0);
            }
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    /** The key of 32 secret bytes (an Ed25519 seed, or a P-256 or SM2 scalar in [1, n-1], big-endian). */
    static SigningKey fromSecret(KeyType type, byte[] secret) throws FormatException {
        if (type == KeyType.ED25519) {
            Ed25519PrivateKeyParameters privateKey = new Ed25519PrivateKeyParameters(secret, 0);
            VerificationKey publicKey = VerificationKey.of(type, privateKey.generatePublicKey().getEncoded());
            return new SigningKey(type, privateKey, null, publicKey);
        }
        ECDomainParameters domain = VerificationKey.domain(type);
        BigInteger d = new BigInteger(1, secret);
        if (d.signum() == 0 || d.compareTo(secretScalarLimit(type)) >= 0) {
            throw new FormatException("secretKeyMultibase", "the secret is not a valid " + type + " scalar");
        }
        ECPoint q = FixedBaseMultiplier.of(type).multiply(d);
        VerificationKey publicKey = VerificationKey.of(type, q.getEncoded(true));
        return new SigningKey(type, null, new ECPrivateKeyParameters(d, domain), publicKey);
    }

    /**
     * The bound a P-256 or SM2 secret scalar stays below: n, and n - 1 for SM2, whose signatures divide by 1 + d
     * (GB/T 32918.1 §6.1 takes d in [1, n-2]).
     */
    private static BigInteger secretScalarLimit(KeyType type) {
        BigInteger n = VerificationKey.domain(type).getN();
        return type == KeyType.SM2 ? n.subtract(BigInteger.ONE) : n;
    }

    public KeyType type() { return type; }

    /** The matching public key. */
    public VerificationKey verificationKey() { return verificationKey; }

    /** Signs {@code message}; see the class comment for each type's algorithm and encoding. */
    public byte[] sign(byte[] message) {
        switch (type) {
            case ED25519: {
                Ed25519Signer signer = new Ed25519Signer();
                signer.init(true, ed25519);
                signer.update(message, 0, message.length);
                return signer.generateSignature();
            }
            case P256:
                return signEcdsa(message);
            case SM2:
                return signSm2(message, RANDOM);
            default:
                throw new AssertionError(type);
        }
    }

    /**
     * ECDSA signature generation (FIPS 186-5 §6.4.1) of SHA-256(M), with k from RFC 6979 §3.2 (HMAC-SHA-256):
     * r = x(kG) mod n, retried when 0; s = k^-1 · (e + r·d) mod n, retried when 0. The same steps, nonces and
     * arithmetic as BouncyCastle's {@code ECDSASigner} with an {@code HMacDSAKCalculator}, so the signature is byte for
     * byte the one it makes; only kG comes from {@link FixedBaseMultiplier}.
     */
    private byte[] signEcdsa(byte[] message) {
        SHA256Digest sha256 = new SHA256Digest();
        sha256.update(message, 0, message.length);
        byte[] hash = new byte[32];
        sha256.doFinal(hash, 0);
        BigInteger e = new BigInteger(1, hash);                          // n has 256 bits: e is the whole hash
        BigInteger n = ec.getParameters().getN();
        BigInteger d = ec.getD();
        HMacDSAKCalculator nonces = new HMacDSAKCalculator(new SHA256Digest());
        nonces.init(n, d, hash);
        FixedBaseMultiplier multiplier = FixedBaseMultiplier.of(type);
        while (true) {
            BigInteger k = nonces.nextK();
            BigInteger r = multiplier.affineX(k).mod(n);
            if (r.signum() == 0) continue;
            BigInteger s = BigIntegers.modOddInverse(n, k).multiply(e.add(d.multiply(r))).mod(n);
            if (s.signum() == 0) continue;
            return concatenate(r, s);
        }
    }

    /**
     * SM2 signature generation (GB/T 32918.2 §6.1): e = SM3(Z ‖ M); k random in [1, n-1]; (x1, y1) = kG;
     * r = (e + x1) mod n, retried when r = 0 or r + k = n; s = ((1 + d)^-1 · (k − r·d)) mod n, retried when 0.
     * Draws k as BouncyCastle's {@code SM2Signer} does (32 bytes, rejected outside [1, n-1]), so that with the same
     * random bytes both make the same signature.
     */
    byte[] signSm2(byte[] message, SecureRandom random) {
        SM3Digest sm3 = new SM3Digest();
        byte[] sm2Z = verificationKey.sm2Z();
        sm3.update(sm2Z, 0, sm2Z.length);
        sm3.update(message, 0, message.length);
        byte[] digest = new byte[32];
        sm3.doFinal(digest, 0);
        BigInteger e = new BigInteger(1, digest);
        BigInteger n = ec.getParameters().getN();
        BigInteger d = ec.getD();
        FixedBaseMultiplier multiplier = FixedBaseMultiplier.of(type);
        while (true) {
            BigInteger k = randomScalar(n, random);
            BigInteger r = e.add(multiplier.affineX(k)).mod(n);
            if (r.signum() == 0 || r.add(k).equals(n)) continue;
            BigInteger s = sm2InverseOfOnePlusD.multiply(k.subtract(r.multiply(d))).mod(n);
            if (s.signum() == 0) continue;
            return concatenate(r, s);
        }
    }

    /** Uniform in [1, n-1]. */
    private static BigInteger randomScalar(BigInteger n, SecureRandom random) {
        byte[] bytes = new byte[32];
        BigInteger k;
        do {
            random.nextBytes(bytes);
            k = new BigInteger(1, bytes);
        } while (k.signum() == 0 || k.compareTo(n) >= 0);
        return k;
    }

    /** {@code r ‖ s}, 32 bytes each. */
    private static byte[] concatenate(BigInteger r, BigInteger s) {
        byte[] signature = new byte[64];
        System.arraycopy(VerificationKey.unsigned32(r), 0, signature, 0, 32);
        System.arraycopy(VerificationKey.unsigned32(s), 0, signature, 32, 32);
        return signature;
    }

    private static String encodeSecret(KeyType type, byte[] secret) {
        byte[] header = Varint.encode(type.secretKeyCodec());
        byte[] bytes = new byte[header.length + secret.length];
        System.arraycopy(header, 0, bytes, 0, header.length);
        System.arraycopy(secret, 0, bytes, header.length, secret.length);
        try {
            return Multibase.encodeBase58Btc(bytes);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    /** Redacted: the type and the public key only. */
    @Override
    public String toString() {
        return "SigningKey[" + type + " " + verificationKey.toMultibase() + ", secret redacted]";
    }
}
