package org.civitas.sdk.status;

import org.civitas.sdk.FormatException;
import org.civitas.sdk.key.Multibase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Base64;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StatusBitsTest {

    /** The only encodedList in Bitstring Status List v1.0 (§2.2 Example 3): 16 KB of zeros. */
    static final String SPEC_ENCODED_LIST = "uH4sIAAAAAAAAA-3BMQEAAADCoPVPbQwfoAAAAAAAAAAAAAAAAAAAAIC3AYbSVKsAQAAA";

    @Test
    void decode_specExample_is131072UnsetEntries() throws FormatException {
        StatusBits bits = StatusBits.decode(SPEC_ENCODED_LIST, 1);

        assertEquals(131_072, bits.length());
        assertEquals(131_072, bits.lengthInBits());
        assertEquals(0, bits.status(0));
        assertEquals(0, bits.status(94_567));
        assertEquals(0, bits.status(131_071));
        assertEquals(StatusBits.builder(131_072, 1).build(), bits);
    }

    @Test
    void decode_specExampleWithDeflateDataChanged_isFormatException() {
        // one character inside the DEFLATE data: the stream or its CRC-32 no longer checks out
        String tampered = SPEC_ENCODED_LIST.substring(0, 20) + "B" + SPEC_ENCODED_LIST.substring(21);
        assertNotEquals(SPEC_ENCODED_LIST, tampered);

        FormatException e = assertThrows(FormatException.class, () -> StatusBits.decode(tampered, 1));
        assertTrue(e.getMessage().startsWith("encodedList: "), e.getMessage());
    }

    @Test
    void decode_specExampleWithLengthTrailerChanged_isFormatException() {
        // the last characters encode ISIZE, the uncompressed length: claim 16,385 bytes instead of 16,384
        byte[] gzip = Base64.getUrlDecoder().decode(SPEC_ENCODED_LIST.substring(1));
        gzip[gzip.length - 4] = 1;

        FormatException e = assertThrows(FormatException.class,
            () -> StatusBits.decode(Multibase.encodeBase64Url(gzip), 1));
        assertTrue(e.getMessage().contains("GZIP"), e.getMessage());
    }

    @Test
    void encode_minimumList_decodesToTheSameBits() throws FormatException {
        StatusBits.Builder builder = StatusBits.builder(131_072, 1).set(0, 1).set(65_536, 1).set(131_071, 1);

        StatusBits decoded = StatusBits.decode(builder.encode(), 1);

        assertEquals(builder.build(), decoded);
        assertEquals(1, decoded.status(0));
        assertEquals(0, decoded.status(1));
        assertEquals(0, decoded.status(65_535));
        assertEquals(1, decoded.status(65_536));
        assertEquals(0, decoded.status(65_537));
        assertEquals(0, decoded.status(131_070));
        assertEquals(1, decoded.status(131_071));
    }

    @Test
    void encode_50MillionEntries_decodesToTheSameBits() throws FormatException {
        int length = 50_000_000;
        StatusBits.Builder builder = StatusBits.builder(length, 1);
        Random random = new Random(42);
        int[] set = new int[1000];
        for (int i = 0; i < set.length; i++) set[i] = random.nextInt(length);
        for (int index : set) builder.set(index, 1);
        builder.set(0, 1).set(25_000_000, 1).set(length - 1, 1);

        StatusBits decoded = StatusBits.decode(builder.encode(), 1);

        assertEquals(length, decoded.length());
        assertEquals(builder.build(), decoded);
        for (int index : set) assertEquals(1, decoded.status(index));
        assertEquals(1, decoded.status(0));
        assertEquals(1, decoded.status(25_000_000));
        assertEquals(1, decoded.status(length - 1));
        assertEquals(0, decoded.status(length - 2));
    }

    @Test
    void encode_bitOrder_indexZeroIsTheMostSignificantBitOfTheFirstByte() throws IOException {
        StatusBits.Builder builder = StatusBits.builder(131_072, 1).set(0, 1).set(7, 1).set(9, 1);

        byte[] raw = gunzip(builder.encode());

        assertEquals(16_384, raw.length);
        assertEquals((byte) 0b1000_0001, raw[0]);
        assertEquals((byte) 0b0100_0000, raw[1]);
    }

    @Test
    void decode_handMadeBitstring_readsLeftToRight() throws FormatException {
        byte[] raw = new byte[16_384];
        raw[0] = (byte) 0b0010_0000;
        raw[16_383] = 0b0000_0001;

        StatusBits bits = StatusBits.decode(encodeRaw(raw), 1);

        assertEquals(0, bits.status(0));
        assertEquals(1, bits.status(2));
        assertEquals(1, bits.status(131_071));
        assertEquals(0, bits.status(131_070));
    }

    @Test
    void set_twoBitEntries_packLeftToRightMostSignificantBitFirst() throws IOException, FormatException {
        StatusBits.Builder builder = StatusBits.builder(131_072, 2).set(0, 3).set(1, 1).set(2, 2);

        byte[] raw = gunzip(builder.encode());
        StatusBits decoded = StatusBits.decode(builder.encode(), 2);

        assertEquals(32_768, raw.length);
        assertEquals((byte) 0b1101_1000, raw[0]);
        assertEquals(3, decoded.status(0));
        assertEquals(1, decoded.status(1));
        assertEquals(2, decoded.status(2));
        assertEquals(0, decoded.status(3));
    }

    @Test
    void set_threeBitEntryAcrossAByteBoundary_splitsItsBits() throws IOException {
        // entry 2 occupies bits 6, 7 (first byte) and 8 (second byte)
        StatusBits.Builder builder = StatusBits.builder(131_072, 3).set(2, 0b101);

        byte[] raw = gunzip(builder.encode());

        assertEquals(0b101, builder.status(2));
        assertEquals(0, builder.status(1));
        assertEquals(0, builder.status(3));
        assertEquals((byte) 0b0000_0010, raw[0]);
        assertEquals((byte) 0b1000_0000, raw[1]);
    }

    @Test
    void set_overwrite_clearsOnlyThatEntry() {
        StatusBits.Builder builder = StatusBits.builder(131_072, 3);
        for (int i = 0; i < 16; i++) builder.set(i, 7);

        builder.set(5, 0b010);

        assertEquals(7, builder.status(4));
        assertEquals(0b010, builder.status(5));
        assertEquals(7, builder.status(6));
    }

    @Test
    void set_eightBitEntries_holdEveryValue() throws FormatException {
        StatusBits.Builder builder = StatusBits.builder(131_072, 8);
        for (int value = 0; value < 256; value++) builder.set(value * 3, value);

        StatusBits decoded = StatusBits.decode(builder.encode(), 8);

        for (int value = 0; value < 256; value++) assertEquals(value, decoded.status(value * 3));
        assertEquals(0, decoded.status(1));
    }

    @Test
    void set_lastEntryOfOddSizedList_staysInsideTheBytes() {
        StatusBits.Builder builder = StatusBits.builder(131_073, 5);
        int last = builder.length() - 1;

        builder.set(last, 31);

        assertEquals(31, builder.status(last));
        assertEquals(0, builder.status(last - 1));
        assertTrue(builder.length() >= 131_073);
    }

    @Test
    void withStatusSize_sameBits_readsWiderEntries() throws FormatException {
        StatusBits bits = StatusBits.decode(StatusBits.builder(262_144, 1).set(0, 1).set(1, 1).set(3, 1).encode(), 1);

        StatusBits wide = bits.withStatusSize(2);

        assertEquals(131_072, wide.length());
        assertEquals(3, wide.status(0));
        assertEquals(1, wide.status(1));
        assertSame(bits, bits.withStatusSize(1));
    }

    @Test
    void build_laterChangesToTheBuilder_doNotReachTheSnapshot() {
        StatusBits.Builder builder = StatusBits.builder(131_072, 1);
        StatusBits snapshot = builder.build();

        builder.set(10, 1);

        assertEquals(0, snapshot.status(10));
        assertEquals(1, snapshot.toBuilder().set(10, 1).build().status(10));
        assertEquals(0, snapshot.status(10));
    }

    @Test
    void status_indexOutsideTheList_isIndexOutOfBounds() {
        StatusBits bits = StatusBits.builder(131_072, 1).build();

        assertThrows(IndexOutOfBoundsException.class, () -> bits.status(-1));
        assertThrows(IndexOutOfBoundsException.class, () -> bits.status(131_072));
        assertThrows(IndexOutOfBoundsException.class, () -> bits.toBuilder().set(131_072, 1));
    }

    @Test
    void set_valueWiderThanStatusSize_isIllegalArgument() {
        StatusBits.Builder builder = StatusBits.builder(131_072, 2);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> builder.set(0, 4));
        assertEquals("status value 4 does not fit in 2 bits", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> builder.set(0, -1));
    }

    @Test
    void builder_fewerEntriesThanTheMinimum_isIllegalArgument() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> StatusBits.builder(131_071, 1));
        assertTrue(e.getMessage().contains("at least 131072 entries"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 9, -1})
    void builder_statusSizeOutside1To8_isIllegalArgument(int statusSize) {
        assertThrows(IllegalArgumentException.class, () -> StatusBits.builder(131_072, statusSize));
        assertThrows(IllegalArgumentException.class, () -> StatusBits.decode(SPEC_ENCODED_LIST, statusSize));
    }

    @Test
    void builder_listBeyondTheDecodeLimit_isIllegalArgument() {
        assertThrows(IllegalArgumentException.class, () -> StatusBits.builder(StatusBits.MAX_DECODED_BYTES + 1, 8));
    }

    @Test
    void decode_base58Header_isFormatException() {
        FormatException e = assertThrows(FormatException.class,
            () -> StatusBits.decode("z" + SPEC_ENCODED_LIST.substring(1), 1));
        assertEquals("encodedList: must be multibase base64url without padding, starting with 'u'"
            + " (Bitstring Status List §2.2)", e.getMessage());
    }

    @Test
    void decode_noHeader_isFormatException() {
        assertThrows(FormatException.class, () -> StatusBits.decode(SPEC_ENCODED_LIST.substring(1), 1));
        assertThrows(FormatException.class, () -> StatusBits.decode("", 1));
    }

    @Test
    void decode_padded_isFormatException() {
        FormatException e = assertThrows(FormatException.class, () -> StatusBits.decode(SPEC_ENCODED_LIST + "=", 1));
        assertEquals("encodedList: base64url must not be padded", e.getMessage());
    }

    @Test
    void decode_standardBase64Alphabet_isFormatException() {
        FormatException e = assertThrows(FormatException.class,
            () -> StatusBits.decode(SPEC_ENCODED_LIST.replace('-', '+'), 1));
        assertTrue(e.getMessage().startsWith("encodedList: not valid multibase"), e.getMessage());
    }

    @Test
    void decode_notGzip_isFormatException() {
        byte[] notGzip = new byte[64];
        Arrays.fill(notGzip, (byte) 7);

        FormatException e = assertThrows(FormatException.class,
            () -> StatusBits.decode(Multibase.encodeBase64Url(notGzip), 1));
        assertTrue(e.getMessage().startsWith("encodedList: not valid GZIP data (RFC 1952)"), e.getMessage());
    }

    @Test
    void decode_truncatedGzip_isFormatException() {
        byte[] gzip = Base64.getUrlDecoder().decode(SPEC_ENCODED_LIST.substring(1));

        FormatException e = assertThrows(FormatException.class,
            () -> StatusBits.decode(Multibase.encodeBase64Url(Arrays.copyOf(gzip, gzip.length - 6)), 1));
        assertEquals("encodedList: the GZIP data is truncated", e.getMessage());
        assertThrows(FormatException.class, () -> StatusBits.decode("u", 1));
    }

    @Test
    void decode_shorterThan16KB_isFormatException() {
        FormatException e = assertThrows(FormatException.class,
            () -> StatusBits.decode(encodeRaw(new byte[16_383]), 1));
        assertEquals("encodedList: the bitstring has 131064 bits; at least 131072 (16 KB) are required"
            + " (Bitstring Status List §2.2)", e.getMessage());
    }

    @Test
    void decode_16KBReadAsTwoBitEntries_isTooFewEntries() {
        FormatException e = assertThrows(FormatException.class, () -> StatusBits.decode(SPEC_ENCODED_LIST, 2));
        assertEquals("encodedList: the bitstring holds 65536 entries of 2 bits; at least 131072 are required"
            + " (Bitstring Status List §3.2, STATUS_LIST_LENGTH_ERROR)", e.getMessage());
    }

    @Test
    void decode_gzipBomb_isRefusedAtTheLimit() {
        String bomb = encodeRaw(new byte[StatusBits.MAX_DECODED_BYTES + 1]);
        assertTrue(bomb.length() < 40_000, "a 16 MiB bomb is only " + bomb.length() + " characters");

        FormatException e = assertThrows(FormatException.class, () -> StatusBits.decode(bomb, 1));
        assertTrue(e.getMessage().contains("inflates beyond 16777216 bytes"), e.getMessage());
    }

    @Test
    void decode_gzipBombWithAFalseLengthTrailer_isStillRefused() {
        byte[] gzip = gzip(new byte[StatusBits.MAX_DECODED_BYTES + 1]);
        // claim 16 KB in ISIZE, so the first buffer is small and the limit is met while inflating
        int n = gzip.length;
        gzip[n - 4] = 0;
        gzip[n - 3] = 0x40;
        gzip[n - 2] = 0;
        gzip[n - 1] = 0;

        FormatException e = assertThrows(FormatException.class,
            () -> StatusBits.decode(Multibase.encodeBase64Url(gzip), 1));
        assertTrue(e.getMessage().contains("inflates beyond"), e.getMessage());
    }

    @Test
    void decode_exactlyTheLimit_isAccepted() throws FormatException {
        StatusBits bits = StatusBits.decode(encodeRaw(new byte[StatusBits.MAX_DECODED_BYTES]), 1);

        assertEquals(StatusBits.MAX_DECODED_BYTES * 8L, bits.lengthInBits());
    }

    @Test
    void decode_concatenatedGzipMembers_readsThemAsOneBitstring() throws FormatException {
        byte[] first = new byte[8_192];
        byte[] second = new byte[8_192];
        second[8_191] = 1;
        byte[] a = gzip(first);
        byte[] b = gzip(second);
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);

        StatusBits bits = StatusBits.decode(Multibase.encodeBase64Url(both), 1);

        assertEquals(131_072, bits.length());
        assertEquals(1, bits.status(131_071));
    }

    private static String encodeRaw(byte[] raw) {
        return Multibase.encodeBase64Url(gzip(raw));
    }

    private static byte[] gzip(byte[] raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(raw);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return out.toByteArray();
    }

    private static byte[] gunzip(String encodedList) throws IOException {
        byte[] gzip = Base64.getUrlDecoder().decode(encodedList.substring(1));
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            for (int n; (n = in.read(buffer)) > 0; ) out.write(buffer, 0, n);
            return out.toByteArray();
        }
    }

    @Test
    void gunzipHelper_specExample_isAllZero() throws IOException {
        assertArrayEquals(new byte[16_384], gunzip(SPEC_ENCODED_LIST));
    }
}
