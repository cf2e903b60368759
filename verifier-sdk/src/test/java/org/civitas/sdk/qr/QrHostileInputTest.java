package org.civitas.sdk.qr;

import org.civitas.sdk.FormatException;
import org.civitas.sdk.internal.Bytes;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Hostile or broken QR text fails fast with a FormatException that names the problem. */
class QrHostileInputTest {

    /** CIV1 text of hand-made CBOR: deflated as the encoder does, whatever the bytes mean. */
    private static String civ1(String cborHex) {
        byte[] cbor = Bytes.fromHex(cborHex);
        return QrCodec.PREFIX + Base45.encode(QrCodec.deflate(cbor, 0));
    }

    private static String problem(String text) {
        return assertThrows(FormatException.class, () -> QrCodec.decode(text)).getMessage();
    }

    @Test
    void handMadeCbor_ofAValidDocument_decodes() throws FormatException {
        // pool of 2 bytes; {"@context": [v2], "id": did:key with the pool's 2 bytes, "x": -0.0 as half}
        assertEquals("{\"@context\":[\"https://www.w3.org/ns/credentials/v2\"],\"id\":\"did:key:z14\",\"x\":-0.0}",
            QrCodec.decode(civ1("420003" + "a3" + "0081e0" + "01c902" + "6178f98000")).toString());
    }

    @Test
    void wrongPrefix_otherVersion_orChallenge_sayWhichItIs() {
        assertTrue(problem("HC1:NCFOXN").contains("must start with CIV1:"));
        assertTrue(problem("CIV2:ABC").contains("CIV2 is not supported"));
        assertTrue(problem("CIV1C:ABC").contains("challenge"));
        assertTrue(problem("civ1:ABC").contains("must start with CIV1:"));
    }

    @Test
    void badBase45_orCorruptDeflate_failsAsSuch() {
        assertTrue(problem("CIV1:abc").contains("Base45"));
        assertTrue(problem("CIV1:" + Base45.encode(new byte[] {(byte) 0xFF, (byte) 0xFF, 0x00})).contains("DEFLATE"));
        String whole = civ1("40a0");
        assertTrue(problem(whole.substring(0, whole.length() - 3)).contains("DEFLATE"));
    }

    @Test
    void deflateBomb_stopsAtTheInflatedLimit() {
        byte[] zeros = new byte[10 * QrCodec.MAX_INFLATED_BYTES];
        String bomb = QrCodec.PREFIX + Base45.encode(QrCodec.deflate(zeros, 0));
        assertTrue(bomb.length() < QrCodec.MAX_TEXT_LENGTH, "small text, huge output");

        assertTrue(problem(bomb).contains("inflates beyond"));
    }

    @Test
    void tooLongText_isRefusedBeforeDecoding() {
        char[] text = new char[QrCodec.MAX_TEXT_LENGTH + 1];
        Arrays.fill(text, '0');
        assertTrue(problem("CIV1:" + new String(text)).contains("exceeds"));
    }

    @Test
    void trailingDataAfterTheDeflateStream_isRefused() {
        byte[] deflated = QrCodec.deflate(Bytes.fromHex("40a0"), 0);
        byte[] padded = Arrays.copyOf(deflated, deflated.length + 3);
        assertTrue(problem("CIV1:" + Base45.encode(padded)).contains("after the DEFLATE stream"));
    }

    @Test
    void malformedCbor_namesTheProblem() {
        assertTrue(problem(civ1("")).contains("ends in the middle"));
        assertTrue(problem(civ1("a0")).contains("binary pool"));
        assertTrue(problem(civ1("4080")).contains("must be a map"));
        assertTrue(problem(civ1("40a0a0")).contains("after the document"));
        assertTrue(problem(civ1("40bf")).contains("indefinite"));
        assertTrue(problem(civ1("40a1" + "1801" + "01")).contains("shortest form"));                // code 1 in two bytes
        assertTrue(problem(civ1("40a1" + "01" + "fa3f800000")).contains("shortest form"));          // 1.0 as a single
        assertTrue(problem(civ1("40a1" + "01" + "fb3ff0000000000000")).contains("shortest form"));  // 1.0 as a double
        assertTrue(problem(civ1("40a1" + "01" + "f97e00")).contains("NaN"));
        assertTrue(problem(civ1("40a1" + "01" + "f97c00")).contains("infinity"));
        assertTrue(problem(civ1("40a1" + "01" + "7bffffffffffffffff")).contains("exceeds"));        // huge text length
        assertTrue(problem(civ1("40a1" + "01" + "9bffffffffffffffff")).contains("exceeds"));        // huge array
        assertTrue(problem(civ1("40bb7fffffffffffffff")).contains("exceeds"));                     // huge map
        assertTrue(problem(civ1("40a1" + "01" + "62c328")).contains("UTF-8"));                      // bad UTF-8
        assertTrue(problem(civ1("40a1" + "01" + "63eda080")).contains("UTF-8"));                    // a surrogate
        assertTrue(problem(civ1("40a1" + "01" + "41ff")).contains("byte string outside"));
        assertTrue(problem(civ1("40a1" + "01" + "1c")).contains("reserved"));
        assertTrue(problem(civ1("40a1" + "f5" + "01")).contains("member name"));
    }

    @Test
    void duplicateMemberNames_areRefused_whetherCodedOrSpelledOut() {
        assertTrue(problem(civ1("40a2" + "0101" + "0102")).contains("duplicate member name \"id\""));
        assertTrue(problem(civ1("40a2" + "0101" + "626964" + "02")).contains("duplicate member name \"id\""));
    }

    @Test
    void unknownTagsCodesAndSimpleValues_areRefusedByNumber() {
        assertTrue(problem(civ1("40a1" + "01" + "d000")).contains("tag 16 is not used"));
        assertTrue(problem(civ1("40a1" + "01" + "c500")).contains("tag 5 is not used"));
        assertTrue(problem(civ1("40a1" + "01" + "d9ffff00")).contains("tag 65535 is not used"));
        assertTrue(problem(civ1("40a1" + "1903e7" + "01")).contains("member-name code 999"));
        assertTrue(problem(civ1("40a1" + "01" + "f8ff")).contains("simple value 255"));
        assertTrue(problem(civ1("40a1" + "01" + "f7")).contains("simple value 23"));                // undefined
        assertTrue(problem(civ1("40a1" + "01" + "f818")).contains("shortest form"));                // simple 24 is invalid
    }

    @Test
    void brokenTypedItems_areRefused() {
        assertTrue(problem(civ1("40a1" + "01" + "c800")).contains("1 to 1024 bytes"));              // empty base58
        assertTrue(problem(civ1("40a1" + "01" + "c801")).contains("bytes left in the pool"));
        assertTrue(problem(civ1("4101" + "a1" + "01" + "c820")).contains("repeats payload 0"));    // no earlier payload
        assertTrue(problem(civ1("4101" + "a0")).contains("unused"));
        assertTrue(problem(civ1("40a1" + "01" + "cb00")).contains("16 bytes"));
        assertTrue(problem(civ1("40a1" + "01" + "c11b0000ffffffffffff")).contains("0001-9999"));    // far future
        assertTrue(problem(civ1("40a1" + "01" + "c7830000190349")).contains("out of range"));        // +14:01
        assertTrue(problem(civ1("40a1" + "01" + "c7830000f5")).contains("integer"));
        assertTrue(problem(civ1("40a1" + "01" + "cd00")).contains("only 0 came before"));
        assertTrue(problem(civ1("40a2" + "01" + "62e4b8" + "02" + "cd83000161")).contains("UTF-8"));
        assertTrue(problem(civ1("40a2" + "01" + "63e4b8ad" + "02" + "cd8300016178")).contains("character boundary"));
        assertTrue(problem(civ1("40a1" + "01" + "cc01")).contains("must hold text"));
        assertTrue(problem(civ1("4101" + "a1" + "01" + "ca8201f4")).contains("fragment"));
    }

    @Test
    void deepNesting_isRefusedAtTheLimit_notByOverflowingTheStack() {
        StringBuilder cbor = new StringBuilder("40a101");
        for (int i = 0; i < 5000; i++) cbor.append("81");
        cbor.append("80");
        String text = civ1(cbor.toString());

        assertTrue(problem(text).contains("nests deeper than " + QrCodec.MAX_DEPTH));
    }

    @Test
    void expansionThroughBackReferences_isBounded() {
        // a 1,000-character string, then 1,300 exact references to it: 1.3 million characters from a few KiB
        StringBuilder cbor = new StringBuilder("40a1" + "01" + "99").append(String.format("%04x", 1301));
        cbor.append("7903e8");
        for (int i = 0; i < 1000; i++) cbor.append("61");
        for (int i = 0; i < 1300; i++) cbor.append("cd00");
        String text = civ1(cbor.toString());

        assertTrue(problem(text).contains("expands beyond"));
    }
}
