package org.civitas.ledger.replica;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * Which Raft entry this node's ledger files reflect: the term and index of the last applied entry and the
 * ledger size it left. Written after every applied entry, into one of two checksummed slots in turn, without
 * forcing it to disk (forced on snapshots and on close).
 *
 * <p>Why no fsync is needed: every mark is a true pair (after entry {@code index} the ledger held
 * {@code ledgerSize} entries), written after the ledger's own (unforced) writes. After a process crash both are
 * as written, the mark possibly older than the ledger; the node then cuts the ledger back to the mark's size and
 * Ratis applies the later entries again, which gives the same ledger entries byte for byte. After a power loss
 * the mark may also be newer than what reached the disk of the ledger; the node then goes back to its latest
 * snapshot's pairing (see {@link LedgerStateMachine}). A torn slot fails its checksum and the other slot, one entry
 * older, is used. The Raft log is purged only up to a snapshot, and a snapshot forces the ledger and then the
 * mark first, so the entries after any pairing a node can go back to are still in the Raft log.
 */
final class AppliedMark implements AutoCloseable {

    /** A Raft entry and the ledger size after it. */
    record Mark(long term, long index, long ledgerSize) {
        /** Before any entry. */
        static final Mark NONE = new Mark(0, -1, 0);
    }

    private static final int SLOT = 32;

    private final FileChannel channel;
    private Mark mark;
    private int nextSlot;

    private AppliedMark(FileChannel channel, Mark mark, int nextSlot) {
        this.channel = channel;
        this.mark = mark;
        this.nextSlot = nextSlot;
    }

    /** Opens (or creates) the mark file and reads the newest intact slot. */
    static AppliedMark open(Path file) {
        try {
            Files.createDirectories(file.getParent());
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
            Mark first = readSlot(channel, 0);
            Mark second = readSlot(channel, 1);
            if (first == null && second == null) return new AppliedMark(channel, Mark.NONE, 0);
            if (second == null || (first != null && first.index() >= second.index())) {
                return new AppliedMark(channel, first, 1);
            }
            return new AppliedMark(channel, second, 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the applied Raft index in " + file, e);
        }
    }

    synchronized Mark read() { return mark; }

    /** Records a newer mark (not forced to disk). */
    synchronized void write(Mark newer) {
        ByteBuffer slot = ByteBuffer.allocate(SLOT);
        slot.putLong(newer.term()).putLong(newer.index()).putLong(newer.ledgerSize());
        slot.putInt((int) crc(slot.array())).putInt(0).flip();
        try {
            long position = (long) nextSlot * SLOT;
            while (slot.hasRemaining()) position += channel.write(slot, position);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record the applied Raft index", e);
        }
        mark = newer;
        nextSlot = 1 - nextSlot;
    }

    /** Forces the marks written so far to disk. */
    synchronized void force() {
        try {
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot force the applied Raft index to disk", e);
        }
    }

    private static Mark readSlot(FileChannel channel, int slot) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(SLOT);
        long position = (long) slot * SLOT;
        while (bytes.hasRemaining()) {
            if (channel.read(bytes, position + bytes.position()) < 0) return null;
        }
        bytes.flip();
        long term = bytes.getLong();
        long index = bytes.getLong();
        long size = bytes.getLong();
        int checksum = bytes.getInt();
        if (checksum != (int) crc(bytes.array()) || index < 0 || size < 0) return null;
        return new Mark(term, index, size);
    }

    private static long crc(byte[] slot) {
        CRC32C crc = new CRC32C();
        crc.update(slot, 0, 24);
        return crc.getValue();
    }

    @Override
    public synchronized void close() {
        try {
            channel.force(false);
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the applied Raft index", e);
        }
    }
}
