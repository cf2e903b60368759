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
 * The relay of the issuance outbox. A credential is written first, complete with its signed VC and status slots
 * but marked pending; the relay then appends its audit entry, sends the holder's notice and marks it complete.
 * Every step is safe to repeat: audit entries are keyed by event (a replay skips those recorded), a notice may
 * repeat (at least once), and the completion mark is idempotent. On start, {@link #recover()} replays whatever a
 * crash left pending, so every stored credential ends with exactly one audit entry. Credentials are relayed in
 * groups (one audit write and one completion write per group and agency). Thread-safe.
 */
public final class IssuanceRelay implements AutoCloseable {

    static final String ISSUE = "issue";
    private static final int MAX_GROUP = 2_000;
    private static final Logger LOG = LoggerFactory.getLogger(IssuanceRelay.class);

    private final CredentialStore credentials;
    private final AuditLog audit;
    private final Notices notices;
    private final BlockingQueue<List<IssuedCredential>> queue = new LinkedBlockingQueue<>();
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

    /** Queues freshly written credentials. */
    public void submit(List<IssuedCredential> written) {
        if (!written.isEmpty()) queue.add(written);
    }

    /** Relays every credential still pending in the store (after a crash). */
    public void recover() {
        List<IssuedCredential> pending = credentials.pending();
        if (pending.isEmpty()) return;
        LOG.info("Replaying {} credentials whose audit entries or notices a previous run left pending", pending.size());
        for (int from = 0; from < pending.size(); from += MAX_GROUP) {
            relayUntilDone(pending.subList(from, Math.min(pending.size(), from + MAX_GROUP)), true);
        }
    }

    /** How many credentials this relay has completed (operations, tests). */
    public long relayed() { return relayed.get(); }

    /** Whether nothing is queued (tests wait on it). */
    public boolean idle() { return queue.isEmpty() && !busy; }

    private volatile boolean busy;

    private void run() {
        while (running || !queue.isEmpty()) {
            try {
                List<IssuedCredential> first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) continue;
                busy = true;
                List<IssuedCredential> group = new ArrayList<>(first);
                List<IssuedCredential> more;
                while (group.size() < MAX_GROUP && (more = queue.poll()) != null) group.addAll(more);
                relayUntilDone(group, false);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                busy = false;
            }
        }
    }

    private void relayUntilDone(List<IssuedCredential> group, boolean replay) {
        for (int attempt = 0; ; attempt++) {
            try {
                relay(group, replay || attempt > 0);
                return;
            } catch (RuntimeException e) {
                LOG.warn("Relaying {} issued credentials failed (attempt {}), retrying: {}", group.size(), attempt + 1,
                    e.toString());
                if (!running && attempt > 3) return;     // left pending: the next start replays them
                sleep(Math.min(5_000, 200L << Math.min(attempt, 5)));
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
        credentials.markComplete(group.stream().map(IssuedCredential::id).toList());
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
