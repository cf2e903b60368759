package org.civitas.sdk.qr;

import com.fasterxml.jackson.databind.JsonNode;
import org.civitas.sdk.jcs.Jcs;
import org.civitas.sdk.ledger.CivitasDid;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Writes a JSON tree as CIV1 CBOR (docs/qr-format.md §3-§5): members in their order, member names and values from
 * the term dictionary as small integers, and each other string in the shortest of the typed forms that give it
 * back exactly. Not thread-safe; one writer per document.
 */
final class DocumentWriter {

    /** A back-reference shares at least this many leading bytes with the earlier string, else it is not tried. */
    static final int MIN_SHARED_PREFIX = 8;

    private final CborWriter out = new CborWriter(1024);
    /** The payloads of the binary items, in document order (§3.2). */
    private final CborWriter pool = new CborWriter(256);
    /** The payloads in the pool, in order, for §3.2's references to an earlier payload. */
    private final List<byte[]> pooled = new ArrayList<>();
    /** Every value string written so far that is not a dictionary term, in document order (§5.9). */
    private final List<String> strings = new ArrayList<>();
    /** The typed item being tried, and its binary payloads, which go to the pool if it is chosen. */
    private final CborWriter scratch = new CborWriter(256);
    private final List<byte[]> scratchBinaries = new ArrayList<>();
    /** Whether the pool bytes of the typed item being tried count towards its size (§5.10). */
    private boolean poolBytesCounted;
    private final CborWriter referenceScratch = new CborWriter(64);
    private final CborWriter numberScratch = new CborWriter(16);
    /** §5.11: the keys the document holds as did:key ids or multibase values, by the did:civitas id each creates. */
    private final Map<String, byte[]> keysByCivitasId = new HashMap<>();

    /** The CBOR of a document: the pool of binary payloads, then the document (§3). */
    static Encoded write(JsonNode document) {
        DocumentWriter writer = new DocumentWriter();
        writer.collectKeys(document, 1);
        writer.value(document, 1);
        CborWriter whole = new CborWriter(writer.pool.size() + writer.out.size() + 5);
        whole.head(CborWriter.BYTES, writer.pool.size());
        whole.rawBytes(writer.pool.toByteArray());
        int poolItemLength = whole.size();
        whole.rawBytes(writer.out.toByteArray());
        return new Encoded(whole.toByteArray(), poolItemLength);
    }

    /** The CBOR bytes and the length of the leading pool item, which holds the incompressible payloads. */
    record Encoded(byte[] cbor, int poolItemLength) { }

    /**
     * §5.11: finds every key the document holds, wherever it is, because a did:civitas that one of them creates may
     * come before it (a subject id before the holder proof's did:key).
     */
    private void collectKeys(JsonNode node, int depth) {
        if (depth > QrCodec.MAX_DEPTH) return;   // value() refuses the document
        if (node.isTextual()) {
            String s = node.textValue();
            int multibase = s.startsWith(TypedStrings.DID_KEY) ? TypedStrings.DID_KEY.length() - 1 : 0;
            if (s.length() <= multibase + 1 || s.charAt(multibase) != 'z') return;
            int hash = multibase > 0 ? s.indexOf('#') : -1;
            int end = hash < 0 ? s.length() : hash;
            byte[] key = TypedStrings.readBase58(s, multibase + 1, end);
            if (key != null) {
                keysByCivitasId.putIfAbsent(CivitasDid.ofMultibase(s.substring(multibase, end)).methodSpecificId(), key);
            }
            return;
        }
        for (JsonNode child : node) collectKeys(child, depth + 1);
    }

    /** {@code depth}: 1 for the document, one more for each container inside (as the reader counts). */
    private void value(JsonNode node, int depth) {
        if (node.isContainerNode() && depth > QrCodec.MAX_DEPTH) {
            throw new IllegalArgumentException("the document nests deeper than " + QrCodec.MAX_DEPTH + " levels");
        }
        switch (node.getNodeType()) {
            case OBJECT:
                out.head(CborWriter.MAP, node.size());
                Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
                while (fields.hasNext()) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    int code = TermDictionary.memberCode(field.getKey());
                    if (code >= 0) out.head(CborWriter.UNSIGNED, code);
                    else out.text(field.getKey());
                    value(field.getValue(), depth + 1);
                }
                return;
            case ARRAY:
                out.head(CborWriter.ARRAY, node.size());
                for (JsonNode element : node) value(element, depth + 1);
                return;
            case STRING:
                string(node.textValue());
                return;
            case NUMBER:
                if (node.isIntegralNumber()) {
                    if (node.canConvertToLong()) out.integer(node.longValue());
                    else out.integer(node.bigIntegerValue());
                } else {
                    fraction(node.doubleValue());
                }
                return;
            case BOOLEAN:
                out.raw(node.booleanValue() ? CborWriter.TRUE : CborWriter.FALSE);
                return;
            case NULL:
                out.raw(CborWriter.NULL);
                return;
            default:
                throw new IllegalArgumentException("not a JSON value: " + node.getNodeType());
        }
    }

    /**
     * §3.1: a number with a fraction or exponent as the shortest float, or as a decimal fraction (RFC 8949 §3.4.4)
     * of the digits JCS writes for it when that is smaller: 89.56 is 8956 × 10^-2 in 6 bytes, not a 9-byte double.
     */
    private void fraction(double value) {
        numberScratch.reset();
        numberScratch.floating(value);
        if (value != 0 && numberScratch.size() > 3) {
            BigDecimal shortest = new BigDecimal(Jcs.serializeNumber(value)).stripTrailingZeros();
            int floatSize = numberScratch.size();
            numberScratch.reset();
            numberScratch.head(CborWriter.TAG, QrCodec.TAG_DECIMAL_FRACTION);
            numberScratch.head(CborWriter.ARRAY, 2);
            numberScratch.integer(-shortest.scale());
            numberScratch.integer(shortest.unscaledValue().longValue());   // at most 17 digits: fits
            // JCS's digits are the shortest that read back as the same double: the check only guards that promise
            boolean exact = Double.parseDouble(shortest.unscaledValue() + "E" + (-shortest.scale())) == value;
            if (numberScratch.size() >= floatSize || !exact) {
                numberScratch.reset();
                numberScratch.floating(value);
            }
        }
        out.rawBytes(numberScratch.toByteArray());
    }

    /**
     * A value string (§5.10): a dictionary term, else the first typed form that applies if it is shorter than the
     * text, a back-reference if that is shorter still, else the text.
     */
    private void string(String s) {
        int simple = TermDictionary.simpleFor(s);
        if (simple >= 0) {
            out.simple(simple);
            return;
        }
        Utf8.encode(s);   // refuses lone surrogates before any form is tried
        byte[] typed = typed(s);
        int typedLength = typed == null ? Integer.MAX_VALUE : typed.length + (poolBytesCounted ? binaryLength() : 0);
        byte[] reference = backReference(s);
        int textLength = textLength(s);
        if (typed != null && typedLength < textLength && (reference == null || typedLength <= reference.length)) {
            out.rawBytes(typed);
            for (byte[] binary : scratchBinaries) {
                pool.rawBytes(binary);
                pooled.add(binary);
            }
        } else if (reference != null && reference.length < textLength) {
            out.rawBytes(reference);
        } else {
            out.text(s);
        }
        strings.add(s);
    }

    /**
     * The first typed form of §5.2-§5.8 and §5.11-§5.14 that applies (§5.10), or null; its binary payloads are left
     * in {@link #scratchBinaries}.
     */
    private byte[] typed(String s) {
        scratchBinaries.clear();
        poolBytesCounted = true;
        byte[] best = null;
        if (s.length() >= 20 && s.length() <= 35) {
            TypedStrings.DateTime t = TypedStrings.readDateTime(s);
            if (t != null) {
                scratch.reset();
                if (t.isPlainUtc()) {
                    scratch.head(CborWriter.TAG, QrCodec.TAG_DATE_TIME);
                    scratch.integer(t.seconds());
                } else {
                    scratch.head(CborWriter.TAG, QrCodec.TAG_DATE_TIME_FULL);
                    scratch.head(CborWriter.ARRAY, 3);
                    scratch.integer(t.seconds());
                    scratch.integer(t.nanos());
                    scratch.integer(t.offsetMinutes());
                }
                return scratch.toByteArray();
            }
        }
        if (s.length() == 10) {
            Long days = TypedStrings.readDate(s);
            if (days != null) {
                scratch.reset();
                scratch.head(CborWriter.TAG, QrCodec.TAG_DATE);
                scratch.integer(days);
                return scratch.toByteArray();
            }
        }
        if (s.startsWith(TypedStrings.URN_UUID)) {
            byte[] uuid = TypedStrings.readUuid(s);
            if (uuid != null) {
                scratch.reset();
                scratch.head(CborWriter.TAG, QrCodec.TAG_UUID);
                binary(uuid);
                return scratch.toByteArray();
            }
        }
        if (s.startsWith(TypedStrings.DID_KEY)) {
            best = did(s, TypedStrings.DID_KEY.length(), QrCodec.TAG_DID_KEY, null);
        } else if (s.startsWith(TypedStrings.DID_CIVITAS)) {
            int idStart = TypedStrings.DID_CIVITAS.length();
            int hash = s.indexOf('#', idStart);
            byte[] key = keysByCivitasId.get(s.substring(idStart, hash < 0 ? s.length() : hash));
            if (key != null) {
                // the key's bytes are in the pool once whichever item carries them: the DID costs its item only
                best = did(s, idStart, QrCodec.TAG_DID_CIVITAS_OF_KEY, key);
                poolBytesCounted = false;
            } else {
                best = did(s, idStart, QrCodec.TAG_DID_CIVITAS, null);
            }
        } else if (s.length() > 1 && s.charAt(0) == 'z') {
            byte[] bytes = TypedStrings.readBase58(s, 1, s.length());
            if (bytes != null) {
                scratch.reset();
                scratch.head(CborWriter.TAG, QrCodec.TAG_MULTIBASE);
                binary(bytes);
                best = scratch.toByteArray();
            }
        } else if (s.startsWith(TypedStrings.HTTPS)) {
            scratch.reset();
            scratch.head(CborWriter.TAG, QrCodec.TAG_HTTPS);
            scratch.text(s.substring(TypedStrings.HTTPS.length()));
            best = scratch.toByteArray();
        }
        if (best != null) return best;
        Long decimal = TypedStrings.readDecimal(s);
        if (decimal != null) {
            scratch.reset();
            scratch.head(CborWriter.TAG, QrCodec.TAG_DECIMAL);
            scratch.head(CborWriter.UNSIGNED, decimal);
            return scratch.toByteArray();
        }
        byte[] packed = TypedStrings.readCjk(s);
        if (packed != null) return inlineBytes(QrCodec.TAG_CJK, packed);
        byte[] base64url = TypedStrings.readBase64Url(s);
        if (base64url != null) return inlineBytes(QrCodec.TAG_BASE64URL, base64url);
        return null;
    }

    /** §5.13-§5.14: a tag holding a byte string in the document itself, not in the pool. */
    private byte[] inlineBytes(int tag, byte[] bytes) {
        scratch.reset();
        scratch.head(CborWriter.TAG, tag);
        scratch.bytes(bytes);
        return scratch.toByteArray();
    }

    /**
     * §5.5, §5.6 and §5.11: a DID with an optional fragment, its binary field {@code payload} (§5.11: the key) or,
     * when that is null, the bytes of its base58btc method-specific id.
     */
    private byte[] did(String s, int idStart, int tag, byte[] payload) {
        int hash = s.indexOf('#', idStart);
        int idEnd = hash < 0 ? s.length() : hash;
        byte[] id = payload != null ? payload : TypedStrings.readBase58(s, idStart, idEnd);
        if (id == null) return null;
        scratch.reset();
        scratch.head(CborWriter.TAG, tag);
        if (hash < 0) {
            binary(id);
        } else {
            scratch.head(CborWriter.ARRAY, 2);
            binary(id);
            String fragment = s.substring(hash + 1);
            if (fragment.equals(s.substring(idStart - (tag == QrCodec.TAG_DID_KEY ? 1 : 0), idEnd))) {
                scratch.raw(CborWriter.TRUE);   // the fragment repeats the method-specific id, as did:key's does
                return scratch.toByteArray();
            }
            Long keyNumber = fragment.startsWith(TypedStrings.KEY_FRAGMENT)
                ? TypedStrings.readDecimal(fragment.substring(TypedStrings.KEY_FRAGMENT.length())) : null;
            if (keyNumber != null) {
                scratch.head(CborWriter.UNSIGNED, keyNumber);   // did:civitas names its keys key-0, key-1, ...
                return scratch.toByteArray();
            }
            byte[] multibase = fragment.length() > 1 && fragment.charAt(0) == 'z'
                ? TypedStrings.readBase58(fragment, 1, fragment.length()) : null;
            if (multibase != null) {
                scratch.head(CborWriter.TAG, QrCodec.TAG_MULTIBASE);
                binary(multibase);
            } else {
                scratch.text(fragment);
            }
        }
        return scratch.toByteArray();
    }

    /**
     * §5.9: the earlier string sharing the longest prefix (at least {@link #MIN_SHARED_PREFIX} ASCII bytes, or the
     * whole string), the most recent on a tie, as {@code distance} or {@code [distance, prefix bytes, suffix]}.
     */
    private byte[] backReference(String s) {
        int bestShared = -1;
        int bestDistance = -1;
        boolean exact = false;
        for (int distance = 0; distance < strings.size(); distance++) {
            String earlier = strings.get(strings.size() - 1 - distance);
            if (earlier.equals(s)) {
                bestDistance = distance;
                exact = true;
                break;
            }
            int shared = sharedAsciiPrefix(earlier, s);
            if (shared >= MIN_SHARED_PREFIX && shared > bestShared) {
                bestShared = shared;
                bestDistance = distance;
            }
        }
        if (bestDistance < 0) return null;
        CborWriter w = referenceScratch;
        w.reset();
        w.head(CborWriter.TAG, QrCodec.TAG_BACK_REFERENCE);
        if (exact) {
            w.head(CborWriter.UNSIGNED, bestDistance);
        } else {
            w.head(CborWriter.ARRAY, 3);
            w.head(CborWriter.UNSIGNED, bestDistance);
            w.head(CborWriter.UNSIGNED, bestShared);
            w.text(s.substring(bestShared));
        }
        return w.toByteArray();
    }

    /** Leading characters two strings share, counting only up to the first non-ASCII character. */
    private static int sharedAsciiPrefix(String a, String b) {
        int n = Math.min(a.length(), b.length());
        int i = 0;
        while (i < n && a.charAt(i) == b.charAt(i) && a.charAt(i) < 0x80) i++;
        return i;
    }

    /**
     * §3.2: a binary payload is written as its length, and the bytes go to the pool; a payload already in the pool
     * (or earlier in this item) is written as {@code -1 - k}, k counting back from the most recent payload.
     */
    private void binary(byte[] payload) {
        int pending = scratchBinaries.size();
        for (int k = 0; k < pending + pooled.size(); k++) {
            byte[] earlier = k < pending ? scratchBinaries.get(pending - 1 - k) : pooled.get(pooled.size() - 1 - (k - pending));
            if (java.util.Arrays.equals(earlier, payload)) {
                scratch.integer(-1L - k);
                return;
            }
        }
        scratch.head(CborWriter.UNSIGNED, payload.length);
        scratchBinaries.add(payload);
    }

    private int binaryLength() {
        int n = 0;
        for (byte[] binary : scratchBinaries) n += binary.length;
        return n;
    }

    private static int textLength(String s) {
        int n = Utf8.length(s, 0, s.length());
        return n + (n < 24 ? 1 : n < 0x100 ? 2 : n < 0x10000 ? 3 : 5);
    }
}
