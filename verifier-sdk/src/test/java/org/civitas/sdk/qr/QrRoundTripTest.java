package org.civitas.sdk.qr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.civitas.sdk.FormatException;
import org.civitas.sdk.jcs.IJson;
import org.civitas.sdk.jcs.Jcs;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.List;
import java.util.Random;

import static org.civitas.sdk.qr.QrCodecTest.assertSameDocument;
import static org.civitas.sdk.qr.QrCodecTest.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Any JSON object comes back exactly: member order, strings, numbers as Jackson reads them, booleans, nulls. */
class QrRoundTripTest {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Strings that look like typed forms or terms but are not canonical, or are in another position. */
    private static final List<String> LOOKALIKES = List.of(
        "", " ", "z", "z0OIl", "zz", "did:key:", "did:key:z", "did:key:z0", "did:key:z6Mk#", "did:key:z6Mk#z",
        "did:key:z6Mk#z6Mk", "did:key:z6Mk/path", "did:civitas:", "did:civitas:abc#", "did:civitas:abc#abc",
        "did:civitas:0OIl", "did:civitas:5wx?x", "https://", "https:/", "http://example.com", "HTTPS://X",
        "urn:uuid:", "urn:uuid:0F8FAD5B-D9CB-469F-A165-70867728950E", "urn:uuid:0f8fad5b-d9cb-469f-a165-70867728950e",
        "urn:uuid:0f8fad5b-d9cb-469f-a165-70867728950", "urn:uuid:0f8fad5bd9cb469fa16570867728950e1234",
        "2025-01-01", "2025-02-29", "2024-02-29", "0000-01-01", "9999-12-31", "2025-1-01", "+2025-01-01",
        "2025-01-01T00:00:00Z", "2025-01-01T00:00:00.000Z", "2025-01-01T00:00:00.5Z", "2025-01-01T00:00:00.50Z",
        "2025-01-01T24:00:00Z", "2025-01-01T23:59:60Z", "2025-01-01T08:00:00+08:00", "2025-01-01T08:00:00-00:00",
        "2025-01-01T08:00:00+00:00", "2025-01-01T08:00:00+14:01", "2025-01-01T08:00:00.123456789-03:30",
        "2025-01-01t00:00:00z", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "VerifiableCredential ",
        "verifiableCredential", "@context", "proof", "eddsa-jcs-2022", "https://www.w3.org/ns/credentials/v2/",
        "https://www.w3.org/ns/credentials/v2", "CN", "张伟", "😀 emoji", "\u0000nul", "tab\tand\nnewline",
        "\u00e9\u0301", "\uffff", "https://status.example/lists/revocation/1",
        "https://status.example/lists/revocation/12", "https://status.example/lists/réservé/1",
        "0", "00", "007", "-1", "1e3", "18446744073709551615", "18446744073709551616", "99999999999999999999",
        "q8Gd2vX1kPzR7tYbNc4eWQ", "q8Gd2vX1kPzR7tYbNc4eWa", "q8Gd2vX1kPzR7tYbNc4eW", "q8Gd2vX1kPzR7tYbNc4eWQ==",
        "AAAAAAAAAAAAAAAA", "did:civitas:abc#key-0", "did:civitas:abc#key-01", "did:civitas:abc#key-",
        "did:civitas:abc#key-18446744073709551616", "did:key:z6Mk#key-1", "一", "张é", "（）、", "鿿〿＀￿",
        "\u3100\u4e00", "\ufeff张", "张\u0000伟");

    @Test
    void lookalikeStrings_inValuePositionsAndAsMemberNames_roundTrip() throws FormatException {
        ObjectNode document = NODES.objectNode();
        ArrayNode values = document.putArray("values");
        ObjectNode asNames = document.putObject("names");
        int i = 0;
        for (String s : LOOKALIKES) {
            values.add(s);
            document.put("v" + i, s);
            asNames.put(s, i++);
        }
        values.add(values.deepCopy());   // every one a second time: exact back-references

        assertRoundTrip(document);
    }

    @Test
    void numbers_comeBackAsJacksonReadsTheirJson() throws FormatException {
        ObjectNode document = json("{\"n\":[0,1,-1,23,24,-24,-25,255,256,65535,65536,2147483647,2147483648,"
            + "-2147483648,-2147483649,9223372036854775807,-9223372036854775808,9223372036854775808,"
            + "18446744073709551615,18446744073709551616,-18446744073709551616,-18446744073709551617,"
            + "123456789012345678901234567890,0.0,-0.0,1.0,-1.5,0.1,1e300,-1e-300,5e-324,65504.0,65505.0,"
            + "6.103515625e-05,5.960464477539063e-08,3.4028234663852886e38,1.401298464324817e-45,"
            + "9007199254740993,1.7976931348623157e308,2.5e-8]}");

        assertRoundTrip(document);
        ObjectNode decoded = QrCodec.decode(QrCodec.encode(document));
        assertEquals("-0.0", decoded.get("n").get(24).toString());
        assertTrue(decoded.get("n").get(20).isBigInteger());
    }

    @Test
    void memberOrder_isKept() throws FormatException {
        ObjectNode document = json("{\"z\":1,\"proof\":2,\"a\":3,\"@context\":4,\"id\":5,\"m\":{\"y\":1,\"b\":2}}");

        ObjectNode decoded = QrCodec.decode(QrCodec.encode(document));

        assertEquals(QrCodecTest.names(document), QrCodecTest.names(decoded));
    }

    @Test
    void randomDocuments_roundTrip() throws FormatException {
        Random random = new Random(20261201);
        for (int round = 0; round < 300; round++) {
            ObjectNode document = NODES.objectNode();
            fill(document, random, 0);
            // what a JSON text of it reads back as, which is what a signer and a verifier both see
            ObjectNode parsed = IJson.parseObject("random", document.toString());
            assertRoundTrip(parsed);
        }
    }

    @Test
    void encode_notJson_isAProgrammingError() {
        ObjectNode nan = NODES.objectNode().put("x", Double.NaN);
        ObjectNode infinite = NODES.objectNode().put("x", Double.NEGATIVE_INFINITY);
        ObjectNode loneSurrogate = NODES.objectNode().put("x", "a\ud800b");
        ObjectNode binary = NODES.objectNode();
        binary.set("x", NODES.binaryNode(new byte[] {1}));

        for (ObjectNode bad : List.of(nan, infinite, loneSurrogate, binary)) {
            assertThrows(IllegalArgumentException.class, () -> QrCodec.encode(bad), bad.toString());
        }
    }

    @Test
    void encode_deeperThanTheLimit_isRefused_atTheLimit_roundTrips() throws FormatException {
        ObjectNode atLimit = NODES.objectNode();
        JsonNode inner = atLimit;
        for (int depth = 2; depth <= QrCodec.MAX_DEPTH; depth++) inner = ((ObjectNode) inner).putObject("a");
        assertRoundTrip(atLimit);

        ((ObjectNode) inner).putArray("a");
        assertThrows(IllegalArgumentException.class, () -> QrCodec.encode(atLimit));
    }

    private static void assertRoundTrip(ObjectNode document) throws FormatException {
        String text = QrCodec.encode(document);
        ObjectNode decoded = QrCodec.decode(text);
        assertSameDocument(document, decoded);
        assertEquals(new String(Jcs.canonicalize(document), java.nio.charset.StandardCharsets.UTF_8),
            new String(Jcs.canonicalize(decoded), java.nio.charset.StandardCharsets.UTF_8));
    }

    private static void fill(ObjectNode object, Random random, int depth) {
        int members = random.nextInt(depth == 0 ? 12 : 6);
        for (int i = 0; i < members; i++) {
            String name = random.nextInt(3) == 0 ? pick(random) : "k" + random.nextInt(50);
            object.set(name, value(random, depth + 1));
        }
    }

    private static JsonNode value(Random random, int depth) {
        int kind = random.nextInt(depth > 5 ? 8 : 10);
        switch (kind) {
            case 0: return NODES.nullNode();
            case 1: return NODES.booleanNode(random.nextBoolean());
            case 2: return NODES.numberNode(random.nextInt() >> random.nextInt(32));
            case 3: return NODES.numberNode(random.nextLong());
            case 4: return NODES.numberNode(new BigInteger(70 + random.nextInt(60), random).negate());
            case 5: return NODES.numberNode(Double.longBitsToDouble(random.nextLong() & 0x7FEFFFFFFFFFFFFFL)
                * (random.nextBoolean() ? 1 : -1));
            case 6: return NODES.numberNode(random.nextInt(2000) / 8.0 - 100);
            case 7: return NODES.textNode(random.nextBoolean() ? pick(random) : randomText(random));
            case 8: {
                ArrayNode array = NODES.arrayNode();
                int n = random.nextInt(5);
                for (int i = 0; i < n; i++) array.add(value(random, depth + 1));
                return array;
            }
            default: {
                ObjectNode object = NODES.objectNode();
                fill(object, random, depth);
                return object;
            }
        }
    }

    private static String pick(Random random) {
        if (random.nextInt(4) == 0) {
            String[] terms = random.nextBoolean() ? TermDictionary.MEMBERS : TermDictionary.VALUES;
            return terms[random.nextInt(terms.length)];
        }
        return LOOKALIKES.get(random.nextInt(LOOKALIKES.size()));
    }

    private static String randomText(Random random) {
        StringBuilder out = new StringBuilder();
        int n = random.nextInt(20);
        for (int i = 0; i < n; i++) {
            switch (random.nextInt(4)) {
                case 0: out.append((char) (0x20 + random.nextInt(95))); break;
                case 1: out.append((char) (0x4E00 + random.nextInt(0x5000))); break;
                case 2: out.appendCodePoint(0x1F300 + random.nextInt(0x300)); break;
                default: out.append((char) random.nextInt(0x20)); break;
            }
        }
        return out.toString();
    }
}
