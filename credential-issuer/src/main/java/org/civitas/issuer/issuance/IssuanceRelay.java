package org.civitas.issuer.issuance;

import org.civitas.issuer.audit.AuditLog;
import org.civitas.issuer.delivery.Notices;
import org.civitas.issuer.store.CredentialStore;
import org.civitas.sdk.did.Did;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;

/**
 * The relay of the issuance outbox. Credentials are written in groups, each group recorded as pending before its
 * credentials (complete with their signed VCs and status slots) are inserted; the relay then appends their audit
 * entries, sends the holders' notices and marks the group done. Every step is safe to repeat: audit entries are
 * keyed by event (a replay skips those recorded), a notice may repeat (at least once), and marking a group done is
 * idempotent. On start, {@link #recover()} replays every group a crash left pending, so every stored credential
 * ends with exactly one audit entry. Per batch of groups taken together: one audit write per agency; groups are
 * marked done together, once {@link #FINISH_EVERY} has passed since the last completion write or the relay has
 * nothing else to do, so a crash replays at most that much more (events already recorded are skipped).
 * Thread-safe.
 */
public final class IssuanceRelay implements AutoCloseable {

    static final String ISSUE = "issue";
    private static final int MAX_GROUP = 2_000;
    /**
     * How long relayed groups may wait to be marked done: under load one completion write then covers many groups
     * instead of one write per batch.
     */
    static final Duration FINISH_EVERY = Duration.ofMillis(100);
    /** How long the relay waits for more work before it marks what it relayed done. */
    private static final long IDLE_MILLIS = 10;
    private static final Logger LOG = LoggerFactory.getLogger(IssuanceRelay.class);

    private final CredentialStore credentials;
    private final AuditLog audit;
    private final Notices notices;
    private record Group(String id, List<IssuedCredential> credentials) { }

    private final BlockingQueue<Group> queue = new LinkedBlockingQueue<>();
    private final AtomicLong relayed = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;

    public IssuanceRelay(CredentialStore credentials, AuditLog audit, Notices notices) {
        this.credentials = credentials;
        this.audit = audit;
        this.notices = notices;
        this.thread = new Thread(this::run, "issuance-relay");
        thread.setDaemon(true);
    }

    /** Starts relaying, after replaying what a previous run left pending. */
    public void start() {
        recover();
        thread.start();
    }

    /** Queues a freshly written group. */
    public void submit(String groupId, List<IssuedCredential> written) {
        queue.add(new Group(groupId, written));
    }

    /** Relays every group still pending in the store (after a crash). */
    public void recover() {
        List<String> groups = credentials.pendingGroups();
        if (groups.isEmpty()) return;
        List<IssuedCredential> pending = credentials.inGroups(groups);
        LOG.info("Replaying {} credentials of {} write groups a previous run left pending", pending.size(), groups.size());
        for (int from = 0; from < pending.size(); from += MAX_GROUP) {
            relayUntilDone(pending.subList(from, Math.min(pending.size(), from + MAX_GROUP)), true);
        }
        credentials.finishGroups(groups);
    }

    /** How many credentials this relay has completed (operations, tests). */
    public long relayed() { return relayed.get(); }

    private void run() {
        List<String> relayedGroups = new ArrayList<>();
        long lastFinish = System.nanoTime();
        while (running || !queue.isEmpty()) {
            try {
                Group first = queue.poll(relayedGroups.isEmpty() ? 100 : IDLE_MILLIS, TimeUnit.MILLISECONDS);
                if (first != null) {
                    List<IssuedCredential> batch = new ArrayList<>(first.credentials());
                    List<String> groups = new ArrayList<>(List.of(first.id()));
                    Group more;
                    while (batch.size() < MAX_GROUP && (more = queue.poll()) != null) {
                        batch.addAll(more.credentials());
                        groups.add(more.id());
                    }
                    if (relayUntilDone(batch, false)) relayedGroups.addAll(groups);
                }
                if (!relayedGroups.isEmpty()
                        && (first == null || System.nanoTime() - lastFinish >= FINISH_EVERY.toNanos())) {
                    finishUntilDone(relayedGroups);
                    relayedGroups.clear();
                    lastFinish = System.nanoTime();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (!relayedGroups.isEmpty()) finishUntilDone(relayedGroups);
    }

    /** Marks relayed groups done; groups left pending (the store is gone at shutdown) are replayed at the next start. */
    private void finishUntilDone(List<String> groups) {
        untilDone("Marking " + groups.size() + " relayed write groups done", attempt -> credentials.finishGroups(groups));
    }

    /** False when it gave up at shutdown: the group stays pending and the next start replays it. */
    private boolean relayUntilDone(List<IssuedCredential> group, boolean replay) {
        return untilDone("Relaying " + group.size() + " issued credentials", attempt -> relay(group, replay || attempt > 0));
    }

    /** Runs a step until it succeeds, backing off between attempts; false when it gave up at shutdown. */
    private boolean untilDone(String step, IntConsumer attempt) {
        for (int n = 0; ; n++) {
            try {
                attempt.accept(n);
                return true;
            } catch (RuntimeException e) {
                LOG.warn("{} failed (attempt {}), retrying: {}", step, n + 1, e.toString());
                if (!running && n > 3) return false;
                sleep(Math.min(5_000, 200L << Math.min(n, 5)));
            }
        }
    }

    private void relay(List<IssuedCredential> group, boolean replay) {
        Map<Did, List<AuditLog.Event>> events = new LinkedHashMap<>();
        for (IssuedCredential c : group) {
            events.computeIfAbsent(c.issuer(), a -> new ArrayList<>()).add(new AuditLog.Event(ISSUE + " " + c.id(),
                ISSUE, c.id(), c.type(), c.issuer()));
        }
        events.forEach((agency, list) -> audit.append(agency, list, replay));
        List<Runnable> sends = new ArrayList<>(group.size());
        for (IssuedCredential c : group) {
            sends.add(() -> notices.send(c.holder(), "credential.issued", c.id(), c.type()));
        }
        notices.sendAll(sends);
        relayed.addAndGet(group.size());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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
