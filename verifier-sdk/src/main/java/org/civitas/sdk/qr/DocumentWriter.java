package org.civitas.sdk.qr;

import com.fasterxml.jackson.databind.JsonNode;
import org.civitas.sdk.internal.Base58;

import java.util.ArrayList;
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
    private final CborWriter referenceScratch = new CborWriter(64);

    /** The CBOR of a document: the pool of binary payloads, then the document (§3). */
    static Encoded write(JsonNode document) {
        DocumentWriter writer = new DocumentWriter();
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
                    out.floating(node.doubleValue());
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

    /** A value string: a dictionary term, else the shortest typed form (ties: the earlier in §5's list). */
    private void string(String s) {
        int simple = TermDictionary.simpleFor(s);
        if (simple >= 0) {
            out.simple(simple);
            return;
        }
        Utf8.encode(s);   // refuses lone surrogates before any form is tried
        byte[] typed = typed(s);
        int typedLength = typed == null ? Integer.MAX_VALUE : typed.length + binaryLength();
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

    /** The typed form of §5.2-§5.8 that applies, or null; its binary payloads are left in {@link #scratchBinaries}. */
    private byte[] typed(String s) {
        scratchBinaries.clear();
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
            best = did(s, TypedStrings.DID_KEY.length(), QrCodec.TAG_DID_KEY);
        } else if (s.startsWith(TypedStrings.DID_CIVITAS)) {
            best = did(s, TypedStrings.DID_CIVITAS.length(), QrCodec.TAG_DID_CIVITAS);
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
        return best;
    }

    /** §5.5-§5.6: a DID whose method-specific id is base58btc, with an optional fragment. */
    private byte[] did(String s, int idStart, int tag) {
        int hash = s.indexOf('#', idStart);
        int idEnd = hash < 0 ? s.length() : hash;
        byte[] id = TypedStrings.readBase58(s, idStart, idEnd);
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
