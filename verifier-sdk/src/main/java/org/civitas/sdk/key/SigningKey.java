package org.civitas.sdk.key;

import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.ParametersWithID;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.crypto.signers.PlainDSAEncoding;
import org.bouncycastle.crypto.signers.SM2Signer;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;
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
 * a random nonce, as {@code r ‖ s}.
 */
public final class SigningKey {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final KeyType type;
    private final Ed25519PrivateKeyParameters ed25519;
    private final ECPrivateKeyParameters ec;
    private final VerificationKey verificationKey;

    private SigningKey(KeyType type, Ed25519PrivateKeyParameters ed25519, ECPrivateKeyParameters ec,
                       VerificationKey verificationKey) {
        this.type = type;
        this.ed25519 = ed25519;
        this.ec = ec;
        this.verificationKey = verificationKey;
    }

    /** Generates a new key of the type with the platform's strong random source. */
    public static NewKey generate(KeyType type) {
        Objects.requireNonNull(type, "type");
        byte[] secret = new byte[32];
        if (type == KeyType.ED25519) {
            RANDOM.nextBytes(secret);
        } else {
            BigInteger order = VerificationKey.domain(type).getN();
            BigInteger d;
            do {
                RANDOM.nextBytes(secret);
                d = new BigInteger(1, secret);
            } while (d.signum() == 0 || d.compareTo(order) >= 0
                || (type == KeyType.SM2 && d.compareTo(order.subtract(BigInteger.ONE)) >= 0));
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

    private static SigningKey fromSecret(KeyType type, byte[] secret) throws FormatException {
        if (type == KeyType.ED25519) {
            Ed25519PrivateKeyParameters privateKey = new Ed25519PrivateKeyParameters(secret, 0);
            VerificationKey publicKey = VerificationKey.of(type, privateKey.generatePublicKey().getEncoded());
            return new SigningKey(type, privateKey, null, publicKey);
        }
        ECDomainParameters domain = VerificationKey.domain(type);
        BigInteger d = new BigInteger(1, secret);
        if (d.signum() == 0 || d.compareTo(domain.getN()) >= 0) {
            throw new FormatException("secretKeyMultibase", "the secret is not a valid " + type + " scalar");
        }
        ECPoint q = new FixedPointCombMultiplier().multiply(domain.getG(), d).normalize();
        VerificationKey publicKey = VerificationKey.of(type, q.getEncoded(true));
        return new SigningKey(type, null, new ECPrivateKeyParameters(d, domain), publicKey);
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
            case P256: {
                SHA256Digest sha256 = new SHA256Digest();
                sha256.update(message, 0, message.length);
                byte[] hash = new byte[32];
                sha256.doFinal(hash, 0);
                ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
                signer.init(true, ec);
                BigInteger[] rs = signer.generateSignature(hash);
                byte[] signature = new byte[64];
                System.arraycopy(VerificationKey.unsigned32(rs[0]), 0, signature, 0, 32);
                System.arraycopy(VerificationKey.unsigned32(rs[1]), 0, signature, 32, 32);
                return signature;
            }
            case SM2: {
                SM2Signer signer = new SM2Signer(PlainDSAEncoding.INSTANCE, new SM3Digest());
                signer.init(true, new ParametersWithID(new ParametersWithRandom(ec, RANDOM),
                    VerificationKey.SM2_DEFAULT_USER_ID));
                signer.update(message, 0, message.length);
                try {
                    return signer.generateSignature();
                } catch (org.bouncycastle.crypto.CryptoException e) {
                    throw new IllegalStateException("SM2 signing failed", e);
                }
            }
            default:
                throw new AssertionError(type);
        }
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
