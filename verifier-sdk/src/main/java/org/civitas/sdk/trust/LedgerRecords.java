package org.civitas.sdk.trust;

import org.civitas.sdk.did.Did;
import org.civitas.sdk.ledger.Digest;
import org.civitas.sdk.ledger.LedgerEntry;
import org.civitas.sdk.ledger.LedgerHash;
import org.civitas.sdk.ledger.Transaction;
import org.civitas.sdk.ledger.state.DidHistory;
import org.civitas.sdk.ledger.state.Grant;
import org.civitas.sdk.ledger.state.StateFold;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The part of the ledger's state a bundle carries, folded from its proven entries in ledger order with the
 * ledger's own fold ({@link StateFold}): DID histories, grants, schema registrations and the latest anchor of each
 * status list. Immutable once built.
 */
final class LedgerRecords {

    /** An anchor with the entry that committed it. */
    record Anchor(Transaction.StatusListAnchoring anchoring, LedgerEntry entry) { }

    final TreeMap<Long, LedgerEntry> entries;
    final Transaction.Genesis genesis;
    final Map<Did, DidHistory> dids;
    final List<Grant> grants;
    final Map<Digest, List<Transaction.SchemaRegistration>> registrationsByDigest;
    /** Key: issuer DID + " " + list id. */
    final Map<String, Anchor> latestAnchors;

    private LedgerRecords(TreeMap<Long, LedgerEntry> entries, Transaction.Genesis genesis, Map<Did, DidHistory> dids,
                          List<Grant> grants, Map<Digest, List<Transaction.SchemaRegistration>> registrations,
                          Map<String, Anchor> latestAnchors) {
        this.entries = entries;
        this.genesis = genesis;
        this.dids = Collections.unmodifiableMap(dids);
        this.grants = Collections.unmodifiableList(grants);
        this.registrationsByDigest = Collections.unmodifiableMap(registrations);
        this.latestAnchors = Collections.unmodifiableMap(latestAnchors);
    }

    /**
     * Folds proven entries. The first must be the ledger's genesis, whose transaction hash is the ledger id (so
     * the national root comes from the ledger itself).
     */
    static LedgerRecords fold(Collection<LedgerEntry> proven, byte[] ledgerId, LedgerHash hash)
            throws TrustBundleException {
        TreeMap<Long, LedgerEntry> entries = new TreeMap<>();
        for (LedgerEntry e : proven) entries.put(e.index(), e);
        LedgerEntry first = entries.get(0L);
        if (first == null || !(first.transaction() instanceof Transaction.Genesis genesis)
                || !java.util.Arrays.equals(first.signedTransaction().hash(hash).bytes(), ledgerId)) {
            throw BundleFile.malformed("the ledger's genesis entry (index 0, hashing to the ledger id) is missing");
        }
        Map<Did, DidHistory> dids = new HashMap<>();
        Map<Digest, Grant> grants = new HashMap<>();
        Map<Digest, List<Transaction.SchemaRegistration>> registrations = new HashMap<>();
        Map<String, Anchor> anchors = new HashMap<>();
        for (LedgerEntry entry : entries.values()) {
            Digest txHash = entry.signedTransaction().hash(hash);
            StateFold.apply(entry, txHash, dids, grants);
            Transaction tx = entry.transaction();
            if (tx instanceof Transaction.SchemaRegistration s) {
                registrations.computeIfAbsent(s.schemaDigest(), d -> new ArrayList<>()).add(s);
            } else if (tx instanceof Transaction.StatusListAnchoring a) {
                String key = listKey(a.issuer().toString(), a.listId());
                Anchor previous = anchors.get(key);
                if (previous == null || previous.anchoring().version() < a.version()) {
                    anchors.put(key, new Anchor(a, entry));
                }
            }
        }
        List<Grant> ordered = new ArrayList<>(grants.values());
        ordered.sort((a, b) -> Long.compare(a.entryIndex(), b.entryIndex()));
        return new LedgerRecords(entries, genesis, dids, ordered, registrations, anchors);
    }

    static String listKey(String issuer, String listId) { return issuer + " " + listId; }

    Did nationalRoot() { return genesis.nationalRoot().id(); }
}
