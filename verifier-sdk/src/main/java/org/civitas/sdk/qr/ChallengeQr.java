package org.civitas.sdk.qr;

import org.civitas.sdk.FormatException;
import org.civitas.sdk.Verifier;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * What a counter shows to start an interactive presentation (docs/qr-format.md §7): a fresh challenge, the
 * counter's domain, the credential types it accepts and when the challenge expires. The wallet answers with a
 * presentation whose holder proof carries this challenge and domain (Data Integrity 1.0 §2.1 {@code challenge},
 * {@code domain}), encoded with {@link QrCodec}. As text: {@code "CIV1C:"} and the Base45 of a small CBOR map.
 * Immutable and thread-safe.
 *
 * @param challenge       the nonce the presentation must be signed with; not empty
 * @param domain          the counter's domain the presentation must be bound to; not empty
 * @param credentialTypes the credential types the counter accepts, in order of preference (its policy); empty when
 *                        any is accepted
 * @param expires         when the counter stops accepting answers to this challenge, to the second
 */
public record ChallengeQr(String challenge, String domain, List<String> credentialTypes, Instant expires) {

    /** The prefix of a CIV1 challenge text. */
    public static final String PREFIX = "CIV1C:";
    /** The longest challenge text {@link #parse} reads. */
    public static final int MAX_TEXT_LENGTH = 1024;
    /** The bytes of randomness in {@link #newChallenge}: 128 bits. */
    public static final int CHALLENGE_BYTES = 16;

    private static final int KEY_CHALLENGE = 1;
    private static final int KEY_DOMAIN = 2;
    private static final int KEY_TYPES = 3;
    private static final int KEY_EXPIRES = 4;

    /**
     * @throws IllegalArgumentException an empty challenge or domain, or an empty credential type
     * @throws NullPointerException     a null argument or list element
     */
    public ChallengeQr {
        Objects.requireNonNull(challenge, "challenge");
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(expires, "expires");
        if (challenge.isEmpty() || domain.isEmpty()) throw new IllegalArgumentException("empty challenge or domain");
        credentialTypes = List.copyOf(credentialTypes);
        for (String type : credentialTypes) {
            if (type.isEmpty()) throw new IllegalArgumentException("empty credential type");
        }
        expires = expires.truncatedTo(ChronoUnit.SECONDS);
    }

    /** A new random challenge: {@link #CHALLENGE_BYTES} bytes as base64url without padding (22 characters). */
    public static String newChallenge(SecureRandom random) {
        byte[] bytes = new byte[CHALLENGE_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Whether the challenge has expired at {@code now} (an answer at exactly {@link #expires} is too late). */
    public boolean isExpiredAt(Instant now) {
        return !now.isBefore(expires);
    }

    /** The verification request an answering presentation is checked against: this challenge and domain. */
    public Verifier.Request request() {
        return new Verifier.Request(challenge, domain);
    }

    /** The challenge as QR text: {@code "CIV1C:"} + Base45 of the CBOR map {1: challenge, 2: domain, [3: types,] 4: expires}. */
    public String encode() {
        CborWriter out = new CborWriter(64 + challenge.length() + domain.length());
        out.head(CborWriter.MAP, credentialTypes.isEmpty() ? 3 : 4);
        out.head(CborWriter.UNSIGNED, KEY_CHALLENGE);
        out.text(challenge);
        out.head(CborWriter.UNSIGNED, KEY_DOMAIN);
        out.text(domain);
        if (!credentialTypes.isEmpty()) {
            out.head(CborWriter.UNSIGNED, KEY_TYPES);
            out.head(CborWriter.ARRAY, credentialTypes.size());
            for (String type : credentialTypes) {
                int simple = TermDictionary.simpleFor(type);
                if (simple >= 0) out.simple(simple);
                else out.text(type);
            }
        }
        out.head(CborWriter.UNSIGNED, KEY_EXPIRES);
        out.integer(expires.getEpochSecond());
        return PREFIX + Base45.encode(out.toByteArray());
    }

    /**
     * Reads a challenge QR text. Untrusted input: a wrong prefix, bad Base45, CBOR that is malformed or not the
     * map of docs/qr-format.md §7 (keys in ascending order, no others) is a {@link FormatException}.
     */
    public static ChallengeQr parse(String text) throws FormatException {
        Objects.requireNonNull(text, "text");
        if (text.length() > MAX_TEXT_LENGTH) throw new FormatException("CIV1C", "text longer than " + MAX_TEXT_LENGTH);
        if (!text.startsWith(PREFIX)) {
            throw new FormatException("CIV1C", text.startsWith(QrCodec.PREFIX)
                ? "this is a credential or presentation, not a counter's challenge" : "it must start with " + PREFIX);
        }
        byte[] cbor = Base45.decode(text.substring(PREFIX.length()));
        CborReader in = new CborReader(cbor, cbor.length);
        in.head();
        if (in.major != CborWriter.MAP || in.argument < 3 || in.argument > 4) {
            throw new FormatException("CIV1C", "expected a map of 3 or 4 entries");
        }
        int entries = (int) in.argument;
        String challenge = null;
        String domain = null;
        List<String> types = new ArrayList<>();
        Long expires = null;
        int previousKey = 0;
        for (int i = 0; i < entries; i++) {
            in.head();
            if (in.major != CborWriter.UNSIGNED || in.argument <= previousKey || in.argument > KEY_EXPIRES) {
                throw new FormatException("CIV1C", "unexpected key: keys are 1 to 4, in ascending order");
            }
            previousKey = (int) in.argument;
            switch (previousKey) {
                case KEY_CHALLENGE:
                    challenge = text(in, "challenge");
                    break;
                case KEY_DOMAIN:
                    domain = text(in, "domain");
                    break;
                case KEY_TYPES:
                    in.head();
                    if (in.major != CborWriter.ARRAY || in.argument == 0) {
                        throw new FormatException("CIV1C", "credential types must be a non-empty array");
                    }
                    int count = in.length();
                    for (int t = 0; t < count; t++) types.add(type(in));
                    break;
                default:
                    in.head();
                    if (in.major != CborWriter.UNSIGNED || in.argument < 0) {
                        throw new FormatException("CIV1C", "expires must be seconds since 1970 as an unsigned integer");
                    }
                    expires = in.argument;
            }
        }
        if (!in.atEnd()) throw new FormatException("CIV1C", "unexpected data after the map");
        if (challenge == null || domain == null || expires == null) {
            throw new FormatException("CIV1C", "challenge, domain and expires are required");
        }
        try {
            return new ChallengeQr(challenge, domain, types, Instant.ofEpochSecond(expires));
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            throw new FormatException("CIV1C", e.getMessage());
        }
    }

    private static String text(CborReader in, String what) throws FormatException {
        in.head();
        if (in.major != CborWriter.TEXT) throw new FormatException("CIV1C", what + " must be text");
        return in.text();
    }

    private static String type(CborReader in) throws FormatException {
        in.head();
        if (in.major == CborWriter.TEXT) return in.text();
        if (in.major == CborWriter.SIMPLE && in.info < 25) {
            String term = TermDictionary.valueOfSimple(in.argument);
            if (term != null) return term;
        }
        throw new FormatException("CIV1C", "a credential type must be text or a dictionary value");
    }
}
