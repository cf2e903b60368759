package org.civitas.sdk.key;

import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.math.ec.ECAlgorithms;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.util.BigIntegers;
import org.civitas.sdk.FormatException;
import org.civitas.sdk.internal.Curves;
import org.civitas.sdk.internal.Varint;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A public key that verifies signatures: Ed25519, ECDSA P-256 with SHA-256, or SM2 with SM3 and the GM/T 0009
 * default user id. Immutable in what it verifies, and thread-safe: every call to {@link #verify} uses its own
 * working state. Signatures are raw: 64 bytes for Ed25519, and {@code r ‖ s} (32 + 32 bytes, IEEE P1363) for P-256
 * and SM2.
 *
 * <p>A key that keeps verifying (an issuer's key in a loaded trust bundle) switches, after a few verifications,
 * to precomputed tables of its point and of the curve's generator or base point, which make each later
 * verification cheaper, with the same answers, for as long as it stays among the busiest keys; SM2's Z value is computed once per key.
 */
public final class VerificationKey {

    /** GM/T 0009-2012 §10 default user id "1234567812345678", used in SM2's Z value. */
    static final byte[] SM2_DEFAULT_USER_ID = "1234567812345678".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private final KeyType type;
    private final byte[] encoded;
    private final Ed25519PublicKeyParameters ed25519;
    private final ECPublicKeyParameters ec;
    /** SM2 only: Z = SM3(ENTL ‖ ID ‖ a ‖ b ‖ xG ‖ yG ‖ xA ‖ yA), the same for every signature by this key. */
    private final byte[] sm2Z;
    private final int hashValue;
    /** Ed25519 only: set once the key turned out not to be a point of order L, so never gets a table. */
    private volatile boolean ed25519WithoutTable;

    private VerificationKey(KeyType type, byte[] encoded, Ed25519PublicKeyParameters ed25519,
                            ECPublicKeyParameters ec) {
        this.type = type;
        this.encoded = encoded;
        this.ed25519 = ed25519;
        this.ec = ec;
        this.sm2Z = type == KeyType.SM2 ? sm2Z(ec.getParameters(), ec.getQ()) : null;
        this.hashValue = 31 * type.hashCode() + Arrays.hashCode(encoded);     // asked on every verification (CombTables)
    }

    /**
     * A key from its encoding: 32 raw bytes for Ed25519, a compressed point (33 bytes) for P-256 and SM2.
     * A point not on the curve is a {@link FormatException}.
     */
    public static VerificationKey of(KeyType type, byte[] encoded) throws FormatException {
        Objects.requireNonNull(type, "type");
        if (encoded.length != type.publicKeyLength()) {
            throw new FormatException(type + " public key", "expected " + type.publicKeyLength() + " bytes, got "
                + encoded.length);
        }
        byte[] copy = encoded.clone();
        try {
            if (type == KeyType.ED25519) {
                return new VerificationKey(type, copy, new Ed25519PublicKeyParameters(copy, 0), null);
            }
            ECDomainParameters domain = domain(type);
            ECPoint point = type == KeyType.P256 ? P256Wnaf.decodeCompressed(domain.getCurve(), copy)
                : domain.getCurve().decodePoint(copy);
            return new VerificationKey(type, copy, null, new ECPublicKeyParameters(point, domain));
        } catch (IllegalArgumentException e) {
            throw new FormatException(type + " public key", "not a point on the curve");
        }
    }

    /** Reads a Multikey {@code publicKeyMultibase} (multicodec header + key bytes). */
    public static VerificationKey fromMultibase(String publicKeyMultibase) throws FormatException {
        byte[] bytes = Multibase.decode("publicKeyMultibase", publicKeyMultibase);
        long header = Varint.decode(bytes);
        KeyType type = header < 0 ? null : KeyType.byPublicKeyCodec((int) header);
        if (type == null) {
            throw new FormatException("publicKeyMultibase", "not an Ed25519, P-256 or SM2 public key multicodec");
        }
        int offset = (int) (header >>> 32);
        return of(type, Arrays.copyOfRange(bytes, offset, bytes.length));
    }

    /** Reads a public JWK (RFC 7517/8037): OKP Ed25519, EC P-256 or EC SM2. */
    public static VerificationKey fromJwk(Map<String, ?> jwk) throws FormatException {
        Object kty = jwk.get("kty");
        Object crv = jwk.get("crv");
        if (jwk.containsKey("d")) throw new FormatException("JWK", "a private JWK was given where a public one belongs");
        for (KeyType type : KeyType.values()) {
            if (!type.jwkKty().equals(kty) || !type.jwkCrv().equals(crv)) continue;
            byte[] x = jwkCoordinate(jwk, "x");
            if (type == KeyType.ED25519) return of(type, x);
            byte[] y = jwkCoordinate(jwk, "y");
            if (x.length != 32 || y.length != 32) throw new FormatException("JWK", "x and y must be 32 bytes each");
            byte[] uncompressed = new byte[65];
            uncompressed[0] = 4;
            System.arraycopy(x, 0, uncompressed, 1, 32);
            System.arraycopy(y, 0, uncompressed, 33, 32);
            try {
                ECPoint point = domain(type).getCurve().decodePoint(uncompressed);
                return of(type, point.getEncoded(true));
            } catch (IllegalArgumentException e) {
                throw new FormatException("JWK", "x and y are not a point on " + type.jwkCrv());
            }
        }
        throw new FormatException("JWK", "unsupported kty/crv " + kty + "/" + crv
            + " (expected OKP/Ed25519, EC/P-256 or EC/SM2)");
    }

    public KeyType type() { return type; }

    /** The key's encoding: 32 raw bytes (Ed25519) or the 33-byte compressed point. A copy. */
    public byte[] encoded() { return encoded.clone(); }

    /** The Multikey {@code publicKeyMultibase}: base58btc of multicodec header and key bytes. */
    public String toMultibase() {
        byte[] header = Varint.encode(type.publicKeyCodec());
        byte[] bytes = new byte[header.length + encoded.length];
        System.arraycopy(header, 0, bytes, 0, header.length);
        System.arraycopy(encoded, 0, bytes, header.length, encoded.length);
        return Multibase.encodeBase58Btc(bytes);
    }

    /** The public JWK members in the order kty, crv, x[, y]. */
    public Map<String, String> toJwk() {
        Map<String, String> jwk = new LinkedHashMap<>();
        jwk.put("kty", type.jwkKty());
        jwk.put("crv", type.jwkCrv());
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        if (type == KeyType.ED25519) {
            jwk.put("x", base64.encodeToString(encoded));
        } else {
            ECPoint point = ec.getQ().normalize();
            jwk.put("x", base64.encodeToString(unsigned32(point.getAffineXCoord().toBigInteger())));
            jwk.put("y", base64.encodeToString(unsigned32(point.getAffineYCoord().toBigInteger())));
        }
        return jwk;
    }

    /**
     * Checks a signature over {@code message}. Never throws for a bad or malformed signature: it answers false.
     * P-256 hashes the message with SHA-256; SM2 hashes {@code Z ‖ message} with SM3 (GM/T 0003.2 §6.1).
     */
    public boolean verify(byte[] message, byte[] signature) {
        if (signature.length != 64) return false;
        switch (type) {
            case ED25519:
                return verifyEd25519(message, signature);
            case P256:
                return verifyEcdsa(digest(new SHA256Digest(), null, message), signature);
            case SM2:
                return verifySm2(digest(new SM3Digest(), sm2Z, message), signature);
            default:
                throw new AssertionError(type);
        }
    }

    /**
     * Ed25519 verification (RFC 8032 §5.1.7) as BouncyCastle's {@link Ed25519Signer} answers it. A key met only a few
     * times lately goes through that signer; a key that keeps verifying (this object or an equal one) through
     * comb tables of the base point and of the key (see {@link Ed25519Combs}), which hand back to the signer only the
     * signatures no honest signer makes.
     */
    private boolean verifyEd25519(byte[] message, byte[] signature) {
        EdwardsCombTable keyTable = ed25519Table();
        if (keyTable != null) {
            switch (Ed25519Combs.verify(encoded, keyTable, message, signature)) {
                case VALID:
                    return true;
                case INVALID:
                    return false;
                case BOUNCY_CASTLE_DECIDES:
                    break;
            }
        }
        Ed25519Signer verifier = new Ed25519Signer();
        verifier.init(false, ed25519);
        verifier.update(message, 0, message.length);
        return verifier.verifySignature(signature);
    }

    /** This Ed25519 key's table, once it has earned one and while it keeps it; else {@code null}. */
    private EdwardsCombTable ed25519Table() {
        if (ed25519WithoutTable) return null;
        return CombTables.forEd25519Verification(this, () -> ed25519WithoutTable = true);
    }

    /**
     * ECDSA verification (FIPS 186-5 §6.4.2, SEC 1 §4.1.4) of a SHA-256 hash; n has 256 bits, so e is the whole
     * hash.
     */
    private boolean verifyEcdsa(byte[] hash, byte[] signature) {
        BigInteger n = ec.getParameters().getN();
        BigInteger r = half(signature, 0);
        BigInteger s = half(signature, 32);
        if (!isScalar(r, n) || !isScalar(s, n)) return false;
        BigInteger w = BigIntegers.modOddInverseVar(n, s);
        BigInteger u1 = new BigInteger(1, hash).multiply(w).mod(n);
        BigInteger u2 = r.multiply(w).mod(n);
        // counted by key, not by object: documents are parsed again and again
        CombTable keyTable = CombTables.forVerification(this);
        JacobianSum sum = keyTable == null ? P256Wnaf.sum(u1, ec.getQ(), u2)           // a key met for the first time
            : CombTables.generator(type).sum(u1, keyTable, u2);
        return sum.xReducedModOrderIs(r, n);
    }

    /**
     * SM2 verification (GB/T 32918.2 §7.1) of e = SM3(Z ‖ M). B7's (e + x1) mod n = r is asked as x1 mod n =
     * (r − e) mod n, which a sum in Jacobian coordinates answers without an inversion.
     */
    private boolean verifySm2(byte[] hash, byte[] signature) {
        BigInteger n = ec.getParameters().getN();
        BigInteger r = half(signature, 0);
        BigInteger s = half(signature, 32);
        if (!isScalar(r, n) || !isScalar(s, n)) return false;                         // B1, B2
        BigInteger t = r.add(s).mod(n);                                                  // B5
        if (t.signum() == 0) return false;
        BigInteger e = new BigInteger(1, hash);
        CombTable keyTable = CombTables.forVerification(this);
        if (keyTable != null) {
            return CombTables.generator(type).sum(s, keyTable, t).xReducedModOrderIs(r.subtract(e).mod(n), n);
        }
        // a key met only a few times lately goes through BouncyCastle's multiplication, as its signers do
        ECPoint x1y1 = ECAlgorithms.sumOfTwoMultiplies(ec.getParameters().getG(), s, ec.getQ(), t).normalize();  // B6
        return !x1y1.isInfinity() && e.add(x1y1.getAffineXCoord().toBigInteger()).mod(n).equals(r);           // B7
    }

    /** The P-256 or SM2 public point. */
    ECPoint publicPoint() { return ec.getQ(); }

    private static boolean isScalar(BigInteger value, BigInteger n) {
        return value.signum() > 0 && value.compareTo(n) < 0;
    }

    private static byte[] digest(Digest digest, byte[] prefix, byte[] message) {
        if (prefix != null) digest.update(prefix, 0, prefix.length);
        digest.update(message, 0, message.length);
        byte[] hash = new byte[digest.getDigestSize()];
        digest.doFinal(hash, 0);
        return hash;
    }

    /** Z = SM3(ENTL ‖ ID ‖ a ‖ b ‖ xG ‖ yG ‖ xA ‖ yA) with the default user id (GB/T 32918.2 §5.5). */
    /** SM2 only: Z of the default user id and this key (GB/T 32918.2 §5.5), computed once. Not a copy. */
    byte[] sm2Z() { return sm2Z; }

    static byte[] sm2Z(ECDomainParameters domain, ECPoint publicPoint) {
        SM3Digest sm3 = new SM3Digest();
        byte[] id = SM2_DEFAULT_USER_ID;
        int bits = id.length * 8;
        sm3.update((byte) (bits >> 8));
        sm3.update((byte) bits);
        sm3.update(id, 0, id.length);
        ECPoint g = domain.getG().normalize();
        ECPoint a = publicPoint.normalize();
        for (byte[] element : new byte[][] {domain.getCurve().getA().getEncoded(), domain.getCurve().getB().getEncoded(),
                g.getAffineXCoord().getEncoded(), g.getAffineYCoord().getEncoded(),
                a.getAffineXCoord().getEncoded(), a.getAffineYCoord().getEncoded()}) {
            sm3.update(element, 0, element.length);
        }
        byte[] z = new byte[32];
        sm3.doFinal(z, 0);
        return z;
    }

    static ECDomainParameters domain(KeyType type) {
        return type == KeyType.SM2 ? Curves.SM2 : Curves.P256;
    }

    private static byte[] jwkCoordinate(Map<String, ?> jwk, String name) throws FormatException {
        Object value = jwk.get(name);
        if (!(value instanceof String)) throw new FormatException("JWK", "missing member " + name);
        try {
            return Base64.getUrlDecoder().decode((String) value);
        } catch (IllegalArgumentException e) {
            throw new FormatException("JWK", name + " is not base64url");
        }
    }

    private static BigInteger half(byte[] signature, int offset) {
        return new BigInteger(1, Arrays.copyOfRange(signature, offset, offset + 32));
    }

    static byte[] unsigned32(BigInteger value) {
        byte[] raw = value.toByteArray();
        byte[] out = new byte[32];
        int copy = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - copy, out, 32 - copy, copy);
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VerificationKey other && type == other.type && Arrays.equals(encoded, other.encoded);
    }

    @Override
    public int hashCode() { return hashValue; }

    @Override
    public String toString() { return "VerificationKey[" + type + " " + toMultibase() + "]"; }
}
