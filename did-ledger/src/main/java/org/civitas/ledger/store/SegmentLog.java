package org.civitas.ledger.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * The durable, append-only log of entries: segment files of checksummed records, forced to disk once per batch
 * (group commit). A record is {@code [u32 length][u32 crc32c][u64 index][u64 batch][data]}, where {@code batch}
 * is the index of its batch's first record and the checksum covers index, batch and data.
 *
 * <p>On open every record is checked. Damage can only be a crash's torn write if nothing after it belongs to a
 * later batch: a batch is acknowledged only once forced to disk, so the last batch may be partly on disk (pages
 * reach the disk in any order) but nothing after it can be. Such a tail is cut off. Damage followed by a record
 * of a later batch means an acknowledged entry is broken: the node refuses to start rather than lose it.
 * Segments roll over at {@link #SEGMENT_BYTES}.
 *
 * <p>A log opened {@linkplain #openDeferred deferred} does not force each batch: its owner forces it with
 * {@link #force()} when it needs to, because another durable record (the replicated mode's Raft log) holds every
 * acknowledged entry. Any damage on open is then an unforced tail, cut off with everything after it, and the owner
 * applies the missing entries again from that record.
 *
 * <p>One writer. Reads by index may come from any thread.
 */
public final class SegmentLog implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SegmentLog.class);
    /** Rolling segments keeps each file small enough to copy, check and archive on its own. */
    static final long SEGMENT_BYTES = 64L * 1024 * 1024;
    /** No entry is larger: transactions are at most 64 KiB. Anything larger in a header is damage. */
    static final int MAX_RECORD_BYTES = 1024 * 1024;
    private static final int HEADER = 4 + 4 + 8 + 8;
    private static final String SUFFIX = ".segment";

    private final Path directory;
    private final boolean forceEachAppend;
    private final List<Segment> segments = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** Deferred mode: segments written since the last {@link #force()}. */
    private final java.util.Set<Segment> unforced = new java.util.LinkedHashSet<>();
    private volatile long size;

    private SegmentLog(Path directory, boolean forceEachAppend) {
        this.directory = directory;
        this.forceEachAppend = forceEachAppend;
    }

    /** Opens (or creates) the log in {@code directory}, checking every record; each append is forced to disk. */
    public static SegmentLog open(Path directory) {
        return open(directory, true);
    }

    /**
     * Opens (or creates) a log whose appends are forced only by {@link #force()}; on open, damage anywhere is
     * taken for an unforced tail and cut off with everything after it.
     */
    public static SegmentLog openDeferred(Path directory) {
        return open(directory, false);
    }

    private static SegmentLog open(Path directory, boolean forceEachAppend) {
        try {
            Files.createDirectories(directory);
            SegmentLog log = new SegmentLog(directory, forceEachAppend);
            List<Path> files;
            try (Stream<Path> listing = Files.list(directory)) {
                files = listing.filter(p -> p.getFileName().toString().endsWith(SUFFIX)).sorted().toList();
            }
            for (int i = 0; i < files.size(); i++) {
                boolean cut = log.recover(files.get(i), i == files.size() - 1);
                if (cut && i < files.size() - 1) {
                    for (Path later : files.subList(i + 1, files.size())) {
                        LOG.warn("Deleting {}: it follows an unforced tail that was cut", later.getFileName());
                        Files.delete(later);
                    }
                    log.forceDirectory();
                    break;
                }
            }
            return log;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the ledger log in " + directory, e);
        }
    }

    /**
     * Whether a well-formed record of a batch that started after {@code damagedIndex} lies anywhere after
     * {@code from}: proof that the damaged record belonged to an acknowledged batch. Scans byte by byte, since
     * a damaged length cannot be trusted; runs only when damage was found.
     */
    private static boolean recordOfLaterBatchAfter(FileChannel channel, long from, long fileSize, long damagedIndex)
            throws IOException {
        ByteBuffer header = ByteBuffer.allocate(HEADER);
        for (long p = from + 1; p + HEADER <= fileSize; p++) {
            header.clear();
            readFully(channel, header, p);
            header.flip();
            int length = header.getInt();
            int checksum = header.getInt();
            long index = header.getLong();
            long batch = header.getLong();
            if (length < 0 || length > MAX_RECORD_BYTES || p + HEADER + length > fileSize || index <= damagedIndex
                    || batch > index || batch <= damagedIndex || index - damagedIndex > fileSize) {
                continue;
            }
            ByteBuffer data = ByteBuffer.allocate(length);
            readFully(channel, data, p + HEADER);
            if (crc(index, batch, data.array()) == checksum) return true;
        }
        return false;
    }

    /** Checks one segment; true if a damaged tail was cut off it. */
    private boolean recover(Path file, boolean last) throws IOException {
        long first = Long.parseLong(file.getFileName().toString().replace(SUFFIX, ""));
        if (first != size) {
            throw new IOException("segment " + file.getFileName() + " should start at entry " + size
                + ": a segment is missing; restore the data directory from a replica or backup");
        }
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        Segment segment = new Segment(first, channel);
        long fileSize = channel.size();
        long position = 0;
        ByteBuffer header = ByteBuffer.allocate(HEADER);
        while (position < fileSize) {
            String damage = null;
            if (fileSize - position < HEADER) {
                damage = "a partial record header";
            } else {
                header.clear();
                readFully(channel, header, position);
                header.flip();
                int length = header.getInt();
                int checksum = header.getInt();
                long index = header.getLong();
                long batch = header.getLong();
                if (length < 0 || length > MAX_RECORD_BYTES || position + HEADER + length > fileSize) {
                    damage = "a record cut short or with a bad length";
                } else {
                    ByteBuffer data = ByteBuffer.allocate(length);
                    readFully(channel, data, position + HEADER);
                    if (index != first + segment.count() || crc(index, batch, data.array()) != checksum) {
                        damage = "a record whose checksum or index does not match";
                    } else {
                        segment.add(position);
                        position += HEADER + length;
                        continue;
                    }
                }
            }
            long damagedIndex = first + segment.count();
            boolean tornTail = !forceEachAppend
                || last && !recordOfLaterBatchAfter(channel, position, fileSize, damagedIndex);
            if (!tornTail) {
                channel.close();
                throw new IOException("segment " + file.getFileName() + " is damaged at byte " + position + " ("
                    + damage + ", entry " + damagedIndex + ") and acknowledged entries follow it: they would be lost;"
                    + " restore the data directory from a replica or backup");
            }
            LOG.warn("Cutting {} bytes of {} off the end of {}: {}", fileSize - position, damage, file.getFileName(),
                forceEachAppend ? "an interrupted write that was never acknowledged"
                    : "writes not yet forced, which the owner applies again");
            channel.truncate(position);
            channel.force(true);
            segment.end = position;
            segments.add(segment);
            size += segment.count();
            return true;
        }
        segment.end = position;
        segments.add(segment);
        size += segment.count();
        return false;
    }

    /** Number of entries. */
    public long size() { return size; }

    /**
     * Appends records for the next indexes and forces them to disk before returning: once this returns, they
     * survive a crash. The batch goes to the file in one write per segment.
     */
    public void append(List<byte[]> records) {
        if (records.isEmpty()) return;
        try {
            Segment segment = writableSegment();
            long index = size;
            long batchFirst = size;
            int from = 0;
            while (from < records.size()) {
                if (segment.end >= SEGMENT_BYTES) {
                    if (forceEachAppend) segment.channel.force(false);
                    segment = newSegment(index);
                }
                int to = from;
                long bytes = 0;
                while (to < records.size() && (to == from || segment.end + bytes < SEGMENT_BYTES)) {
                    if (records.get(to).length > MAX_RECORD_BYTES) throw new IllegalArgumentException("record too large");
                    bytes += HEADER + records.get(to).length;
                    to++;
                }
                ByteBuffer batch = ByteBuffer.allocate((int) bytes);
                long[] offsets = new long[to - from];
                for (int i = from; i < to; i++) {
                    byte[] data = records.get(i);
                    offsets[i - from] = segment.end + batch.position();
                    batch.putInt(data.length).putInt(crc(index, batchFirst, data)).putLong(index).putLong(batchFirst)
                        .put(data);
                    index++;
                }
                batch.flip();
                long position = segment.end;
                while (batch.hasRemaining()) position += segment.channel.write(batch, position);
                for (long offset : offsets) segment.add(offset);
                segment.end = position;
                if (!forceEachAppend) {
                    synchronized (unforced) {
                        unforced.add(segment);
                    }
                }
                from = to;
            }
            if (forceEachAppend) segment.channel.force(false);
            size = index;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the ledger log", e);
        }
    }

    /** Forces every append made so far to disk (a deferred log's durability point; a no-op otherwise). */
    public void force() {
        List<Segment> toForce;
        synchronized (unforced) {
            toForce = List.copyOf(unforced);
            unforced.clear();
        }
        try {
            for (Segment segment : toForce) segment.channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot force the ledger log to disk", e);
        }
    }

    /**
     * Cuts the log back to its first {@code newSize} entries and forces the cut to disk: later segments are
     * deleted, the segment holding entry {@code newSize} is cut where that entry began. Only for entries that
     * were never acknowledged from this log: the replicated mode cuts what it applied after the last Raft
     * index it recorded, and applies it again from the Raft log.
     */
    public void truncate(long newSize) {
        if (newSize < 0 || newSize > size) {
            throw new IllegalArgumentException("cannot cut " + size + " entries to " + newSize);
        }
        if (newSize == size) return;
        try {
            boolean deleted = false;
            while (!segments.isEmpty() && segments.get(segments.size() - 1).first >= newSize) {
                Segment last = segments.remove(segments.size() - 1);
                synchronized (unforced) {
                    unforced.remove(last);
                }
                last.channel.close();
                Files.delete(directory.resolve(String.format("%020d%s", last.first, SUFFIX)));
                deleted = true;
            }
            if (!segments.isEmpty()) {
                Segment last = segments.get(segments.size() - 1);
                int keep = (int) (newSize - last.first);
                if (keep < last.count()) {
                    long position = last.offset(keep);
                    last.channel.truncate(position);
                    last.channel.force(true);
                    last.cut(keep);
                    last.end = position;
                }
            }
            if (deleted) forceDirectory();
            size = newSize;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot cut the ledger log back to " + newSize + " entries", e);
        }
    }

    /** The data of the entry at {@code index}. */
    public byte[] read(long index) {
        if (index < 0 || index >= size) throw new IndexOutOfBoundsException(index + " of " + size);
        Segment segment = segmentOf(index);
        long position = segment.offset((int) (index - segment.first));
        try {
            ByteBuffer header = ByteBuffer.allocate(HEADER);
            readFully(segment.channel, header, position);
            header.flip();
            int length = header.getInt();
            ByteBuffer data = ByteBuffer.allocate(length);
            readFully(segment.channel, data, position + HEADER);
            return data.array();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read entry " + index, e);
        }
    }

    private Segment segmentOf(long index) {
        for (int i = segments.size() - 1; i >= 0; i--) {
            if (segments.get(i).first <= index) return segments.get(i);
        }
        throw new IllegalStateException("no segment holds " + index);
    }

    private Segment writableSegment() throws IOException {
        if (segments.isEmpty()) return newSegment(0);
        return segments.get(segments.size() - 1);
    }

    private Segment newSegment(long first) throws IOException {
        Path file = directory.resolve(String.format("%020d%s", first, SUFFIX));
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
            StandardOpenOption.WRITE);
        forceDirectory();
        Segment segment = new Segment(first, channel);
        segments.add(segment);
        return segment;
    }

    /** Makes a new segment's directory entry durable, so a crash cannot lose the whole file. */
    private void forceDirectory() {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            LOG.debug("directory fsync not supported here: {}", e.toString());
        }
    }

    private static int crc(long index, long batch, byte[] data) {
        CRC32C crc = new CRC32C();
        crc.update(ByteBuffer.allocate(16).putLong(0, index).putLong(8, batch));
        crc.update(data);
        return (int) crc.getValue();
    }

    private static void readFully(FileChannel channel, ByteBuffer target, long position) throws IOException {
        while (target.hasRemaining()) {
            if (channel.read(target, position + target.position()) < 0) throw new IOException("unexpected end");
        }
    }

    @Override
    public void close() {
        try {
            force();
        } catch (UncheckedIOException e) {
            LOG.warn("forcing the ledger log at close failed: {}", e.toString());
        }
        for (Segment segment : segments) {
            try {
                segment.channel.close();
            } catch (IOException e) {
                LOG.warn("closing a segment failed: {}", e.toString());
            }
        }
    }

    /** One segment file and the offsets of its records. */
    private static final class Segment {
        final long first;
        final FileChannel channel;
        private long[] offsets = new long[1024];
        private volatile int count;
        long end;

        Segment(long first, FileChannel channel) {
            this.first = first;
            this.channel = channel;
        }

        synchronized void add(long offset) {
            if (count == offsets.length) offsets = Arrays.copyOf(offsets, count * 2);
            offsets[count] = offset;
            count++;
        }

        synchronized long offset(int i) { return offsets[i]; }

        synchronized void cut(int newCount) { count = newCount; }

        int count() { return count; }
    }
}
