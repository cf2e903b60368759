package org.civitas.issuer.status;

import org.civitas.issuer.audit.AuditLog;
import org.civitas.issuer.delivery.Notices;
import org.civitas.issuer.issuance.IssuedCredential;
import org.civitas.issuer.store.CredentialStore;
import org.civitas.issuer.store.StatusListStore;
import org.civitas.sdk.did.Did;
import org.civitas.sdk.status.StatusPurpose;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The relay of the status-change outbox. A change is first written into the credential's document with its new
 * state (one atomic write, {@link CredentialStore#beginChange}); this worker then sets the list bits, signs and
 * anchors each changed list once for all the changes that queued up meanwhile (group anchoring: a list is re-signed
 * and anchored as soon as the previous anchoring finished, never more than once per change), appends the audit
 * entries, notifies the holders and clears the changes. Every step is safe to repeat after a crash: bits are set
 * to what the credentials' states say, audit entries are keyed by change, and a list whose bits already say so is
 * not re-anchored. One worker thread; callers wait on their change's future.
 */
public final class StatusChanges implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StatusChanges.class);

    /** A change as applied: the list version that carries it. */
    public record Applied(IssuedCredential credential, PendingChange change, String listId, long listVersion) { }

    private record Queued(IssuedCredential credential, CompletableFuture<Applied> done) { }

    private final CredentialStore credentials;
    private final StatusListStore lists;
    private final StatusListPublisher publisher;
    private final AuditLog audit;
    private final Notices notices;
    private final BlockingQueue<Queued> queue = new LinkedBlockingQueue<>();
    private final Map<String, CompletableFuture<Applied>> inFlight = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;

    public StatusChanges(CredentialStore credentials, StatusListStore lists, StatusListPublisher publisher,
                         AuditLog audit, Notices notices) {
        this.credentials = credentials;
        this.lists = lists;
        this.publisher = publisher;
        this.audit = audit;
        this.notices = notices;
        this.thread = new Thread(this::run, "status-changes");
        thread.setDaemon(true);
    }

    /** Starts the worker, after finishing the changes a previous run left pending. */
    public void start() {
        for (IssuedCredential pending : credentials.withPendingChange()) submit(pending);
        thread.start();
    }

    /** Applies the credential's pending change; the same change submitted twice shares one future. */
    public CompletableFuture<Applied> submit(IssuedCredential withChange) {
        PendingChange change = withChange.change();
        if (change == null) throw new IllegalArgumentException("no pending change on " + withChange.id());
        CompletableFuture<Applied> done = new CompletableFuture<>();
        CompletableFuture<Applied> existing = inFlight.putIfAbsent(change.id(), done);
        if (existing != null) return existing;
        queue.add(new Queued(withChange, done));
        return done;
    }

    private void run() {
        while (running || !queue.isEmpty()) {
            try {
                Queued first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) continue;
                List<Queued> group = new ArrayList<>();
                group.add(first);
                queue.drainTo(group, 999);
                applyUntilDone(group);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void applyUntilDone(List<Queued> group) {
        for (int attempt = 0; ; attempt++) {
            try {
                apply(group);
                return;
            } catch (RuntimeException e) {
                LOG.warn("Applying {} status changes failed (attempt {}): {}", group.size(), attempt + 1, e.toString());
                if (attempt == 0) {
                    // callers learn now; the changes stay pending and are applied by the retries below
                    group.forEach(q -> {
                        inFlight.remove(q.credential().change().id());
                        q.done().completeExceptionally(e);
                    });
                }
                if (!running) return;
                try {
                    Thread.sleep(Math.min(5_000, 200L << Math.min(attempt, 5)));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void apply(List<Queued> group) {
        // what each touched list's bits must say for the changed credentials
        Map<String, Map<Integer, Boolean>> bits = new LinkedHashMap<>();
        for (Queued q : group) {
            IssuedCredential c = q.credential();
            CredentialState state = c.change().action().result();
            bits.computeIfAbsent(c.revocation().listId(), l -> new HashMap<>())
                .put(c.revocation().index(), state == CredentialState.REVOKED);
            bits.computeIfAbsent(c.suspension().listId(), l -> new HashMap<>())
                .put(c.suspension().index(), state == CredentialState.SUSPENDED);
        }
        Map<String, Long> versions = new HashMap<>();
        bits.forEach((listId, wanted) -> {
            StatusList list = lists.find(listId).orElseThrow();
            byte[] current = list.pending() != null ? list.pending().bits() : list.bits();
            boolean differs = wanted.entrySet().stream()
                .anyMatch(w -> StatusListPublisher.bit(current, w.getKey()) != w.getValue());
            long version = list.version();
            if (differs || list.pending() != null) {
                version = publisher.publish(listId, old -> {
                    byte[] updated = old;
                    for (var w : wanted.entrySet()) updated = StatusListPublisher.withBit(updated, w.getKey(), w.getValue());
                    return updated;
                }).version();
            }
            versions.put(listId, version);
        });
        Map<Did, List<AuditLog.Event>> events = new LinkedHashMap<>();
        for (Queued q : group) {
            IssuedCredential c = q.credential();
            PendingChange change = c.change();
            events.computeIfAbsent(c.issuer(), a -> new ArrayList<>()).add(new AuditLog.Event("status " + change.id(),
                change.action().auditAction(), c.id(), c.type(), change.actor()));
        }
        // status changes are few: always skip events recorded before (a retry after a partial failure)
        events.forEach((agency, list) -> audit.append(agency, list, true));
        List<Runnable> sends = new ArrayList<>();
        for (Queued q : group) {
            IssuedCredential c = q.credential();
            sends.add(() -> notices.send(c.holder(), c.change().action().notice(), c.id(), c.type()));
        }
        notices.sendAll(sends);
        for (Queued q : group) {
            IssuedCredential c = q.credential();
            credentials.finishChange(c.id(), c.change().id());
            StatusSlot slot = c.change().action() == StatusChangeAction.REVOKE ? c.revocation() : c.suspension();
            inFlight.remove(c.change().id());
            q.done().complete(new Applied(c, c.change(), slot.listId(), versions.get(slot.listId())));
        }
    }

    /** The purpose whose list carries an action's change. */
    public static StatusPurpose purposeOf(StatusChangeAction action) {
        return action == StatusChangeAction.REVOKE ? StatusPurpose.REVOCATION : StatusPurpose.SUSPENSION;
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
