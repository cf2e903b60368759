package org.civitas.issuer.audit;

import org.civitas.issuer.store.AuditStore;
import org.civitas.sdk.did.Did;
import org.civitas.sdk.ledger.LedgerHash;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each agency's append-only audit log, a hash chain: entry n links to entry n−1 by hash (see {@link AuditEntry}),
 * so no entry can be changed, dropped or reordered without breaking every later link, and the head anchored on
 * the ledger pins the chain up to it. Appends for one agency are serialised and written in one round trip per
 * batch (the head shortcut is saved every {@value #SAVE_HEAD_EVERY} links); an append whose write failed is retried
 * as a replay, skipping the events already recorded. Thread-safe.
 */
public final class AuditLog {

    /** What happened, to be recorded. {@code event} is unique per occurrence. */
    /**
     * Links appended between two saves of an agency's head shortcut: saving it with every append cost a write per
     * append; reading the head back after a restart walks the entries after the saved one in a single query.
     */
    static final long SAVE_HEAD_EVERY = 1_024;

    public record Event(String event, String action, String credentialId, String credentialType, Did actor) { }

    /** The result of recomputing a chain. */
    public record Verification(boolean intact, long entriesChecked, byte[] headHash, long firstBrokenSequence,
                               Map<Long, byte[]> hashesAt) { }

    private final AuditStore store;
    private final LedgerHash hash;
    private final Clock clock;
    private final Map<Did, AuditStore.Head> heads = new ConcurrentHashMap<>();
    /** The sequence of each agency's stored head shortcut. */
    private final Map<Did, Long> savedHeads = new ConcurrentHashMap<>();
    private final Map<Did, Object> locks = new ConcurrentHashMap<>();

    public AuditLog(AuditStore store, LedgerHash hash, Clock clock) {
        this.store = store;
        this.hash = hash;
        this.clock = clock;
    }

    /**
     * Appends events of one agency, in order.
     *
     * @param replay the events may have been recorded before (a restart or a retry): skip those
     */
    public void append(Did agency, List<Event> events, boolean replay) {
        if (events.isEmpty()) return;
        synchronized (locks.computeIfAbsent(agency, a -> new Object())) {
            List<Event> todo = events;
            if (replay) {
                Set<String> recorded = store.recorded(events.stream().map(Event::event).toList());
                todo = events.stream().filter(e -> !recorded.contains(e.event())).toList();
                if (todo.isEmpty()) return;
            }
            AuditStore.Head head = head(agency);
            Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
            LedgerHash.Hasher hasher = hash.newHasher();
            List<AuditEntry> links = new ArrayList<>(todo.size());
            long sequence = head.sequence();
            byte[] previous = head.hash();
            for (Event e : todo) {
                AuditEntry link = AuditEntry.link(agency, ++sequence, now, e.action(), e.credentialId(),
                    e.credentialType(), e.actor(), e.event(), previous, hasher);
                links.add(link);
                previous = link.entryHash();
            }
            try {
                store.insertAll(links);
                AuditStore.Head next = new AuditStore.Head(sequence, previous);
                heads.put(agency, next);
                if (sequence - savedHeads.getOrDefault(agency, 0L) >= SAVE_HEAD_EVERY) {
                    store.saveHead(agency, next);
                    savedHeads.put(agency, sequence);
                }
            } catch (RuntimeException e) {
                heads.remove(agency);     // part may be written: read the head back next time
                throw e;
            }
        }
    }

    /** An agency's chain head: sequence 0 and the genesis hash when it has no entry. */
    public AuditStore.Head head(Did agency) {
        AuditStore.Head head = heads.get(agency);
        if (head != null) return head;
        synchronized (locks.computeIfAbsent(agency, a -> new Object())) {
            head = heads.get(agency);
            if (head != null) return head;
            head = store.head(agency).orElse(new AuditStore.Head(0, AuditEntry.genesisHash()));
            savedHeads.put(agency, head.sequence());
            // the stored head lags the entries (it is saved every SAVE_HEAD_EVERY links): walk forward
            for (AuditEntry next : store.after(agency, head.sequence())) {
                if (next.sequence() != head.sequence() + 1) break;
                head = new AuditStore.Head(next.sequence(), next.entryHash());
            }
            heads.put(agency, head);
            return head;
        }
    }

    /**
     * Recomputes an agency's chain from its first entry: every sequence follows the last, every entry links to
     * the previous hash, and every stored hash is the hash of its entry.
     *
     * @param keepHashesAt sequences whose recomputed hash the caller wants (e.g. the last anchored one)
     */
    public Verification verify(Did agency, Set<Long> keepHashesAt) {
        LedgerHash.Hasher hasher = hash.newHasher();
        long[] expected = {1};
        byte[][] running = {AuditEntry.genesisHash()};
        long[] broken = {0};
        long[] checked = {0};
        Map<Long, byte[]> kept = new java.util.HashMap<>();
        store.forEach(agency, entry -> {
            checked[0]++;
            if (broken[0] != 0) return;
            boolean linked = entry.sequence() == expected[0] && Arrays.equals(entry.previousHash(), running[0])
                && Arrays.equals(entry.computeHash(hasher), entry.entryHash());
            if (!linked) {
                broken[0] = Math.max(1, expected[0]);
                return;
            }
            running[0] = entry.entryHash();
            if (keepHashesAt.contains(entry.sequence())) kept.put(entry.sequence(), entry.entryHash());
            expected[0]++;
        });
        return new Verification(broken[0] == 0, checked[0], running[0], broken[0], kept);
    }
}
