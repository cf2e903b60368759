package org.civitas.sdk.internal;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Base58Test {

    private static final String ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

    /** The textbook definition: the big-endian number in base 58, one '1' per leading zero byte. */
    private static String reference(byte[] bytes) {
        StringBuilder out = new StringBuilder();
        BigInteger n = new BigInteger(1, bytes);
        BigInteger radix = BigInteger.valueOf(58);
        while (n.signum() > 0) {
            BigInteger[] qr = n.divideAndRemainder(radix);
            out.append(ALPHABET.charAt(qr[1].intValue()));
            n = qr[0];
        }
        for (int i = 0; i < bytes.length && bytes[i] == 0; i++) out.append('1');
        return out.reverse().toString();
    }

    @Test
    void encodeAndDecode_randomInputsOfEveryLengthWithLeadingZeros_matchTheDefinition() {
        Random random = new Random(58);
        for (int length = 0; length <= 80; length++) {
            for (int zeros = 0; zeros <= Math.min(length, 3); zeros++) {
                byte[] bytes = new byte[length];
                random.nextBytes(bytes);
                for (int i = 0; i < zeros; i++) bytes[i] = 0;

                String encoded = Base58.encode(bytes);

                assertEquals(reference(bytes), encoded, "length " + length + ", zeros " + zeros);
                assertArrayEquals(bytes, Base58.decode(encoded), "length " + length + ", zeros " + zeros);
            }
        }
    }

    @Test
    void encode_knownValues_matchTheDraftsExamples() {
        assertEquals("2NEpo7TZRRrLZSi2U", Base58.encode("Hello World!".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        assertEquals("11233QC4", Base58.encode(new byte[] {0, 0, 0x28, 0x7f, (byte) 0xb4, (byte) 0xcd}));
        assertEquals("1111", Base58.encode(new byte[4]));
        assertEquals("", Base58.encode(new byte[0]));
    }

    @Test
    void isEncoding_acceptsExactlyTheAlphabetFromTheGivenIndex() {
        String alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
        for (char c = 0; c < 512; c++) {
            assertEquals(alphabet.indexOf(c) >= 0, Base58.isEncoding("z" + c, 1), "character " + (int) c);
        }
        assertTrue(Base58.isEncoding("0z6Mk", 1), "what precedes the index is not read");
        assertFalse(Base58.isEncoding("z6MkO", 1));
    }

    @Test
    void decode_characterOutsideTheAlphabet_isRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Base58.decode("z6Mk0abc"));

        assertEquals("'0' at 4 is not a base58btc character", e.getMessage());
    }
}
