package org.civitas.issuer.issuance;

import org.civitas.issuer.IssuerException;
import org.civitas.issuer.IssuerException.Reason;
import org.civitas.issuer.store.CredentialStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Writes signed credentials to MongoDB in groups (group commit): one writer thread takes whatever queued up while
 * the previous write ran, up to {@link #MAX_GROUP}, and inserts it in one round trip. Each credential's future
 * completes once its document is durable (true) or found to exist already (false: the same request was issued
 * before); the written ones then go to the relay. Thread-safe.
 */
public final class CredentialWriter implements AutoCloseable {

    static final int MAX_GROUP = 500;
    private static final Logger LOG = LoggerFactory.getLogger(CredentialWriter.class);

    private record Pending(IssuedCredential credential, CompletableFuture<Boolean> written) { }

    private final CredentialStore store;
    private final Consumer<List<IssuedCredential>> relay;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean running = true;

    public CredentialWriter(CredentialStore store, Consumer<List<IssuedCredential>> relay) {
        this.store = store;
        this.relay = relay;
        this.thread = new Thread(this::run, "credential-writer");
        thread.setDaemon(true);
        thread.start();
    }

    /** Queues a credential; the future says whether it was written (false: its id existed). */
    public CompletableFuture<Boolean> write(IssuedCredential credential) {
        CompletableFuture<Boolean> written = new CompletableFuture<>();
        if (!running) {
            written.completeExceptionally(IssuerException.of(Reason.SERVICE_UNAVAILABLE, "the issuer is shutting down"));
            return written;
        }
        queue.add(new Pending(credential, written));
        return written;
    }

    private void run() {
        List<Pending> group = new ArrayList<>(MAX_GROUP);
        while (running || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) continue;
                group.add(first);
                queue.drainTo(group, MAX_GROUP - 1);
                writeGroup(group);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                group.clear();
            }
        }
    }

    private void writeGroup(List<Pending> group) {
        List<IssuedCredential> credentials = new ArrayList<>(group.size());
        for (Pending p : group) credentials.add(p.credential());
        List<Boolean> written;
        try {
            written = store.insertAll(credentials);
        } catch (RuntimeException e) {
            LOG.warn("Writing {} credentials failed: {}", group.size(), e.toString());
            IssuerException unavailable = IssuerException.of(Reason.SERVICE_UNAVAILABLE,
                "the credential store cannot be written now; nothing was issued, retry with the same request_id");
            group.forEach(p -> p.written().completeExceptionally(unavailable));
            return;
        }
        List<IssuedCredential> stored = new ArrayList<>(group.size());
        for (int i = 0; i < group.size(); i++) {
            if (written.get(i)) stored.add(credentials.get(i));
        }
        CrashPoints.afterCredentialsWritten();
        relay.accept(stored);
        for (int i = 0; i < group.size(); i++) group.get(i).written().complete(written.get(i));
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
