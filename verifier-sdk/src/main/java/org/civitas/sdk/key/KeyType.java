package org.civitas.sdk.key;

/**
 * The signature key types the SDK supports, with their Multikey multicodec headers (multiformats/multicodec
 * table) and JWK names.
 */
public enum KeyType {

    /** Ed25519 (RFC 8032). Public key 32 bytes; multicodec {@code ed25519-pub} 0xed, {@code ed25519-priv} 0x1300. */
    ED25519(0xed, 0x1300, 32, "OKP", "Ed25519"),

    /**
     * ECDSA on NIST P-256 with SHA-256 (FIPS 186-5). Compressed public key 33 bytes; multicodec {@code p256-pub}
     * 0x1200, {@code p256-priv} 0x1306.
     */
    P256(0x1200, 0x1306, 33, "EC", "P-256"),

    /**
     * SM2 signatures with SM3 (GM/T 0003-2012, GB/T 32918) and the GM/T 0009 default user id. Compressed public key
     * 33 bytes; multicodec {@code sm2-pub} 0x1206. The multicodec table registers no SM2 private-key code, so the
     * secret key uses {@link #SM2_SECRET_KEY_CODEC}, a code from the table's private-use area.
     */
    SM2(0x1206, KeyType.SM2_SECRET_KEY_CODEC, 33, "EC", "SM2");

    /**
     * Civitas' multicodec code for an SM2 private key (private-use area 0x300000-0x3fffff of the multicodec table,
     * since no {@code sm2-priv} code is registered). Only ever used for key files, never on the wire.
     */
    public static final int SM2_SECRET_KEY_CODEC = 0x301206;

    private final int publicKeyCodec;
    private final int secretKeyCodec;
    private final int publicKeyLength;
    private final String jwkKty;
    private final String jwkCrv;

    KeyType(int publicKeyCodec, int secretKeyCodec, int publicKeyLength, String jwkKty, String jwkCrv) {
        this.publicKeyCodec = publicKeyCodec;
        this.secretKeyCodec = secretKeyCodec;
        this.publicKeyLength = publicKeyLength;
        this.jwkKty = jwkKty;
        this.jwkCrv = jwkCrv;
    }

    /** The multicodec code of the public key in {@code publicKeyMultibase}. */
    public int publicKeyCodec() { return publicKeyCodec; }

    /** The multicodec code of the private key in {@code secretKeyMultibase}. */
    public int secretKeyCodec() { return secretKeyCodec; }

    /** Length of the encoded public key: 32 raw bytes for Ed25519, 33 compressed-point bytes for the EC curves. */
    public int publicKeyLength() { return publicKeyLength; }

    /** The JWK {@code kty} (RFC 7517 / RFC 8037). */
    public String jwkKty() { return jwkKty; }

    /** The JWK {@code crv}: registered names for Ed25519 and P-256; {@code SM2} by common usage. */
    public String jwkCrv() { return jwkCrv; }

    /** The key type whose public-key multicodec code this is, or {@code null}. */
    static KeyType byPublicKeyCodec(int code) {
        for (KeyType type : values()) if (type.publicKeyCodec == code) return type;
        return null;
    }

    /** The key type whose secret-key multicodec code this is, or {@code null}. */
    static KeyType bySecretKeyCodec(int code) {
        for (KeyType type : values()) if (type.secretKeyCodec == code) return type;
        return null;
    }
}
