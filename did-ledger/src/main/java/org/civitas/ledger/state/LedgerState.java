package org.civitas.ledger.state;

import org.civitas.sdk.did.Did;
import org.civitas.sdk.ledger.Digest;
import org.civitas.sdk.ledger.LedgerEntry;
import org.civitas.sdk.ledger.LedgerHash;
import org.civitas.sdk.ledger.Transaction;
import org.civitas.sdk.ledger.state.Accreditations;
import org.civitas.sdk.ledger.state.DidHistory;
import org.civitas.sdk.ledger.state.DidResolution;
import org.civitas.sdk.ledger.state.Grant;
import org.civitas.sdk.ledger.state.StateFold;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Predicate;

/**
 * The ledger's state: a pure function of the log. {@link #apply} folds one committed (already validated) entry
 * in; replaying the log from the start, or from a snapshot, gives the same state, which {@link #digest()} makes
 * checkable. One writer (the node applying entries) and many readers (the gRPC edge): reads take a shared
 * lock, applies an exclusive one.
 */
public final class LedgerState {

    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private Transaction.Genesis genesis;
    private Digest ledgerId;
    private long size;
    private final Map<Did, DidHistory> dids = new HashMap<>();
    private final Map<Digest, Grant> grants = new HashMap<>();
    private final Map<Records.SchemaKey, Records.Schema> schemas = new HashMap<>();
    private final Map<Records.ListKey, List<Records.Anchor>> anchors = new HashMap<>();
    private final Map<Did, List<Records.AuditAnchor>> audits = new HashMap<>();
    private final Map<Digest, Long> transactions = new HashMap<>();

    /** Folds in the next entry. Entries must come in index order and be valid (see {@link TransactionRules}). */
    public void apply(LedgerEntry entry) {
        lock.writeLock().lock();
        try {
            if (entry.index() != size) {
                throw new IllegalStateException("entry " + entry.index() + " applied at size " + size);
            }
            LedgerHash hash = entry.index() == 0
                ? ((Transaction.Genesis) entry.transaction()).hash() : genesis.hash();
            Digest txHash = entry.signedTransaction().hash(hash);
            applyTransaction(entry, txHash);
            transactions.put(txHash, entry.index());
            size++;
        } finally {
            lock.writeLock().unlock();
        }
    }

    private void applyTransaction(LedgerEntry entry, Digest txHash) {
        long index = entry.index();
        Instant at = entry.committedAt();
        Transaction tx = entry.transaction();
        StateFold.apply(entry, txHash, dids, grants);
        if (tx instanceof Transaction.Genesis g) {
            genesis = g;
            ledgerId = txHash;
        } else if (tx instanceof Transaction.SchemaRegistration s) {
            schemas.put(new Records.SchemaKey(s.typeId(), s.version()), new Records.Schema(s, txHash, index, at));
        } else if (tx instanceof Transaction.StatusListAnchoring a) {
            anchors.computeIfAbsent(new Records.ListKey(a.issuer(), a.listId()), k -> new ArrayList<>())
                .add(new Records.Anchor(a, txHash, index, at));
        } else if (tx instanceof Transaction.AuditAnchoring a) {
            audits.computeIfAbsent(a.agency(), k -> new ArrayList<>())
                .add(new Records.AuditAnchor(a, txHash, index, at));
        }
    }

    /**
     * Runs {@code work} holding the write lock, so that readers see none of what it applies until it returns
     * (a batch becomes visible only once durable). Applies and reads inside it are allowed (the lock is
     * reentrant).
     */
    public <T> T exclusively(java.util.function.Supplier<T> work) {
        lock.writeLock().lock();
        try {
            return work.get();
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * The state's records at this moment, copied out under the read lock (a shallow copy: the records themselves
     * are immutable), for a snapshot to be written without holding up the ledger.
     */
    public Frozen freeze() {
        return read(() -> new Frozen(size, genesis == null ? new byte[0] : genesis.payload(), ledgerId,
            List.copyOf(dids.values()), List.copyOf(grants.values()), List.copyOf(schemas.values()),
            anchors.values().stream().flatMap(List::stream).toList(),
            audits.values().stream().flatMap(List::stream).toList(), Map.copyOf(transactions)));
    }

    /** A frozen copy of the state (see {@link #freeze()}). */
    public record Frozen(long size, byte[] genesisPayload, Digest ledgerId, List<DidHistory> dids,
                         List<Grant> grants, List<Records.Schema> schemas, List<Records.Anchor> anchors,
                         List<Records.AuditAnchor> audits, Map<Digest, Long> transactions) { }

    /** A state rebuilt from a snapshot's records (see {@link StateSnapshot}). */
    static LedgerState restore(long size, Transaction.Genesis genesis, Digest ledgerId, Map<Did, DidHistory> dids,
                               List<Grant> grants, List<Records.Schema> schemas, List<Records.Anchor> anchors,
                               List<Records.AuditAnchor> audits, Map<Digest, Long> transactions) {
        LedgerState state = new LedgerState();
        state.size = size;
        state.genesis = genesis;
        state.ledgerId = ledgerId;
        state.dids.putAll(dids);
        grants.forEach(g -> state.grants.put(g.transactionHash(), g));
        schemas.forEach(s -> state.schemas.put(new Records.SchemaKey(s.registration().typeId(),
            s.registration().version()), s));
        anchors.stream().sorted(Comparator.comparingLong(Records.Anchor::entryIndex)).forEach(a ->
            state.anchors.computeIfAbsent(new Records.ListKey(a.anchoring().issuer(), a.anchoring().listId()),
                k -> new ArrayList<>()).add(a));
        audits.stream().sorted(Comparator.comparingLong(Records.AuditAnchor::entryIndex)).forEach(a ->
            state.audits.computeIfAbsent(a.anchoring().agency(), k -> new ArrayList<>()).add(a));
        state.transactions.putAll(transactions);
        return state;
    }

    /** Number of entries applied. */
    public long size() { return read(() -> size); }

    /** The genesis transaction, or {@code null} before the first entry. */
    public Transaction.Genesis genesis() { return read(() -> genesis); }

    /** The ledger id: the hash of the genesis transaction. */
    public Digest ledgerId() { return read(() -> ledgerId); }

    public Optional<DidHistory> did(Did did) { return read(() -> Optional.ofNullable(dids.get(did))); }

    /** The DID as of a time (see {@link DidResolution}); empty when unknown or not yet created then. */
    public Optional<DidResolution> resolve(Did did, Instant asOf) {
        return read(() -> Optional.ofNullable(dids.get(did)).map(h -> DidResolution.of(h, asOf)));
    }

    /** The entry index of a committed transaction: the idempotency lookup. */
    public Optional<Long> entryIndexOf(Digest transactionHash) {
        return read(() -> Optional.ofNullable(transactions.get(transactionHash)));
    }

    public Optional<Grant> grant(Digest transactionHash) {
        return read(() -> Optional.ofNullable(grants.get(transactionHash)));
    }

    /** Grants matching a filter, in ledger order. */
    public List<Grant> grants(Predicate<Grant> filter) {
        return read(() -> grants.values().stream().filter(filter)
            .sorted(Comparator.comparingLong(Grant::entryIndex)).toList());
    }

    /**
     * Whether {@code subject} was accredited at {@code time} for the type and region: an active AGENCY grant
     * covering both, given by a provincial root whose own grant from the national root covered both at that time
     * (see {@link Accreditations}, which offline verifiers apply to the same records).
     */
    public boolean isAccreditedAgency(Did subject, String type, String region, Instant time) {
        return read(() -> Accreditations.isAgencyAt(grants.values(), nationalRoot(), subject, type, region, time));
    }

    /** Whether {@code root} held a provincial-root grant from the national root covering type and region. */
    public boolean isProvincialRootAt(Did root, String type, String region, Instant time) {
        return read(() -> Accreditations.isProvincialRootAt(grants.values(), nationalRoot(), root, type, region, time));
    }

    /** Whether {@code subject} held any active agency grant for the type, in any region. */
    public boolean isAccreditedForType(Did subject, String type, Instant time) {
        return read(() -> Accreditations.isAccreditedForType(grants.values(), nationalRoot(), subject, type, time));
    }

    private Did nationalRoot() { return genesis.nationalRoot().id(); }

    public Optional<Records.Schema> schema(String typeId, String version) {
        return read(() -> Optional.ofNullable(schemas.get(new Records.SchemaKey(typeId, version))));
    }

    public List<Records.Schema> schemas(Predicate<Records.Schema> filter) {
        return read(() -> schemas.values().stream().filter(filter)
            .sorted(Comparator.comparingLong(Records.Schema::entryIndex)).toList());
    }

    /** The anchored versions of one status list, oldest first. */
    public List<Records.Anchor> anchors(Did issuer, String listId) {
        return read(() -> List.copyOf(anchors.getOrDefault(new Records.ListKey(issuer, listId), List.of())));
    }

    /** The latest anchor of every list matching a filter, in ledger order. */
    public List<Records.Anchor> latestAnchors(Predicate<Records.Anchor> filter) {
        return read(() -> anchors.values().stream().map(list -> list.get(list.size() - 1)).filter(filter)
            .sorted(Comparator.comparingLong(Records.Anchor::entryIndex)).toList());
    }

    public List<Records.AuditAnchor> auditAnchors(Did agency) {
        return read(() -> List.copyOf(audits.getOrDefault(agency, List.of())));
    }

    /**
     * A digest over the whole state in a fixed order, for checking that a replay (from genesis or from a
     * snapshot) rebuilt exactly the same state.
     */
    public Digest digest() {
        return read(() -> {
            StateDigest d = new StateDigest(LedgerHash.SHA_256);
            d.add("size", size);
            d.add("ledger", ledgerId == null ? "" : ledgerId.toString());
            new TreeMap<>(byString(dids)).forEach((did, h) -> {
                d.add("did", did);
                h.versions().forEach(v -> d.add("version", v.transactionHash() + "@" + v.entryIndex()));
                new TreeMap<>(h.compromisedSince()).forEach((k, t) -> d.add("compromised", k + "@" + t));
                if (h.deactivation() != null) d.add("deactivated", h.deactivation().transactionHash().toString());
            });
            new TreeMap<>(byString(grants)).forEach((k, g) -> d.add("grant", k + "@" + g.entryIndex() + "/"
                + (g.isWithdrawn() ? g.withdrawalHash() + "@" + g.withdrawalIndex() : "-")));
            new TreeMap<>(byString(schemas)).forEach((k, s) -> d.add("schema", k + "=" + s.transactionHash()));
            new TreeMap<>(byString(anchors)).forEach((k, list) ->
                list.forEach(a -> d.add("anchor", k + "#" + a.anchoring().version() + "=" + a.transactionHash())));
            new TreeMap<>(byString(audits)).forEach((k, list) ->
                list.forEach(a -> d.add("audit", k + "#" + a.anchoring().sequence() + "=" + a.transactionHash())));
            new TreeMap<>(byString(transactions)).forEach((k, i) -> d.add("tx", k + "@" + i));
            return d.result();
        });
    }

    private static <K, V> Map<String, V> byString(Map<K, V> map) {
        Map<String, V> out = new HashMap<>();
        map.forEach((k, v) -> out.put(String.valueOf(k), v));
        return out;
    }

    private <T> T read(java.util.function.Supplier<T> reader) {
        lock.readLock().lock();
        try {
            return reader.get();
        } finally {
            lock.readLock().unlock();
        }
    }
}
