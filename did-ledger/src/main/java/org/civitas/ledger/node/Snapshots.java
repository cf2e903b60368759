package org.civitas.ledger.node;

import org.civitas.ledger.state.LedgerState;
import org.civitas.ledger.state.StateSnapshot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A node's state snapshots, in {@code <data>/snapshot/state-<size>.snap}: written in the background from a frozen
 * copy of the state (the sequencer never waits for one), made durable and then renamed into place, so a crash
 * leaves either the old snapshots or the new one, never a torn file under a snapshot's name. On open the newest
 * snapshot that matches the log is used; one that does not (damaged, or from a log that was cut and grew again
 * differently) is skipped and the log replayed, because the log, never a snapshot, is the ledger.
 */
final class Snapshots implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Snapshots.class);
    private static final Pattern NAME = Pattern.compile("state-(\\d{12})\\.snap");
    /** The newest few are kept: one bad file still leaves a recent one to start from. */
    private static final int KEEP = 2;

    /** A state restored from a snapshot, valid for the first {@code size} entries of the log. */
    record Restored(LedgerState state, long size) { }

    private final Path directory;
    private final long every;
    private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "ledger-snapshot");
        t.setDaemon(true);
        return t;
    });
    private volatile long lastSize;
    private volatile boolean writing;

    /**
     * @param every entries between two snapshots; 0 writes none (every open replays the whole log)
     */
    Snapshots(Path dataDirectory, long every) {
        if (every < 0) throw new IllegalArgumentException("snapshot interval must not be negative: " + every);
        this.directory = dataDirectory.resolve("snapshot");
        this.every = every;
    }

    /**
     * The newest snapshot whose last entry is the log's entry at the same position.
     *
     * @param logSize  the entries the log holds
     * @param leafHash the leaf hash of the log's entry at an index
     */
    Optional<Restored> newestMatching(long logSize, LongFunction<byte[]> leafHash) {
        for (Path file : files()) {
            try {
                StateSnapshot.Header header;
                try (InputStream in = Files.newInputStream(file)) {
                    header = StateSnapshot.header(in);
                }
                if (header.size() < 1 || header.size() > logSize
                        || !Arrays.equals(header.lastLeafHash(), leafHash.apply(header.size() - 1))) {
                    LOG.warn("Skipping the state snapshot {}: it does not match the log ({} entries)", file.getFileName(), logSize);
                    continue;
                }
                LedgerState state;
                try (InputStream in = Files.newInputStream(file)) {
                    state = StateSnapshot.read(in);
                }
                lastSize = header.size();
                return Optional.of(new Restored(state, header.size()));
            } catch (IOException | RuntimeException e) {
                LOG.warn("Skipping the state snapshot {}: {}", file.getFileName(), e.toString());
            }
        }
        return Optional.empty();
    }

    /**
     * Writes a snapshot in the background when {@code every} entries have been committed since the last one and
     * none is being written. Called by the single writer after a batch is durable.
     */
    void maybeWrite(LedgerState state, long size, LongFunction<byte[]> leafHash) {
        if (every == 0 || writing || size - lastSize < every) return;
        writing = true;
        LedgerState.Frozen frozen = state.freeze();    // a shallow copy under the read lock: cheap
        byte[] lastLeaf = leafHash.apply(frozen.size() - 1);
        writer.execute(() -> {
            try {
                write(frozen, lastLeaf);
                lastSize = frozen.size();
            } catch (IOException | RuntimeException e) {
                LOG.warn("Could not write a state snapshot at {} entries (the log is unaffected): {}", frozen.size(), e.toString());
            } finally {
                writing = false;
            }
        });
    }

    private void write(LedgerState.Frozen frozen, byte[] lastLeaf) throws IOException {
        Files.createDirectories(directory);
        long started = System.nanoTime();
        Path target = directory.resolve(String.format("state-%012d.snap", frozen.size()));
        Path temporary = directory.resolve(target.getFileName() + ".tmp");
        try (OutputStream out = Files.newOutputStream(temporary)) {
            StateSnapshot.write(frozen, lastLeaf, out);
        }
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        List<Path> all = files();
        for (Path old : all.subList(Math.min(KEEP, all.size()), all.size())) Files.deleteIfExists(old);
        LOG.info("Wrote a state snapshot at {} entries in {} ms", frozen.size(), (System.nanoTime() - started) / 1_000_000);
    }

    /** Snapshot files, newest first. */
    private List<Path> files() {
        if (!Files.isDirectory(directory)) return List.of();
        try (Stream<Path> list = Files.list(directory)) {
            return list.filter(p -> NAME.matcher(p.getFileName().toString()).matches())
                .sorted(Comparator.comparingLong(Snapshots::sizeOf).reversed()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the snapshots in " + directory, e);
        }
    }

    private static long sizeOf(Path file) {
        Matcher m = NAME.matcher(file.getFileName().toString());
        return m.matches() ? Long.parseLong(m.group(1)) : -1;
    }

    /** Waits for a snapshot being written (bounded), so a clean close leaves no temporary file behind. */
    @Override
    public void close() {
        writer.shutdown();
        try {
            writer.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
