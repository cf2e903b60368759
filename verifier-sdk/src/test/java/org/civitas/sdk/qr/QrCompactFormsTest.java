package org.civitas.sdk.qr;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.civitas.sdk.FormatException;
import org.civitas.sdk.internal.Bytes;
import org.civitas.sdk.ledger.CivitasDid;
import org.junit.jupiter.api.Test;

import static org.civitas.sdk.qr.QrCodecTest.assertSameDocument;
import static org.civitas.sdk.qr.QrCodecTest.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The forms of docs/qr-format.md §5.11-§5.14 and the decimal fractions of §3.1: the bytes the encoder chooses
 * (§5.10), the exact document they decode to, strings they must leave alone, and malformed items.
 */
class QrCompactFormsTest {

    /** A P-256 did:key id and the did:civitas its key creates. */
    private static final String KEY = "zDnaedQbZwxjTTiW3s7g96KMXXS3n8dEgazojx8vYeK5vMrh9";
    private static final String CIVITAS_OF_KEY = "did:civitas:3W8TYSr2vJRGg4RxmMPv8U";

    /**
     * This document as the encoder wrote it before §5.11-§5.14 and decimal fractions existed: texts already shown
     * in QR codes decode as they did.
     */
    private static final String DOCUMENT = "{\"credentialSubject\":{\"id\":\"" + CIVITAS_OF_KEY + "\",\"name\":\"张伟\","
        + "\"propertyAddress\":\"上海市浦东新区世纪大道100号（3号楼）\",\"certificateNumber\":\"1000321202405001234\","
        + "\"floorArea\":89.56},\"issuer\":\"did:civitas:StP6bnFBo6PzTeE3jd32sw\",\"proof\":{\"verificationMethod\":"
        + "\"did:civitas:StP6bnFBo6PzTeE3jd32sw#key-1\",\"holder\":\"did:key:" + KEY + "#" + KEY + "\","
        + "\"challenge\":\"q8Gd2vX1kPzR7tYbNc4eWa\"}}";
    private static final String DOCUMENT_BEFORE_THE_COMPACT_FORMS = "CIV1:O10640SCWRL8UN8CU9H4T21E$T6GNBV S5Y20GK:75D."
        + "72I51.BD$SZKQT:F%O4%GOE420ENNWQZ POJK$6KC2PL4R2WQT6E38FQ7BPRQ0NKNS1:80H20DEW $08A0N12G0D3%NB-S35K%OA+U6$ENL"
        + "7T7BNTENL7TJ4LAFNZ6TFGMQZH7-SL3J-QNI1TAAL6HG$96786Q7I$DU$9H.0T8BN%.K$DU-EHLWE$96646BL6*96846+Q6QW6746QF6GQ6"
        + "6*A068:RCBD1 AEPL0912ORK2RPD44/PDGEF896GLPE234:U /E7570UCB/E6B6$7AWHA+VEBJCGOCN C72";

    /** The CBOR of {"id": value} without its pool item: the map head, member 1, then the value's item. */
    private static String valueHex(String value) {
        ObjectNode document = json("{}");
        document.put("id", value);
        return itemHex(document);
    }

    private static String itemHex(ObjectNode document) {
        String hex = Bytes.hex(QrCodec.cbor(document));
        assertTrue(hex.startsWith("40a101"), "no pool bytes: " + hex);
        return hex.substring("40a101".length());
    }

    private static ObjectNode roundTrip(ObjectNode document) throws FormatException {
        ObjectNode decoded = QrCodec.decode(QrCodec.encode(document));
        assertSameDocument(document, decoded);
        return decoded;
    }

    @Test
    void fixtureKey_createsTheFixtureDid() {
        assertEquals(CIVITAS_OF_KEY, CivitasDid.ofMultibase(KEY).toString());
    }

    @Test
    void textsWrittenBeforeTheCompactForms_stillDecode() throws FormatException {
        assertSameDocument(json(DOCUMENT), QrCodec.decode(DOCUMENT_BEFORE_THE_COMPACT_FORMS));
        String now = QrCodec.encode(json(DOCUMENT));
        assertTrue(now.length() < DOCUMENT_BEFORE_THE_COMPACT_FORMS.length() - 60, now.length() + " characters");
        assertSameDocument(json(DOCUMENT), QrCodec.decode(now));
    }

    @Test
    void didCivitasOfAKeyTheDocumentHolds_carriesTheKey_andTheLaterDidKeyRepeatsIt() throws FormatException {
        ObjectNode document = json("{\"id\":\"" + CIVITAS_OF_KEY + "\",\"proof\":\"did:key:" + KEY + "#" + KEY + "\"}");

        byte[] cbor = QrCodec.cbor(document);

        // pool: the 35 key bytes once; id: tag 14 with the key's length; proof: tag 9, [repeat of payload 0, true]
        String hex = Bytes.hex(cbor);
        assertTrue(hex.startsWith("5823"), hex);
        assertTrue(hex.endsWith("a2" + "01" + "ce1823" + "08" + "c98220f5"), hex);
        roundTrip(document);
    }

    @Test
    void didCivitasOfAKeyAlreadyWritten_repeatsThePayload_withAFragment() throws FormatException {
        ObjectNode document = json("{\"k\":\"" + KEY + "\",\"id\":\"" + CIVITAS_OF_KEY + "#key-0\"}");

        assertTrue(Bytes.hex(QrCodec.cbor(document)).endsWith("01" + "ce822000"));   // [repeat of the key, key-0]
        roundTrip(document);
    }

    @Test
    void didCivitasWithoutItsKey_staysTheBase58Form() throws FormatException {
        assertTrue(Bytes.hex(QrCodec.cbor(withId(CIVITAS_OF_KEY))).endsWith("a101ca10"));
        ObjectNode otherKey = json("{\"id\":\"" + CIVITAS_OF_KEY + "\",\"k\":\"z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK\"}");
        assertTrue(Bytes.hex(QrCodec.cbor(otherKey)).contains("01ca10"));
        roundTrip(otherKey);
    }

    private static ObjectNode withId(String id) {
        ObjectNode document = json("{}");
        document.put("id", id);
        return document;
    }

    @Test
    void keyFragments_areTheirNumber() throws FormatException {
        ObjectNode document = json("{\"a\":\"did:civitas:StP6bnFBo6PzTeE3jd32sw#key-1\","
            + "\"b\":\"did:civitas:StP6bnFBo6PzTeE3jd32sw#key-12\",\"c\":\"did:civitas:StP6bnFBo6PzTeE3jd32sw#key-01\"}");

        String hex = Bytes.hex(QrCodec.cbor(document));

        assertTrue(hex.contains("ca821001"), hex);        // key-1: new payload of 16 bytes, fragment 1
        assertTrue(hex.contains("ca82200c"), hex);        // key-12: repeat, fragment 12
        assertTrue(hex.endsWith("cd8300182762" + "3031"), hex);   // key-01 is no number's text: a back-reference
        roundTrip(document);
    }

    @Test
    void decimalDigits_withoutLeadingZero_below2To64_areAnInteger() throws FormatException {
        assertEquals("cf1b0de1dad56aa44812", valueHex("1000321202405001234"));
        assertEquals("cf1bffffffffffffffff", valueHex("18446744073709551615"));
        assertTrue(valueHex("18446744073709551616").startsWith("d54f"));   // 2^64 is no integer here, but base64url
        assertEquals("64" + Bytes.hex("0012".getBytes()), valueHex("0012"));
        assertEquals("6130", valueHex("0"));         // as long as the integer form: text
        assertEquals("653934353637", valueHex("94567"));   // a tie again
        assertEquals("cf1a0004bb63", valueHex("310115"));
        roundTrip(json("{\"a\":\"1000321202405001234\",\"b\":\"0012\",\"c\":\"18446744073709551616\",\"d\":\"+1\","
            + "\"e\":\"0\",\"f\":\"310115\"}"));
    }

    @Test
    void cjkText_packsIdeographsPunctuationAndFullWidthForms_inTwoBytes() throws FormatException {
        assertEquals("d444" + "9120" + "811f", valueHex("张伟"));
        assertEquals("d448" + "9120" + "d308" + "d201" + "d309", valueHex("张（、）"));
        assertEquals("d445" + "41" + "9120" + "811f", valueHex("A张伟"));
        assertEquals("6a" + "e5bca0" + "c3a9" + "6162636465", valueHex("张éabcde"));   // é has no packed form
        assertEquals("63e4b880", valueHex("一"));   // one ideograph: tag and head cost what packing saves
        roundTrip(json("{\"a\":\"上海市浦东新区世纪大道100号（3号楼）\",\"b\":\"张é\",\"c\":\"鿿〿＀￿\","
            + "\"d\":\"😀张\",\"e\":\"浦东新区疾病预防控制中心\"}"));
    }

    @Test
    void base64urlOfSixteenOrMoreCharacters_isItsBytes() throws FormatException {
        assertEquals("d550" + "abc19ddaf5f590fcd1eed61b35ce1e59", valueHex("q8Gd2vX1kPzR7tYbNc4eWQ"));
        assertEquals("76" + Bytes.hex("q8Gd2vX1kPzR7tYbNc4eWa".getBytes()),
            valueHex("q8Gd2vX1kPzR7tYbNc4eWa"));   // bits past the last byte: not what encoding the bytes gives
        assertEquals("6f" + Bytes.hex("q8Gd2vX1kPzR7tY".getBytes()), valueHex("q8Gd2vX1kPzR7tY"));   // 15: text
        assertEquals("d5" + "4c" + "abc19ddaf5f590fcd1eed61b", valueHex("q8Gd2vX1kPzR7tYb"));
        roundTrip(json("{\"a\":\"q8Gd2vX1kPzR7tYbNc4eWQ\",\"a2\":\"q8Gd2vX1kPzR7tYbNc4eWa\",\"b\":\"q8Gd2vX1kPzR7tYbNc4eW\",\"c\":\"AAAAAAAAAAAAAAAAAAAAAA\","
            + "\"d\":\"-_-_-_-_-_-_-_-_\",\"e\":\"q8Gd2vX1kPzR7tYbNc4eWa==\"}"));
    }

    @Test
    void numbersWithAFraction_areADecimalFraction_whenThatIsShorterThanTheFloat() throws FormatException {
        assertEquals("c482" + "21" + "1922fc", numberHex(89.56));           // 8956 × 10^-2, not a 9-byte double
        assertEquals("c482" + "21" + "190174", numberHex(3.72));
        assertEquals("c482" + "19012c" + "01", numberHex(1e300));
        assertEquals("f93800", numberHex(0.5));                             // a half float is shorter
        assertEquals("fa45c6d400", numberHex(6362.5));                       // as is a single
        assertEquals("f98000", numberHex(-0.0));
        ObjectNode decoded = roundTrip(json("{\"a\":89.56,\"b\":-3.72,\"c\":1e300,\"d\":4.9e-324,\"e\":0.1,"
            + "\"f\":1.7976931348623157e308,\"g\":-0.0,\"h\":2.0,\"i\":1e21,\"j\":123456789.125}"));
        assertTrue(decoded.get("a").isDouble() && decoded.get("h").isDouble() && decoded.get("i").isDouble());
    }

    private static String numberHex(double value) {
        ObjectNode document = json("{}");
        document.put("id", value);
        return itemHex(document);
    }

    private static String problem(String cborHex) {
        String text = QrCodec.PREFIX + Base45.encode(QrCodec.deflate(Bytes.fromHex(cborHex), 0));
        return assertThrows(FormatException.class, () -> QrCodec.decode(text)).getMessage();
    }

    @Test
    void malformedCompactItems_areRefused() {
        assertTrue(problem("40a101" + "ce00").contains("1 to 1024 bytes"));
        assertTrue(problem("40a101" + "cef4").contains("binary length"));
        assertTrue(problem("40a101" + "cf20").contains("unsigned integer"));
        assertTrue(problem("40a101" + "cf6131").contains("unsigned integer"));
        assertTrue(problem("40a101" + "d46161").contains("byte string"));
        assertTrue(problem("40a101" + "d44191").contains("unpaired"));
        assertTrue(problem("40a101" + "d442d400").contains("unassigned"));
        assertTrue(problem("40a101" + "d500").contains("byte string"));
        assertTrue(problem("40a101" + "c400").contains("array of 2"));
        assertTrue(problem("40a101" + "c48221f5").contains("integer"));
        assertTrue(problem("40a101" + "c482190191" + "01").contains("exponent beyond"));
        assertTrue(problem("40a101" + "c482190190" + "1b7fffffffffffffff").contains("infinity"));
        assertTrue(problem("4101" + "a101" + "ca8201f6").contains("fragment"));
    }
}
