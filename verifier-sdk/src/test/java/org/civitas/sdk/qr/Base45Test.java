package org.civitas.sdk.qr;

import org.civitas.sdk.FormatException;
import org.civitas.sdk.fixtures.VectorFiles;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Base45Test {

    @Test
    void rfc9285Examples_encodeAndDecodeAsPublished() throws FormatException {
        String[] lines = VectorFiles.text("rfc9285/examples.txt").split("\n");
        assertEquals(4, lines.length);
        for (String line : lines) {
            String[] pair = line.split("\t");
            byte[] input = pair[0].getBytes(StandardCharsets.UTF_8);
            assertEquals(pair[1], Base45.encode(input), pair[0]);
            assertArrayEquals(input, Base45.decode(pair[1]), pair[1]);
        }
    }

    @Test
    void rfc9285InvalidTexts_areFormatExceptions() {
        for (String line : VectorFiles.text("rfc9285/invalid.txt").split("\n")) {
            String text = line.split("\t")[0];
            assertThrows(FormatException.class, () -> Base45.decode(text), line);
        }
    }

    @Test
    void decode_tamperedExample_givesOtherBytesOrFails() throws FormatException {
        // "%69 VD92EX0" is "Hello!!"; one character changed is still Base45 but no longer the same bytes
        assertTrue(!"Hello!!".equals(new String(Base45.decode("%69 VD92EX1"), StandardCharsets.ISO_8859_1)));
    }

    @Test
    void decode_charactersOutsideTheAlphabet_failWithThePosition() {
        FormatException lower = assertThrows(FormatException.class, () -> Base45.decode("bb8"));
        assertTrue(lower.getMessage().contains("at 0"), lower.getMessage());
        assertThrows(FormatException.class, () -> Base45.decode("BB\u00e9"));
        assertThrows(FormatException.class, () -> Base45.decode("BB8\n"));
    }

    @Test
    void randomBytes_roundTrip_inTheQrAlphanumericSet() throws FormatException {
        Random random = new Random(9285);
        for (int length = 0; length < 300; length++) {
            byte[] bytes = new byte[length];
            random.nextBytes(bytes);
            String text = Base45.encode(bytes);
            assertEquals(length / 2 * 3 + length % 2 * 2, text.length());
            assertTrue(Base45.isAlphabet(text));
            assertArrayEquals(bytes, Base45.decode(text));
        }
    }
}
