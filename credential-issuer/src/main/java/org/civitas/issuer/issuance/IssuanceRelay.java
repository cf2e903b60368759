package org.civitas.issuer.issuance;

import org.civitas.issuer.audit.AuditLog;
import org.civitas.issuer.delivery.Notices;
import org.civitas.issuer.store.CredentialStore;
import org.civitas.sdk.did.Did;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The relay of the issuance outbox. Credentials are written in groups, each group recorded as pending before its
 * credentials (complete with their signed VCs and status slots) are inserted; the relay then appends their audit
 * entries, sends the holders' notices and marks the group done. Every step is safe to repeat: audit entries are
 * keyed by event (a replay skips those recorded), a notice may repeat (at least once), and marking a group done is
 * idempotent. On start, {@link #recover()} replays every group a crash left pending, so every stored credential
 * ends with exactly one audit entry. Per group: one audit write per agency and one completion write.
 * Thread-safe.
 */
public final class IssuanceRelay implements AutoCloseable {

    static final String ISSUE = "issue";
    private static final int MAX_GROUP = 2_000;
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
            relayUntilDone(pending.subList(from, Math.min(pending.size(), from + MAX_GROUP)), List.of(), true);
        }
        credentials.finishGroups(groups);
    }

    /** How many credentials this relay has completed (operations, tests). */
    public long relayed() { return relayed.get(); }

    private void run() {
        while (running || !queue.isEmpty()) {
            try {
                Group first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) continue;
                List<IssuedCredential> batch = new ArrayList<>(first.credentials());
                List<String> groups = new ArrayList<>(List.of(first.id()));
                Group more;
                while (batch.size() < MAX_GROUP && (more = queue.poll()) != null) {
                    batch.addAll(more.credentials());
                    groups.add(more.id());
                }
                relayUntilDone(batch, groups, false);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void relayUntilDone(List<IssuedCredential> group, List<String> groups, boolean replay) {
        for (int attempt = 0; ; attempt++) {
            try {
                relay(group, groups, replay || attempt > 0);
                return;
            } catch (RuntimeException e) {
                LOG.warn("Relaying {} issued credentials failed (attempt {}), retrying: {}", group.size(), attempt + 1,
                    e.toString());
                if (!running && attempt > 3) return;     // left pending: the next start replays them
                sleep(Math.min(5_000, 200L << Math.min(attempt, 5)));
            }
        }
    }

    private void relay(List<IssuedCredential> group, List<String> groups, boolean replay) {
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
        credentials.finishGroups(groups);
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
