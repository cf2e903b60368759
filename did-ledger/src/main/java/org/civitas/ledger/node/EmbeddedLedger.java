package org.civitas.ledger.node;

import org.civitas.ledger.Ledger;
import org.civitas.ledger.LedgerException;
import org.civitas.sdk.ledger.SignedTransaction;
import org.civitas.sdk.ledger.SignedTreeHead;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The single-node ledger: one sequencer thread orders submissions and commits them in batches (group commit:
 * while one batch is being forced to disk the next one gathers, so throughput grows with load and each
 * transaction waits for at most one fsync it does not share). A head needs only this node's signature.
 */
public final class EmbeddedLedger implements Ledger {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedLedger.class);
    /** The most transactions in one batch: bounds a batch's latency and memory. */
    static final int MAX_BATCH = 2048;

    private record Pending(SignedTransaction transaction, CompletableFuture<LedgerNode.Outcome> result,
                           CompletableFuture<Void> prechecked) { }

    private final LedgerNode node;
    private final Clock clock;
    /** Verify signatures while they wait, on every core, so the sequencer mostly finds them done. */
    private final ExecutorService verifiers = Executors.newFixedThreadPool(
        Runtime.getRuntime().availableProcessors(), r -> {
            Thread t = new Thread(r, "ledger-signatures");
            t.setDaemon(true);
            return t;
        });
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>(64 * MAX_BATCH);
    private final Thread sequencer;
    private volatile boolean running = true;
    private volatile Throwable failure;

    public EmbeddedLedger(LedgerNode node, Clock clock) {
        this.node = node;
        this.clock = clock;
        this.sequencer = new Thread(this::run, "ledger-sequencer");
        sequencer.setDaemon(true);
        sequencer.start();
    }

    @Override
    public CompletableFuture<LedgerNode.Outcome> submit(SignedTransaction transaction) {
        CompletableFuture<LedgerNode.Outcome> result = new CompletableFuture<>();
        if (!running) {
            result.completeExceptionally(stopped());
        } else {
            CompletableFuture<Void> prechecked;
            try {
                prechecked = CompletableFuture.runAsync(() -> node.precheck(transaction), verifiers);
            } catch (RejectedExecutionException closing) {
                prechecked = CompletableFuture.completedFuture(null);
            }
            if (!queue.offer(new Pending(transaction, result, prechecked))) {
                result.completeExceptionally(LedgerException.unavailable(
                    "the ledger has " + queue.size() + " transactions waiting; retry shortly", Duration.ofMillis(200)));
            }
        }
        return result;
    }

    private void run() {
        List<Pending> batch = new ArrayList<>(MAX_BATCH);
        while (running) {
            try {
                Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) continue;
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                for (Pending p : batch) p.prechecked().join();
                List<LedgerNode.Outcome> outcomes = node.apply(clock.instant(),
                    batch.stream().map(Pending::transaction).toList());
                for (int i = 0; i < batch.size(); i++) batch.get(i).result().complete(outcomes.get(i));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException | Error e) {
                // An I/O failure while committing: what reached the disk is recovered on restart; this node
                // must not go on with a state the disk may not have.
                LOG.error("The ledger stopped: a batch could not be committed", e);
                failure = e;
                running = false;
            } finally {
                for (Pending p : batch) {
                    if (!p.result().isDone()) p.result().completeExceptionally(stopped());
                }
                batch.clear();
            }
        }
        Pending rest;
        while ((rest = queue.poll()) != null) rest.result().completeExceptionally(stopped());
    }

    private LedgerException stopped() {
        return LedgerException.unavailable(failure == null ? "the ledger is shutting down; retry on another node"
            : "the ledger node stopped after a storage failure; it must be restarted", Duration.ofSeconds(1));
    }

    @Override
    public LedgerNode node() { return node; }

    @Override
    public SignedTreeHead latestSignedHead() { return node.ownHead(); }

    /** A single node is its own quorum: it signs any size it has. */
    @Override
    public SignedTreeHead signedHeadAt(long treeSize) {
        return treeSize >= 1 && treeSize <= node.size() ? node.headAt(treeSize) : null;
    }

    @Override
    public void close() {
        running = false;
        // No interrupt: an interrupted FileChannel closes itself, mid-fsync. The loop polls and sees the flag.
        try {
            sequencer.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        verifiers.shutdownNow();
        node.close();
    }
}
