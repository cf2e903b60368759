package org.civitas.sdk.qr;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** docs/qr-format.md lists the term dictionary exactly as the codec uses it, so others can implement CIV1 from it. */
class QrFormatDocumentTest {

    private static final Path DOCUMENT = Path.of("..", "docs", "qr-format.md");

    @Test
    void everyDictionaryTerm_isListedWithItsCode() throws IOException {
        String doc = Files.readString(DOCUMENT, StandardCharsets.UTF_8);
        for (int i = 0; i < TermDictionary.MEMBERS.length; i++) {
            String cell = "| " + i + " | `" + TermDictionary.MEMBERS[i] + "` |";
            assertTrue(doc.contains(cell), "member " + cell);
        }
        for (int i = 0; i < TermDictionary.VALUES.length; i++) {
            String row = "| " + i + " | " + TermDictionary.simpleFor(TermDictionary.VALUES[i]) + " | `"
                + TermDictionary.VALUES[i] + "` |";
            assertTrue(doc.contains(row), "value " + row);
        }
        assertTrue(!doc.contains("| " + TermDictionary.VALUES.length + " | " + (TermDictionary.VALUES.length + 12) + " |"),
            "no value beyond the code's");
    }

    @Test
    void tagNumbers_areTheDocumented() throws IOException {
        String doc = Files.readString(DOCUMENT, StandardCharsets.UTF_8);
        assertTrue(doc.contains("| tag 1, integer `s` |") && QrCodec.TAG_DATE_TIME == 1);
        assertTrue(doc.contains("| tag 7, `[s, nanos, offset]` |") && QrCodec.TAG_DATE_TIME_FULL == 7);
        assertTrue(doc.contains("| tag 6, integer `d` |") && QrCodec.TAG_DATE == 6);
        assertTrue(doc.contains("| tag 11, binary field of 16 bytes |") && QrCodec.TAG_UUID == 11);
        assertTrue(doc.contains("| tag 9, binary field `b`") && QrCodec.TAG_DID_KEY == 9);
        assertTrue(doc.contains("| tag 10, binary field `b`") && QrCodec.TAG_DID_CIVITAS == 10);
        assertTrue(doc.contains("| tag 8, binary field `b` |") && QrCodec.TAG_MULTIBASE == 8);
        assertTrue(doc.contains("| tag 12, text `t` |") && QrCodec.TAG_HTTPS == 12);
        assertTrue(doc.contains("| tag 13, unsigned `k`") && QrCodec.TAG_BACK_REFERENCE == 13);
        assertTrue(doc.contains("| tag 14, binary field `b`") && QrCodec.TAG_DID_CIVITAS_OF_KEY == 14);
        assertTrue(doc.contains("| tag 15, unsigned `n` |") && QrCodec.TAG_DECIMAL == 15);
        assertTrue(doc.contains("| tag 20, byte string `p`") && QrCodec.TAG_CJK == 20);
        assertTrue(doc.contains("| tag 21, byte string `p`") && QrCodec.TAG_BASE64URL == 21);
        assertTrue(doc.contains("tag 4 of RFC 8949 §3.4.4") && QrCodec.TAG_DECIMAL_FRACTION == 4);
    }
}
