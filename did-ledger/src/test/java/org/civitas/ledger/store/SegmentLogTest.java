package org.civitas.ledger.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SegmentLogTest {

    private static final int HEADER = 24;

    @TempDir Path dir;

    @Test
    void appendedRecords_readBackAfterReopen() {
        try (SegmentLog log = SegmentLog.open(dir)) {
            log.append(List.of(bytes("a"), bytes("bb")));
            log.append(List.of(bytes("ccc")));
        }
        try (SegmentLog log = SegmentLog.open(dir)) {
            assertEquals(3, log.size());
            assertArrayEquals(bytes("bb"), log.read(1));
            assertArrayEquals(bytes("ccc"), log.read(2));
        }
    }

    @Test
    void damagedRecordInTheLastBatch_isATornWriteAndIsCutWithTheRestOfThatBatch() throws IOException {
        try (SegmentLog log = SegmentLog.open(dir)) {
            log.append(List.of(bytes("first batch")));
            log.append(List.of(bytes("second-a"), bytes("second-b"), bytes("second-c")));
        }
        // The middle record of the last batch reached the disk damaged; its neighbours did not (pages reach the
        // disk in any order before the fsync completes): the batch was never acknowledged.
        flipByte(HEADER + 11 + HEADER + 8 + HEADER + 2);

        try (SegmentLog log = SegmentLog.open(dir)) {
            assertEquals(2, log.size(), "the first batch and the intact head of the torn batch remain");
            assertArrayEquals(bytes("second-a"), log.read(1));
        }
    }

    @Test
    void damagedRecordFollowedByALaterBatch_refusesToOpen() throws IOException {
        try (SegmentLog log = SegmentLog.open(dir)) {
            log.append(List.of(bytes("first batch")));
            log.append(List.of(bytes("second batch")));
        }
        flipByte(HEADER + 2);

        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> SegmentLog.open(dir));
        assertEquals(true, e.getCause().getMessage().contains("acknowledged entries follow it"), e.getCause().getMessage());
    }

    @Test
    void deferredLog_damageFollowedByALaterBatch_isAnUnforcedTailAndIsCutWithEverythingAfterIt() throws IOException {
        try (SegmentLog log = SegmentLog.openDeferred(dir)) {
            log.append(List.of(bytes("first batch")));
            log.append(List.of(bytes("second batch")));
            log.append(List.of(bytes("third batch")));
            log.force();
        }
        flipByte(HEADER + "first batch".length() + HEADER + 2);

        try (SegmentLog log = SegmentLog.openDeferred(dir)) {
            assertEquals(1, log.size());
            assertArrayEquals(bytes("first batch"), log.read(0));
            log.append(List.of(bytes("again")));
            log.force();
        }
        try (SegmentLog log = SegmentLog.openDeferred(dir)) {
            assertEquals(2, log.size());
            assertArrayEquals(bytes("again"), log.read(1));
        }
    }

    @Test
    void segmentsRollOverAndStayReadable() throws IOException {
        byte[] big = new byte[1024 * 1024];
        try (SegmentLog log = SegmentLog.open(dir)) {
            for (int i = 0; i < 70; i++) {
                big[0] = (byte) i;
                log.append(List.of(big.clone()));
            }
        }
        try (SegmentLog log = SegmentLog.open(dir); Stream<Path> files = Files.list(dir)) {
            assertEquals(2, files.count());
            assertEquals(70, log.size());
            assertEquals(69, log.read(69)[0]);
            assertEquals(64, log.read(64)[0]);
        }
    }

    @Test
    void truncate_cutsTheLastRecords_andTheLogGoesOnFromThere() {
        try (SegmentLog log = SegmentLog.open(dir)) {
            log.append(List.of(bytes("a"), bytes("b")));
            log.append(List.of(bytes("c"), bytes("d")));
            log.truncate(1);
            assertEquals(1, log.size());
            log.append(List.of(bytes("e")));
        }
        try (SegmentLog log = SegmentLog.open(dir)) {
            assertEquals(2, log.size());
            assertArrayEquals(bytes("a"), log.read(0));
            assertArrayEquals(bytes("e"), log.read(1));
            assertThrows(IllegalArgumentException.class, () -> log.truncate(3));
        }
    }

    @Test
    void truncate_acrossASegmentBoundary_deletesTheLaterSegment() throws IOException {
        byte[] big = new byte[1024 * 1024];
        try (SegmentLog log = SegmentLog.open(dir)) {
            for (int i = 0; i < 66; i++) {
                big[0] = (byte) i;
                log.append(List.of(big.clone()));
            }
            log.truncate(63);
        }
        try (SegmentLog log = SegmentLog.open(dir); Stream<Path> files = Files.list(dir)) {
            assertEquals(1, files.count());
            assertEquals(63, log.size());
            assertEquals(62, log.read(62)[0]);
        }
    }

    private void flipByte(long position) throws IOException {
        Path segment;
        try (Stream<Path> files = Files.list(dir)) {
            segment = files.filter(p -> p.toString().endsWith(".segment")).findFirst().orElseThrow();
        }
        try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer one = ByteBuffer.allocate(1);
            channel.read(one, position);
            one.put(0, (byte) (one.get(0) ^ 0x40)).rewind();
            channel.write(one, position);
        }
    }

    private static byte[] bytes(String text) { return text.getBytes(StandardCharsets.UTF_8); }
}
