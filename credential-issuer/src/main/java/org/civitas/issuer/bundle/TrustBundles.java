package org.civitas.issuer.bundle;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.civitas.issuer.IssuerException;
import org.civitas.issuer.IssuerException.Reason;
import org.civitas.issuer.ledger.IssuerLedger;
import org.civitas.issuer.status.StatusList;
import org.civitas.issuer.store.StatusListStore;
import org.civitas.issuer.type.CredentialType;
import org.civitas.issuer.type.CredentialTypes;
import org.civitas.sdk.FormatException;
import org.civitas.sdk.did.Did;
import org.civitas.sdk.jcs.IJson;
import org.civitas.sdk.jcs.Jcs;
import org.civitas.sdk.key.SigningKey;
import org.civitas.sdk.ledger.Digest;
import org.civitas.sdk.ledger.LedgerEntry;
import org.civitas.sdk.ledger.ProvenEntry;
import org.civitas.sdk.ledger.SignedTreeHead;
import org.civitas.sdk.ledger.Transaction;
import org.civitas.sdk.suite.JsonLdContexts;
import org.civitas.sdk.trust.BundleContents;
import org.civitas.sdk.trust.TrustBundleWriter;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Publishes signed trust bundles for offline verifiers (docs/trust-bundle.md) from the ledger and this service's
 * status lists. A bundle's version is the size of the ledger head it is proven against, so versions grow with the
 * ledger and a new one is built only when the head moved (checked at most once per {@code refreshAfter}). The
 * last {@value #VERSIONS_KEPT} versions are kept in memory to serve deltas since them; an older (or restarted)
 * version is answered with {@code BUNDLE_VERSION_NOT_HELD}, and the verifier fetches a full bundle.
 *
 * <p>The ledger is read entry by entry, each entry once: what a bundle needs (the genesis, DID transactions of
 * roots and issuers, grants, withdrawals, schema registrations, status-list anchors) is kept; the rest is skipped.
 * Thread-safe: builds are serialised.
 */
public final class TrustBundles {

    /** Versions kept for deltas: a day of hourly builds and then some. */
    static final int VERSIONS_KEPT = 32;

    /** One built version: its contents (for deltas) and its signed file. */
    public record Published(long version, BundleContents contents, byte[] file) {
        public Published {
            Objects.requireNonNull(contents, "contents");
            file = file.clone();
        }

        @Override public byte[] file() { return file.clone(); }
    }

    private final IssuerLedger ledger;
    private final StatusListStore lists;
    private final CredentialTypes types;
    private final TrustBundleWriter writer;
    private final String publisherDid;
    private final Clock clock;
    private final Duration refreshAfter;
    private final Map<String, Duration> maxStatusAge;

    private long scanned;
    private final TreeMap<Long, LedgerEntry> registry = new TreeMap<>();
    private final Map<Did, List<LedgerEntry>> didEntries = new HashMap<>();
    private final Map<String, LedgerEntry> latestAnchors = new HashMap<>();
    private final TreeMap<Long, Published> versions = new TreeMap<>();
    private Instant checkedAt = Instant.MIN;

    /**
     * @param publisher    the bundle publisher's key (verifiers pin its did:key)
     * @param refreshAfter how long a built bundle is served before the ledger head is checked again
     * @param maxStatusAge credential type (or {@code *}) → how old its status data may be at a verifier
     */
    public TrustBundles(IssuerLedger ledger, StatusListStore lists, CredentialTypes types, SigningKey publisher,
                        String publisherDid, Clock clock, Duration refreshAfter, Map<String, Duration> maxStatusAge) {
        this.ledger = ledger;
        this.lists = lists;
        this.types = types;
        this.writer = new TrustBundleWriter(publisher);
        this.publisherDid = publisherDid;
        this.clock = clock;
        this.refreshAfter = refreshAfter;
        this.maxStatusAge = Map.copyOf(maxStatusAge);
    }

    /** The did:key of the publisher key, for verifiers to pin. */
    public String publisherDid() { return publisherDid; }

    /** The latest bundle, rebuilt first when the ledger head moved since the last build. */
    public synchronized Published latest() {
        Instant now = clock.instant();
        if (versions.isEmpty() || !now.isBefore(checkedAt.plus(refreshAfter))) {
            SignedTreeHead head = ledger.latestHead();
            checkedAt = now;
            if (versions.isEmpty() || head.head().treeSize() > versions.lastKey()) build(head, now);
        }
        return versions.lastEntry().getValue();
    }

    /**
     * The delta from version {@code since} to the latest, or empty when {@code since} is the latest.
     *
     * @throws IssuerException BUNDLE_VERSION_NOT_HELD when {@code since} is not a version held here
     */
    public synchronized Optional<Delta> deltaSince(long since) {
        Published latest = latest();
        if (since == latest.version()) return Optional.empty();
        Published from = versions.get(since);
        if (from == null) {
            throw IssuerException.about(Reason.BUNDLE_VERSION_NOT_HELD, "trust bundle version", Long.toString(since),
                "trust bundle version " + since + " is not held by this service (it keeps the last " + VERSIONS_KEPT
                    + " versions, from " + versions.firstKey() + "); fetch the full bundle with GetTrustBundle");
        }
        byte[] delta = writer.delta(from.contents(), latest.contents(), ledger.consistency(since, latest.version()));
        return Optional.of(new Delta(since, latest.version(), delta));
    }

    /** A delta file between two versions. */
    public record Delta(long fromVersion, long toVersion, byte[] file) {
        public Delta {
            file = file.clone();
        }

        @Override public byte[] file() { return file.clone(); }
    }

    private void build(SignedTreeHead head, Instant now) {
        long size = head.head().treeSize();
        for (long i = scanned; i < size; i++) keep(ledger.entryAt(i));
        scanned = size;
        Map<String, ObjectNode> anchoredLists = anchoredLists();
        Set<Did> dids = relevantDids(anchoredLists);
        TreeMap<Long, LedgerEntry> chosen = new TreeMap<>(registry);
        for (Did did : dids) for (LedgerEntry e : didEntries.getOrDefault(did, List.of())) chosen.put(e.index(), e);
        for (String key : anchoredLists.keySet()) {
            LedgerEntry anchor = latestAnchors.get(key);
            chosen.put(anchor.index(), anchor);
        }
        List<ProvenEntry> proven = new ArrayList<>(chosen.size());
        for (LedgerEntry entry : chosen.values()) proven.add(ledger.prove(entry, head));
        BundleContents contents = new BundleContents(size, now, head, proven, new ArrayList<>(anchoredLists.values()),
            registeredSchemas(), JsonLdContexts.bundledSha256(), maxStatusAge);
        versions.put(size, new Published(size, contents, writer.full(contents)));
        while (versions.size() > VERSIONS_KEPT) versions.pollFirstEntry();
    }

    private void keep(LedgerEntry entry) {
        Transaction tx = entry.transaction();
        if (tx instanceof Transaction.Genesis g) {
            registry.put(entry.index(), entry);
            didEntries.computeIfAbsent(g.nationalRoot().id(), d -> new ArrayList<>());
        } else if (tx instanceof Transaction.AccreditationGrant || tx instanceof Transaction.AccreditationWithdrawal
                || tx instanceof Transaction.SchemaRegistration) {
            registry.put(entry.index(), entry);
        } else if (tx instanceof Transaction.DidCreate c) {
            didEntries.computeIfAbsent(c.did(), d -> new ArrayList<>()).add(entry);
        } else if (tx instanceof Transaction.DidUpdate u) {
            didEntries.computeIfAbsent(u.did(), d -> new ArrayList<>()).add(entry);
        } else if (tx instanceof Transaction.DidDeactivate d) {
            didEntries.computeIfAbsent(d.did(), x -> new ArrayList<>()).add(entry);
        } else if (tx instanceof Transaction.StatusListAnchoring a) {
            latestAnchors.put(a.issuer() + " " + a.listId(), entry);
        }
    }

    /** This service's lists whose signed credential is the one the latest ledger anchor names, by anchor key. */
    private Map<String, ObjectNode> anchoredLists() {
        Map<String, ObjectNode> out = new LinkedHashMap<>();
        for (StatusList list : lists.all()) {
            if (list.version() < 1 || list.credential() == null) continue;
            String key = list.issuer() + " " + list.id();
            LedgerEntry anchor = latestAnchors.get(key);
            if (anchor == null) continue;
            ObjectNode credential;
            try {
                credential = IJson.parseObject("status list " + list.id(), list.credential());
            } catch (FormatException e) {
                throw new IllegalStateException("a stored status list does not parse: " + list.id(), e);
            }
            Digest digest = Digest.of(ledger.hash().digest(Jcs.canonicalize(credential)));
            // a list whose next version is still being anchored is left out until the ledger has it
            if (((Transaction.StatusListAnchoring) anchor.transaction()).digest().equals(digest)) out.put(key, credential);
        }
        return out;
    }

    private Set<Did> relevantDids(Map<String, ObjectNode> anchoredLists) {
        Set<Did> dids = new HashSet<>();
        for (LedgerEntry e : registry.values()) {
            Transaction tx = e.transaction();
            if (tx instanceof Transaction.Genesis g) dids.add(g.nationalRoot().id());
            if (tx instanceof Transaction.AccreditationGrant g) {
                dids.add(g.accreditor());
                dids.add(g.subject());
            }
            if (tx instanceof Transaction.AccreditationWithdrawal w) dids.add(w.accreditor());
            if (tx instanceof Transaction.SchemaRegistration s) dids.add(s.registrant());
        }
        for (String key : anchoredLists.keySet()) {
            dids.add(((Transaction.StatusListAnchoring) latestAnchors.get(key).transaction()).issuer());
        }
        return dids;
    }

    /** The catalogue's schemas whose digest a registration on the ledger names. */
    private List<ObjectNode> registeredSchemas() {
        Set<Digest> registered = new HashSet<>();
        for (LedgerEntry e : registry.values()) {
            if (e.transaction() instanceof Transaction.SchemaRegistration s) registered.add(s.schemaDigest());
        }
        List<ObjectNode> out = new ArrayList<>();
        for (CredentialType type : types.all()) {
            if (registered.contains(type.schemaDigest())) out.add(type.schema());
        }
        return out;
    }
}
