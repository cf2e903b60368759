package org.civitas.ledger.log;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An append-only file of 32-byte hashes with positional reads. Appends are buffered and written by
 * {@link #flush()}; nothing is forced to disk here because every hash can be recomputed from the log
 * (see {@link MerkleLog#open}). Single writer; reads may come from other threads.
 */
final class HashFile implements AutoCloseable {

    static final int HASH = 32;
    private static final int BUFFER_HASHES = 4096;

    private final FileChannel channel;
    private final ByteBuffer pending = ByteBuffer.allocate(BUFFER_HASHES * HASH);
    private volatile long written;
    private volatile long size;

    private HashFile(FileChannel channel, long size) {
        this.channel = channel;
        this.written = size;
        this.size = size;
    }

    static HashFile open(Path file) {
        try {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
            long hashes = channel.size() / HASH;
            channel.truncate(hashes * HASH);   // a torn last hash is dropped and recomputed
            return new HashFile(channel, hashes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + file, e);
        }
    }

    long size() { return size; }

    synchronized void append(byte[] hash) {
        if (!pending.hasRemaining()) flush();
        pending.put(hash);
        size++;
    }

    synchronized byte[] get(long index) {
        if (index < 0 || index >= size) throw new IndexOutOfBoundsException(index + " of " + size);
        byte[] out = new byte[HASH];
        if (index >= written) {
            int offset = (int) ((index - written) * HASH);
            for (int i = 0; i < HASH; i++) out[i] = pending.get(offset + i);
            return out;
        }
        ByteBuffer target = ByteBuffer.wrap(out);
        try {
            long position = index * HASH;
            while (target.hasRemaining()) {
                if (channel.read(target, position + target.position()) < 0) throw new IOException("short read");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    synchronized void flush() {
        pending.flip();
        try {
            while (pending.hasRemaining()) channel.write(pending, written * HASH + pending.position());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        written += pending.limit() / HASH;
        pending.clear();
    }

    synchronized void truncate(long hashes) {
        flush();
        if (hashes >= size) return;
        try {
            channel.truncate(hashes * HASH);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        size = hashes;
        written = hashes;
    }

    @Override
    public synchronized void close() {
        flush();
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
