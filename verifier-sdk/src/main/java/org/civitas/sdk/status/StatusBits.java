package org.civitas.sdk.status;

import org.civitas.sdk.FormatException;
import org.civitas.sdk.key.Multibase;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;

/**
 * The uncompressed bitstring of a Bitstring Status List (Bitstring Status List v1.0 §2.2 {@code encodedList}),
 * read as {@link #length()} entries of {@link #statusSize()} bits each. Entry {@code i} occupies bits
 * {@code [i·statusSize, (i+1)·statusSize)}; bit 0 is the left-most, most significant bit of the first byte
 * (§2.2 and §7.1 Bitstring Encoding). A multi-bit entry is read left to right, its first bit being the most
 * significant bit of its value (the spec's "value at the position", §3.2 step 10).
 *
 * <p>Immutable and thread-safe: verifiers share one instance per list. Issuers flip bits in a {@link Builder},
 * which is mutable and not thread-safe, and encode it or {@link Builder#build() build} a snapshot. The bits are
 * kept as bytes (one bit per bit), so a list of 50 million single-bit entries takes about 6 MB.
 */
public final class StatusBits {

    /**
     * 16 MiB: the most this SDK inflates from an {@code encodedList}, i.e. lists of up to 134,217,728 single-bit
     * entries. GZIP compresses a run of zero bytes about a thousand to one, so a status list of a few kilobytes
     * could otherwise ask a phone for gigabytes (a "gzip bomb"). The largest list we plan for, 50 million entries,
     * needs about 6 MB.
     */
    public static final int MAX_DECODED_BYTES = 16 * 1024 * 1024;

    private static final int INITIAL_BUFFER = 16 * 1024;

    private final byte[] bytes;
    private final int statusSize;
    private final int length;

    private StatusBits(byte[] bytes, int statusSize) {
        this.bytes = bytes;
        this.statusSize = statusSize;
        this.length = (int) (bytes.length * 8L / statusSize);
    }

    /**
     * A new, all-zero list for an issuer to fill: at least {@code length} entries of {@code statusSize} bits,
     * padded to whole bytes (so {@link Builder#length()} can be a few entries more than asked).
     *
     * @throws IllegalArgumentException if {@code statusSize} is outside 1..8, {@code length} is below
     *     {@value BitstringStatusList#MIN_ENTRIES} (§3.2 step 2) or the list would exceed
     *     {@link #MAX_DECODED_BYTES}, which no verifier using this SDK could read
     */
    public static Builder builder(int length, int statusSize) {
        checkStatusSize(statusSize);
        if (length < BitstringStatusList.MIN_ENTRIES) {
            throw new IllegalArgumentException("a status list needs at least " + BitstringStatusList.MIN_ENTRIES
                + " entries for herd privacy (Bitstring Status List §3.2), not " + length);
        }
        long bytes = ((long) length * statusSize + 7) / 8;
        if (bytes > MAX_DECODED_BYTES) {
            throw new IllegalArgumentException(length + " entries of " + statusSize + " bits exceed the "
                + MAX_DECODED_BYTES + "-byte limit verifiers accept");
        }
        return new Builder(new byte[(int) bytes], statusSize);
    }

    /**
     * Expands an {@code encodedList} (§3.4 Bitstring Expansion Algorithm): multibase base64url without padding
     * ({@code u} header), then GZIP. Reads the bits as entries of {@code statusSize} bits.
     *
     * @throws FormatException if the text is not {@code u}-multibase base64url, the bytes are not valid GZIP
     *     (including a bad CRC or length trailer), they inflate beyond {@link #MAX_DECODED_BYTES}, or the list is
     *     shorter than {@value BitstringStatusList#MIN_LENGTH_BITS} bits or {@value BitstringStatusList#MIN_ENTRIES}
     *     entries (§2.2, §3.2 step 9 {@code STATUS_LIST_LENGTH_ERROR})
     * @throws IllegalArgumentException if {@code statusSize} is outside 1..{@value BitstringStatusList#MAX_STATUS_SIZE}
     */
    public static StatusBits decode(String encodedList, int statusSize) throws FormatException {
        checkStatusSize(statusSize);
        if (encodedList.isEmpty() || encodedList.charAt(0) != Multibase.BASE64_URL) {
            throw new FormatException("encodedList", "must be multibase base64url without padding, starting with 'u'"
                + " (Bitstring Status List §2.2)");
        }
        byte[] bits = gunzip(Multibase.decode("encodedList", encodedList));
        long bitCount = bits.length * 8L;
        if (bitCount < BitstringStatusList.MIN_LENGTH_BITS) {
            throw new FormatException("encodedList", "the bitstring has " + bitCount + " bits; at least "
                + BitstringStatusList.MIN_LENGTH_BITS + " (16 KB) are required (Bitstring Status List §2.2)");
        }
        if (bitCount / statusSize < BitstringStatusList.MIN_ENTRIES) {
            throw new FormatException("encodedList", "the bitstring holds " + bitCount / statusSize + " entries of "
                + statusSize + " bits; at least " + BitstringStatusList.MIN_ENTRIES
                + " are required (Bitstring Status List §3.2, STATUS_LIST_LENGTH_ERROR)");
        }
        return new StatusBits(bits, statusSize);
    }

    /** The number of entries: the bits divided by {@link #statusSize()}, rounded down. */
    public int length() { return length; }

    /** Bits per entry, 1..{@value BitstringStatusList#MAX_STATUS_SIZE}. */
    public int statusSize() { return statusSize; }

    /** The number of bits in the uncompressed bitstring (8 × its bytes). */
    public long lengthInBits() { return bytes.length * 8L; }

    /**
     * The status value of entry {@code index}, {@code 0 .. 2^statusSize - 1}.
     *
     * @throws IndexOutOfBoundsException if {@code index} is negative or not below {@link #length()}
     */
    public int status(int index) {
        return read(bytes, statusSize, checkIndex(index, length));
    }

    /**
     * The same bits read as entries of another size, sharing this list's storage (cheap). Unlike {@link #decode},
     * this does not check the minimum number of entries: a caller that needs it compares {@link #length()} with
     * {@link BitstringStatusList#MIN_ENTRIES}.
     */
    public StatusBits withStatusSize(int statusSize) {
        checkStatusSize(statusSize);
        return statusSize == this.statusSize ? this : new StatusBits(bytes, statusSize);
    }

    /** The {@code encodedList} value: GZIP, then multibase base64url without padding (§3.3 step 3). */
    public String encode() { return encode(bytes); }

    /** A mutable copy for an issuer to change. */
    public Builder toBuilder() { return new Builder(bytes.clone(), statusSize); }

    @Override
    public boolean equals(Object other) {
        return other instanceof StatusBits that && statusSize == that.statusSize && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() { return 31 * Arrays.hashCode(bytes) + statusSize; }

    @Override
    public String toString() { return "StatusBits[length=" + length + ", statusSize=" + statusSize + "]"; }

    /**
     * A mutable status list for issuers: set entries, then {@link #encode()} or {@link #build()}. Not thread-safe;
     * an issuer that changes one list from several threads must serialise access itself.
     */
    public static final class Builder {

        private final byte[] bytes;
        private final int statusSize;
        private final int length;

        private Builder(byte[] bytes, int statusSize) {
            this.bytes = bytes;
            this.statusSize = statusSize;
            this.length = (int) (bytes.length * 8L / statusSize);
        }

        /** The number of entries. */
        public int length() { return length; }

        /** Bits per entry. */
        public int statusSize() { return statusSize; }

        /**
         * Sets entry {@code index} to {@code value}.
         *
         * @throws IndexOutOfBoundsException if {@code index} is negative or not below {@link #length()}
         * @throws IllegalArgumentException if {@code value} does not fit in {@link #statusSize()} bits
         */
        public Builder set(int index, int value) {
            checkIndex(index, length);
            if (value < 0 || value >= 1 << statusSize) {
                throw new IllegalArgumentException("status value " + value + " does not fit in " + statusSize
                    + (statusSize == 1 ? " bit" : " bits"));
            }
            long bit = (long) index * statusSize;
            int at = (int) (bit >>> 3);
            int shift = 16 - (int) (bit & 7) - statusSize;
            int mask = ((1 << statusSize) - 1) << shift;
            int window = ((bytes[at] & 0xFF) << 8) | (at + 1 < bytes.length ? bytes[at + 1] & 0xFF : 0);
            window = (window & ~mask) | (value << shift);
            bytes[at] = (byte) (window >>> 8);
            // an entry never runs past the last byte, so when there is no next byte the mask's low byte is zero
            if (at + 1 < bytes.length) bytes[at + 1] = (byte) window;
            return this;
        }

        /** The current value of entry {@code index}. */
        public int status(int index) {
            return read(bytes, statusSize, checkIndex(index, length));
        }

        /** The {@code encodedList} of the current bits, without copying them. */
        public String encode() { return StatusBits.encode(bytes); }

        /** An immutable snapshot; later changes to this builder do not affect it. */
        public StatusBits build() { return new StatusBits(bytes.clone(), statusSize); }
    }

    private static int read(byte[] bytes, int statusSize, int index) {
        long bit = (long) index * statusSize;
        int at = (int) (bit >>> 3);
        // an entry of up to 8 bits starting anywhere in a byte lies within that byte and the next one
        int window = ((bytes[at] & 0xFF) << 8) | (at + 1 < bytes.length ? bytes[at + 1] & 0xFF : 0);
        return (window >>> (16 - (int) (bit & 7) - statusSize)) & ((1 << statusSize) - 1);
    }

    private static int checkIndex(int index, int length) {
        if (index < 0 || index >= length) {
            throw new IndexOutOfBoundsException("status list index " + index + " is outside 0.." + (length - 1));
        }
        return index;
    }

    private static void checkStatusSize(int statusSize) {
        if (statusSize < 1 || statusSize > BitstringStatusList.MAX_STATUS_SIZE) {
            throw new IllegalArgumentException("statusSize must be 1.." + BitstringStatusList.MAX_STATUS_SIZE
                + ", not " + statusSize);
        }
    }

    private static String encode(byte[] bytes) {
        // mostly-zero lists compress about a thousand to one
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, bytes.length / 256));
        try (GZIPOutputStream gzip = new GZIPOutputStream(out, 8192)) {
            gzip.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("GZIP into memory failed", e);
        }
        return Multibase.encodeBase64Url(out.toByteArray());
    }

    /** Inflates GZIP, refusing more than {@link #MAX_DECODED_BYTES}; sizes the output exactly when it can. */
    private static byte[] gunzip(byte[] compressed) throws FormatException {
        byte[] out = new byte[initialSize(compressed)];
        int filled = 0;
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed), 8192)) {
            while (true) {
                if (filled == out.length) {
                    int next = in.read();
                    if (next < 0) return out;
                    if (out.length >= MAX_DECODED_BYTES) throw tooLarge();
                    out = Arrays.copyOf(out, (int) Math.min(MAX_DECODED_BYTES, out.length * 2L));
                    out[filled++] = (byte) next;
                }
                int read = in.read(out, filled, out.length - filled);
                if (read < 0) return Arrays.copyOf(out, filled);
                filled += read;
            }
        } catch (EOFException e) {
            throw new FormatException("encodedList", "the GZIP data is truncated");
        } catch (ZipException e) {
            throw new FormatException("encodedList", "not valid GZIP data (RFC 1952): " + e.getMessage());
        } catch (IOException e) {
            throw new FormatException("encodedList", "cannot inflate the GZIP data: " + e.getMessage());
        }
    }

    /**
     * The GZIP trailer's ISIZE (RFC 1952 §2.3.1, the uncompressed length modulo 2^32) lets the common case inflate
     * into an array of exactly the right size. It is only a hint: the inflater still enforces the limit.
     */
    private static int initialSize(byte[] compressed) {
        if (compressed.length < 18) return INITIAL_BUFFER;   // 10-byte header + 8-byte trailer at least
        int n = compressed.length;
        long isize = (compressed[n - 4] & 0xFFL) | (compressed[n - 3] & 0xFFL) << 8
            | (compressed[n - 2] & 0xFFL) << 16 | (compressed[n - 1] & 0xFFL) << 24;
        // truncated or non-GZIP input has no trailer, so an implausible hint only means "start small"
        return isize > 0 && isize <= MAX_DECODED_BYTES ? (int) isize : INITIAL_BUFFER;
    }

    private static FormatException tooLarge() {
        return new FormatException("encodedList", "inflates beyond " + MAX_DECODED_BYTES
            + " bytes, the most this verifier accepts (a list of " + MAX_DECODED_BYTES * 8L + " bits)");
    }
}
