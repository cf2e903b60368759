package org.civitas.issuer.issuance;

import org.civitas.issuer.IssuerException;
import org.civitas.issuer.IssuerException.Reason;
import org.civitas.issuer.store.CredentialStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * Writes signed credentials to MongoDB in groups (group commit): one writer thread takes whatever queued up while
 * the previous write ran, up to {@link #MAX_GROUP}, records the group as pending, and inserts its credentials in
 * one round trip. Each credential's future completes once its document is durable (with the stored credential)
 * or found to exist already (empty: the same request was issued before); the written ones then go to the relay,
 * which marks the group done once their audit entries are appended. Thread-safe.
 */
public final class CredentialWriter implements AutoCloseable {

    static final int MAX_GROUP = 500;
    private static final Logger LOG = LoggerFactory.getLogger(CredentialWriter.class);

    private record Pending(IssuedCredential credential, CompletableFuture<Optional<IssuedCredential>> written) { }

    private final CredentialStore store;
    private final BiConsumer<String, List<IssuedCredential>> relay;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean running = true;

    /** @param relay receives each group's id and the credentials written in it */
    public CredentialWriter(CredentialStore store, BiConsumer<String, List<IssuedCredential>> relay) {
        this.store = store;
        this.relay = relay;
        this.thread = new Thread(this::run, "credential-writer");
        thread.setDaemon(true);
        thread.start();
    }

    /** Queues a credential; the future holds it as stored, or is empty when its id existed already. */
    public CompletableFuture<Optional<IssuedCredential>> write(IssuedCredential credential) {
        CompletableFuture<Optional<IssuedCredential>> written = new CompletableFuture<>();
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
        String groupId = UUID.randomUUID().toString();
        List<IssuedCredential> credentials = new ArrayList<>(group.size());
        for (Pending p : group) credentials.add(p.credential().inGroup(groupId));
        List<Boolean> written;
        try {
            store.beginGroup(groupId);
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
        relay.accept(groupId, stored);
        for (int i = 0; i < group.size(); i++) {
            group.get(i).written().complete(written.get(i) ? Optional.of(credentials.get(i)) : Optional.empty());
        }
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
