package org.civitas.sdk.qr;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.civitas.sdk.FormatException;

import java.util.Arrays;
import java.util.Objects;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * The CIV1 QR encoding of credentials and presentations (docs/qr-format.md): {@code "CIV1:"} followed by the
 * Base45 (RFC 9285) text of the raw DEFLATE (RFC 1951, no zlib header or checksum) of a deterministic CBOR
 * (RFC 8949) encoding of the JSON document, in which dictionary terms are small integers and dates, base58
 * multibase values, DIDs (a did:civitas as the key that creates it, when the document holds that key), UUID URNs,
 * https URLs, decimal digits, CJK text, base64url values and repeated strings are compact typed items. Every
 * character is in the QR alphanumeric set, so the whole text is one alphanumeric segment.
 *
 * <p>The encoding is lossless at the JSON data-model level: {@link #decode} gives back a tree with the same members in
 * the same order, the same strings character for character, the same booleans and nulls, and every number as Jackson
 * reads its JSON text (integers as the narrowest of int, long and BigInteger nodes, other numbers as doubles with
 * the same IEEE-754 value, {@code -0.0} included). Data Integrity proofs over JCS (eddsa-jcs-2022, ecdsa-jcs-2019,
 * sm2-jcs-2025) therefore verify on the decoded document exactly as on the original.
 *
 * <p>Stateless and thread-safe.
 */
public final class QrCodec {

    /** The prefix of a CIV1 document text: the format and its version. */
    public static final String PREFIX = "CIV1:";
    /** The most CBOR bytes a document may inflate to; more is refused when encoding and when decoding. */
    public static final int MAX_INFLATED_BYTES = 64 * 1024;
    /** The deepest nesting of objects and arrays, the document itself counting as 1. */
    public static final int MAX_DEPTH = 32;
    /** The longest text {@link #decode} reads: four times what one QR code holds (4,296 alphanumeric characters). */
    public static final int MAX_TEXT_LENGTH = 16 * 1024;
    /** The most characters of strings and member names a decoded document may hold. */
    static final long MAX_DECODED_CHARACTERS = 1 << 20;

    // The typed items of docs/qr-format.md §5. Tags 1-4 and 21 carry their RFC 8949 meaning; 6-15 and 20 are
    // unassigned in the IANA registry and carry CIV1 meanings only behind the CIV1 prefix.
    static final int TAG_DATE_TIME = 1;
    /** RFC 8949 §3.4.4: {@code [e, m]}, the number m × 10^e. */
    static final int TAG_DECIMAL_FRACTION = 4;
    static final int TAG_DATE = 6;
    static final int TAG_DATE_TIME_FULL = 7;
    static final int TAG_MULTIBASE = 8;
    static final int TAG_DID_KEY = 9;
    static final int TAG_DID_CIVITAS = 10;
    static final int TAG_UUID = 11;
    static final int TAG_HTTPS = 12;
    static final int TAG_BACK_REFERENCE = 13;
    static final int TAG_DID_CIVITAS_OF_KEY = 14;
    static final int TAG_DECIMAL = 15;
    static final int TAG_CJK = 20;
    /** RFC 8949 §3.4.5.2: a byte string that JSON carries as base64url without padding. */
    static final int TAG_BASE64URL = 21;

    private QrCodec() { }

    /**
     * Encodes a JSON object as CIV1 text. The same tree always gives the same text with the same zlib build.
     *
     * @throws IllegalArgumentException the tree is not JSON (a NaN or infinite number, a lone surrogate, a binary or
     *                                  POJO node), nests deeper than {@link #MAX_DEPTH}, or is too large for
     *                                  {@link #MAX_INFLATED_BYTES} or {@link #MAX_TEXT_LENGTH}
     */
    public static String encode(ObjectNode document) {
        Objects.requireNonNull(document, "document");
        DocumentWriter.Encoded encoded = encoded(document);
        String text = PREFIX + Base45.encode(deflate(encoded.cbor(), encoded.poolItemLength()));
        if (text.length() > MAX_TEXT_LENGTH) {
            throw new IllegalArgumentException("the document needs " + text.length() + " characters; CIV1 allows "
                + MAX_TEXT_LENGTH);
        }
        return text;
    }

    /**
     * Decodes CIV1 text read from a QR code. Untrusted input: a wrong prefix or version, bad Base45, a DEFLATE
     * stream that is corrupt, truncated or inflates beyond {@link #MAX_INFLATED_BYTES}, CBOR that is malformed or not
     * in preferred serialization, an unknown tag or dictionary code, nesting beyond {@link #MAX_DEPTH}, a duplicate
     * member name, or trailing data is a {@link FormatException} naming the problem.
     *
     * @return a new, mutable tree owned by the caller
     */
    public static ObjectNode decode(String qrText) throws FormatException {
        Objects.requireNonNull(qrText, "qrText");
        if (qrText.length() > MAX_TEXT_LENGTH) {
            throw new FormatException("CIV1", "text of " + qrText.length() + " characters exceeds " + MAX_TEXT_LENGTH);
        }
        if (!qrText.startsWith(PREFIX)) throw wrongPrefix(qrText);
        byte[] cbor = inflate(Base45.decode(qrText.substring(PREFIX.length())));
        return DocumentReader.read(cbor, cbor.length);
    }

    /** The CBOR encoding of a document (docs/qr-format.md §3), before DEFLATE. */
    static byte[] cbor(ObjectNode document) {
        return encoded(document).cbor();
    }

    private static DocumentWriter.Encoded encoded(ObjectNode document) {
        DocumentWriter.Encoded encoded = DocumentWriter.write(document);
        if (encoded.cbor().length > MAX_INFLATED_BYTES) {
            throw new IllegalArgumentException("the document's CBOR is " + encoded.cbor().length + " bytes; CIV1 allows "
                + MAX_INFLATED_BYTES);
        }
        return encoded;
    }

    /** The DEFLATE bytes of a document, as {@link #encode} makes them (docs/qr-format.md §2). */
    static byte[] deflate(ObjectNode document) {
        DocumentWriter.Encoded encoded = encoded(document);
        return deflate(encoded.cbor(), encoded.poolItemLength());
    }

    /**
     * Raw DEFLATE (RFC 1951), without the zlib header and checksum: the first {@code storedLength} bytes (the
     * binary pool: signatures, keys, hashes, which do not compress) in stored blocks, the rest at the best
     * compression, so that random bytes do not flatten the Huffman codes of the text. One stream all the same:
     * any inflater reads it.
     */
    static byte[] deflate(byte[] data, int storedLength) {
        Deflater deflater = new Deflater(Deflater.NO_COMPRESSION, true);
        try {
            byte[] out = new byte[data.length + 64];
            int size = 0;
            deflater.setInput(data, 0, storedLength);
            while (!deflater.needsInput()) {
                if (size == out.length) out = Arrays.copyOf(out, out.length * 2);
                size += deflater.deflate(out, size, out.length - size);
            }
            // The level applies at the next call: make it with no input pending, so that zlib ends the stored block
            // (deflateParams flushes with Z_BLOCK) before the rest arrives, else the rest would be stored too.
            deflater.setLevel(Deflater.BEST_COMPRESSION);
            for (int call = 0; call < 2; call++) {
                if (size == out.length) out = Arrays.copyOf(out, out.length * 2);
                size += deflater.deflate(out, size, out.length - size);
            }
            deflater.setInput(data, storedLength, data.length - storedLength);
            deflater.finish();
            while (!deflater.finished()) {
                if (size == out.length) out = Arrays.copyOf(out, out.length * 2);
                size += deflater.deflate(out, size, out.length - size);
            }
            return Arrays.copyOf(out, size);
        } finally {
            deflater.end();
        }
    }

    /** Inflates raw DEFLATE into at most {@link #MAX_INFLATED_BYTES}, refusing anything after the final block. */
    static byte[] inflate(byte[] deflated) throws FormatException {
        Inflater inflater = new Inflater(true);
        try {
            // zlib may read one byte past a raw stream's end: the dummy byte the Inflater documentation asks for
            inflater.setInput(Arrays.copyOf(deflated, deflated.length + 1));
            byte[] out = new byte[Math.min(MAX_INFLATED_BYTES + 1, Math.max(1024, deflated.length * 4))];
            int size = 0;
            int stalls = 0;
            while (!inflater.finished()) {
                if (size == out.length) {
                    if (size > MAX_INFLATED_BYTES) {
                        throw new FormatException("CIV1", "the data inflates beyond " + MAX_INFLATED_BYTES + " bytes");
                    }
                    out = Arrays.copyOf(out, Math.min(MAX_INFLATED_BYTES + 1, out.length * 2));
                }
                int n = inflater.inflate(out, size, out.length - size);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new FormatException("CIV1", "the DEFLATE data is truncated");
                }
                if (n == 0 && ++stalls > 2) throw new FormatException("CIV1", "the DEFLATE data makes no progress");
                size += n;
            }
            if (size > MAX_INFLATED_BYTES) {
                throw new FormatException("CIV1", "the data inflates beyond " + MAX_INFLATED_BYTES + " bytes");
            }
            if (inflater.getRemaining() > 1) {
                throw new FormatException("CIV1", "unexpected data after the DEFLATE stream");
            }
            return Arrays.copyOf(out, size);
        } catch (DataFormatException e) {
            throw new FormatException("CIV1", "corrupt DEFLATE data: " + e.getMessage());
        } finally {
            inflater.end();
        }
    }

    private static FormatException wrongPrefix(String text) {
        if (text.startsWith(ChallengeQr.PREFIX)) {
            return new FormatException("CIV1", "this is a counter's challenge (" + ChallengeQr.PREFIX
                + "), not a credential or presentation");
        }
        int colon = text.indexOf(':');
        if (text.startsWith("CIV") && colon > 3 && colon <= 8) {
            return new FormatException("CIV1", "format " + text.substring(0, colon)
                + " is not supported; this version reads " + PREFIX);
        }
        return new FormatException("CIV1", "not CIV1 text: it must start with " + PREFIX);
    }
}
