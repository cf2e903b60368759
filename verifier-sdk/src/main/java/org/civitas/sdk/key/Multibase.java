package org.civitas.sdk.key;

import org.civitas.sdk.FormatException;
import org.civitas.sdk.internal.Base58;

import java.util.Base64;

/**
 * Multibase encodings used by Multikey and Data Integrity (Controlled Identifiers §2.4, draft-multiformats-
 * multibase): {@code z} for base58btc and {@code u} for base64url without padding. Stateless and thread-safe.
 */
public final class Multibase {

    /** The multibase header of base58btc. */
    public static final char BASE58_BTC = 'z';
    /** The multibase header of base64url without padding. */
    public static final char BASE64_URL = 'u';

    private Multibase() { }

    /** Encodes as base58btc with the {@code z} header. */
    public static String encodeBase58Btc(byte[] bytes) {
        return BASE58_BTC + Base58.encode(bytes);
    }

    /** Encodes as base64url without padding with the {@code u} header. */
    public static String encodeBase64Url(byte[] bytes) {
        return BASE64_URL + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Decodes a {@code z} or {@code u} multibase string; anything else is a {@link FormatException}. */
    public static byte[] decode(String subject, String text) throws FormatException {
        if (text.isEmpty()) throw new FormatException(subject, "empty multibase value");
        String body = text.substring(1);
        try {
            switch (text.charAt(0)) {
                case BASE58_BTC:
                    return Base58.decode(body);
                case BASE64_URL:
                    if (body.indexOf('=') >= 0) throw new FormatException(subject, "base64url must not be padded");
                    return Base64.getUrlDecoder().decode(body);
                default:
                    throw new FormatException(subject, "unsupported multibase header '" + text.charAt(0)
                        + "' (expected 'z' base58btc or 'u' base64url)");
            }
        } catch (IllegalArgumentException e) {
            throw new FormatException(subject, "not valid multibase: " + e.getMessage());
        }
    }
}
