package org.civitas.ledger.replica;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AppliedMarkTest {

    @TempDir Path dir;

    @Test
    void newFile_readsAsBeforeAnyEntry() {
        try (AppliedMark mark = AppliedMark.open(dir.resolve("applied"))) {
            assertEquals(AppliedMark.Mark.NONE, mark.read());
        }
    }

    @Test
    void marksWritten_theNewestIsReadBackAfterReopen() {
        try (AppliedMark mark = AppliedMark.open(dir.resolve("applied"))) {
            mark.write(new AppliedMark.Mark(1, 5, 3));
            mark.write(new AppliedMark.Mark(1, 6, 4));
            mark.write(new AppliedMark.Mark(2, 9, 7));
        }
        try (AppliedMark mark = AppliedMark.open(dir.resolve("applied"))) {
            assertEquals(new AppliedMark.Mark(2, 9, 7), mark.read());
        }
    }

    @Test
    void tornLatestSlot_fallsBackToThePreviousMark() throws IOException {
        try (AppliedMark mark = AppliedMark.open(dir.resolve("applied"))) {
            mark.write(new AppliedMark.Mark(1, 5, 3));   // slot 0
            mark.write(new AppliedMark.Mark(1, 6, 4));   // slot 1
        }
        try (FileChannel file = FileChannel.open(dir.resolve("applied"), StandardOpenOption.WRITE)) {
            file.write(ByteBuffer.wrap(new byte[] {(byte) 0xFF}), 32 + 10);   // a write cut halfway
        }

        try (AppliedMark mark = AppliedMark.open(dir.resolve("applied"))) {
            assertEquals(new AppliedMark.Mark(1, 5, 3), mark.read());
            mark.write(new AppliedMark.Mark(1, 7, 5));
        }
        try (AppliedMark mark = AppliedMark.open(dir.resolve("applied"))) {
            assertEquals(new AppliedMark.Mark(1, 7, 5), mark.read(), "the damaged slot is the one written next");
        }
    }
}
