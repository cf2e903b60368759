package org.civitas.sdk.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.civitas.sdk.FormatException;
import org.civitas.sdk.jcs.IJson;
import org.civitas.sdk.key.KeyType;
import org.civitas.sdk.key.SigningKey;
import org.civitas.sdk.key.VerificationKey;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;

/**
 * A short-lived token a caller signs with a key of its DID document to authenticate one or a few calls to a
 * Civitas service: an agency's back office with its agency key, a wallet with its device key. It is a compact
 * JWS (RFC 7515) carrying a JWT (RFC 7519) claim set, so standard tools can read it:
 * <pre>
 * header  {"alg": "EdDSA" | "ES256" | "SM2", "kid": "&lt;verification method id&gt;", "typ": "civitas-auth+jwt"}
 * claims  {"iss": "&lt;caller DID&gt;", "aud": "&lt;service&gt;", "iat": s, "exp": s, "jti": "&lt;nonce&gt;"}
 * </pre>
 * {@code EdDSA} is RFC 8037, {@code ES256} is RFC 7518 (raw r‖s), {@code SM2} is SM2 with SM3 and the GM/T 0009
 * default user id (raw r‖s), Civitas' name for it. The signature covers {@code base64url(header) "." base64url(claims)}.
 * Whether the key may authenticate for the DID is for the service to decide from the DID document. Immutable.
 */
public final class AuthToken {

    /** The {@code typ} header: tells these tokens apart from any other JWT a key might sign. */
    public static final String TYPE = "civitas-auth+jwt";
    /** The longest lifetime a token may claim; services refuse longer ones. */
    public static final Duration MAX_LIFETIME = Duration.ofMinutes(10);

    private final String keyId;
    private final KeyType keyType;
    private final String issuer;
    private final String audience;
    private final Instant issuedAt;
    private final Instant expiresAt;
    private final String tokenId;
    private final byte[] signingInput;
    private final byte[] signature;

    private AuthToken(String keyId, KeyType keyType, String issuer, String audience, Instant issuedAt,
                      Instant expiresAt, String tokenId, byte[] signingInput, byte[] signature) {
        this.keyId = keyId;
        this.keyType = keyType;
        this.issuer = issuer;
        this.audience = audience;
        this.issuedAt = issuedAt;
        this.expiresAt = expiresAt;
        this.tokenId = tokenId;
        this.signingInput = signingInput;
        this.signature = signature;
    }

    /**
     * Signs a token.
     *
     * @param keyId    the verification method id of {@code key} in the caller's DID document
     * @param issuer   the caller's DID
     * @param audience the service it is for, e.g. {@code credential-issuer}
     * @param tokenId  a unique nonce; the service refuses a token id it has seen
     */
    public static String sign(SigningKey key, String keyId, String issuer, String audience, Instant issuedAt,
                              Duration lifetime, String tokenId) {
        Objects.requireNonNull(key, "key");
        if (lifetime.isNegative() || lifetime.isZero() || lifetime.compareTo(MAX_LIFETIME) > 0) {
            throw new IllegalArgumentException("a token lives more than 0 and at most " + MAX_LIFETIME);
        }
        ObjectNode header = IJson.mapper().createObjectNode();
        header.put("alg", algorithm(key.type()));
        header.put("kid", Objects.requireNonNull(keyId, "keyId"));
        header.put("typ", TYPE);
        ObjectNode claims = IJson.mapper().createObjectNode();
        claims.put("iss", Objects.requireNonNull(issuer, "issuer"));
        claims.put("aud", Objects.requireNonNull(audience, "audience"));
        claims.put("iat", issuedAt.getEpochSecond());
        claims.put("exp", issuedAt.plus(lifetime).getEpochSecond());
        claims.put("jti", Objects.requireNonNull(tokenId, "tokenId"));
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        String input = base64.encodeToString(bytes(header)) + "." + base64.encodeToString(bytes(claims));
        byte[] signature = key.sign(input.getBytes(StandardCharsets.US_ASCII));
        return input + "." + base64.encodeToString(signature);
    }

    /** Reads a compact token; its signature is checked only by {@link #verifySignature}. */
    public static AuthToken parse(String compact) throws FormatException {
        if (compact.length() > 4096) throw new FormatException("auth token", "longer than 4096 characters");
        int first = compact.indexOf('.');
        int second = first < 0 ? -1 : compact.indexOf('.', first + 1);
        if (first < 0 || second < 0 || compact.indexOf('.', second + 1) >= 0) {
            throw new FormatException("auth token", "expected header.claims.signature");
        }
        try {
            Base64.Decoder base64 = Base64.getUrlDecoder();
            JsonNode header = IJson.parseObject("auth token header",
                new String(base64.decode(compact.substring(0, first)), StandardCharsets.UTF_8));
            JsonNode claims = IJson.parseObject("auth token claims",
                new String(base64.decode(compact.substring(first + 1, second)), StandardCharsets.UTF_8));
            byte[] signature = base64.decode(compact.substring(second + 1));
            if (!TYPE.equals(text(header, "typ"))) throw new FormatException("auth token", "typ must be " + TYPE);
            KeyType type = keyType(text(header, "alg"));
            long iat = number(claims, "iat");
            long exp = number(claims, "exp");
            return new AuthToken(required(header, "kid"), type, required(claims, "iss"), required(claims, "aud"),
                Instant.ofEpochSecond(iat), Instant.ofEpochSecond(exp), required(claims, "jti"),
                compact.substring(0, second).getBytes(StandardCharsets.US_ASCII), signature);
        } catch (IllegalArgumentException e) {
            throw new FormatException("auth token", "a part is not base64url");
        }
    }

    /** Whether the signature verifies with {@code key}, which must be of the type the header names. */
    public boolean verifySignature(VerificationKey key) {
        return key.type() == keyType && key.verify(signingInput, signature);
    }

    /** The verification method id (the {@code kid} header). */
    public String keyId() { return keyId; }

    public KeyType keyType() { return keyType; }

    /** The caller's DID (the {@code iss} claim). */
    public String issuer() { return issuer; }

    public String audience() { return audience; }

    public Instant issuedAt() { return issuedAt; }

    public Instant expiresAt() { return expiresAt; }

    /** The nonce (the {@code jti} claim). */
    public String tokenId() { return tokenId; }

    private static String algorithm(KeyType type) {
        return switch (type) {
            case ED25519 -> "EdDSA";
            case P256 -> "ES256";
            case SM2 -> "SM2";
        };
    }

    private static KeyType keyType(String alg) throws FormatException {
        if ("EdDSA".equals(alg)) return KeyType.ED25519;
        if ("ES256".equals(alg)) return KeyType.P256;
        if ("SM2".equals(alg)) return KeyType.SM2;
        throw new FormatException("auth token", "alg must be EdDSA, ES256 or SM2");
    }

    private static String required(JsonNode json, String field) throws FormatException {
        String value = text(json, field);
        if (value == null || value.isEmpty()) throw new FormatException("auth token", "missing " + field);
        return value;
    }

    private static String text(JsonNode json, String field) {
        JsonNode value = json.get(field);
        return value != null && value.isTextual() ? value.textValue() : null;
    }

    private static long number(JsonNode json, String field) throws FormatException {
        JsonNode value = json.get(field);
        if (value == null || !value.canConvertToLong()) throw new FormatException("auth token", field + " must be a number");
        return value.longValue();
    }

    private static byte[] bytes(ObjectNode json) {
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() { return "AuthToken[" + issuer + " → " + audience + ", key " + keyId + "]"; }
}
