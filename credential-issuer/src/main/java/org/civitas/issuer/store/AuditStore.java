package org.civitas.issuer.store;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.Binary;
import org.civitas.issuer.audit.AuditEntry;
import org.civitas.sdk.FormatException;
import org.civitas.sdk.did.Did;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The audit hash chains in MongoDB: {@code audit_entries} ({@code _id} the event, so an event is recorded once;
 * unique {@code (agency, sequence)}, so a chain never forks), {@code audit_heads} (a shortcut to each agency's
 * last link, saved every so many links, so it lags the entries) and {@code audit_anchors} (anchorings of chain
 * heads on the ledger, written before they are submitted). Thread-safe.
 */
public final class AuditStore {

    /** A chain head: the last sequence and its entry hash. */
    public record Head(long sequence, byte[] hash) {
        public Head { hash = hash.clone(); }
        @Override public byte[] hash() { return hash.clone(); }
    }

    /** An anchoring of a chain head; {@code anchorIndex} is -1 until the ledger committed it. */
    public record Anchor(Did agency, long sequence, byte[] headHash, String transaction, long anchorIndex) {
        public Anchor { headHash = headHash.clone(); }
        @Override public byte[] headHash() { return headHash.clone(); }
    }

    private final MongoCollection<Document> entries;
    private final MongoCollection<Document> heads;
    private final MongoCollection<Document> anchors;

    public AuditStore(MongoDatabase database) {
        this.entries = database.getCollection("audit_entries");
        this.heads = database.getCollection("audit_heads");
        this.anchors = database.getCollection("audit_anchors");
        entries.createIndex(Indexes.ascending("agency", "sequence"), new IndexOptions().unique(true).name("chain_link"));
    }

    /** Appends links in order; a duplicate event or sequence fails the write from that link on. */
    public void insertAll(List<AuditEntry> links) {
        if (links.isEmpty()) return;
        List<Document> documents = new ArrayList<>(links.size());
        for (AuditEntry e : links) documents.add(toDocument(e));
        entries.insertMany(documents, new InsertManyOptions().ordered(true));
    }

    /** Which of these events are recorded already. */
    public Set<String> recorded(Collection<String> events) {
        Set<String> found = new HashSet<>();
        if (events.isEmpty()) return found;
        entries.find(Filters.in("_id", events)).projection(new Document("_id", 1))
            .forEach(d -> found.add(d.getString("_id")));
        return found;
    }

    /** An agency's entries after {@code sequence}, in sequence order: one query however far a saved head lags. */
    public List<AuditEntry> after(Did agency, long sequence) {
        List<AuditEntry> out = new ArrayList<>();
        entries.find(Filters.and(Filters.eq("agency", agency.toString()), Filters.gt("sequence", sequence)))
            .sort(Sorts.ascending("sequence")).forEach(d -> out.add(fromDocument(d)));
        return out;
    }

    public Optional<AuditEntry> entry(Did agency, long sequence) {
        return Optional.ofNullable(entries.find(Filters.and(Filters.eq("agency", agency.toString()),
            Filters.eq("sequence", sequence))).first()).map(AuditStore::fromDocument);
    }

    /** The stored shortcut to an agency's chain head (it may lag the entries; callers walk forward). */
    public Optional<Head> head(Did agency) {
        Document d = heads.find(Filters.eq("_id", agency.toString())).first();
        return d == null ? Optional.empty()
            : Optional.of(new Head(d.getLong("sequence"), d.get("hash", Binary.class).getData()));
    }

    public void saveHead(Did agency, Head head) {
        heads.replaceOne(Filters.eq("_id", agency.toString()), new Document("_id", agency.toString())
            .append("sequence", head.sequence()).append("hash", new Binary(head.hash())), new ReplaceOptions().upsert(true));
    }

    /** An agency's entries in sequence order, from {@code fromSequence}, within the time bounds (null: open). */
    public List<AuditEntry> page(Did agency, Instant from, Instant to, long fromSequence, int limit) {
        List<Bson> filters = new ArrayList<>(List.of(Filters.eq("agency", agency.toString()),
            Filters.gte("sequence", fromSequence)));
        if (from != null) filters.add(Filters.gte("recordedAt", Date.from(from)));
        if (to != null) filters.add(Filters.lt("recordedAt", Date.from(to)));
        List<AuditEntry> out = new ArrayList<>();
        entries.find(Filters.and(filters)).sort(Sorts.ascending("sequence")).limit(limit)
            .forEach(d -> out.add(fromDocument(d)));
        return out;
    }

    /** Every entry of an agency in sequence order. */
    public void forEach(Did agency, Consumer<AuditEntry> action) {
        entries.find(Filters.eq("agency", agency.toString())).sort(Sorts.ascending("sequence"))
            .forEach(d -> action.accept(fromDocument(d)));
    }

    public long count(Did agency) {
        return entries.countDocuments(Filters.eq("agency", agency.toString()));
    }

    /** Records an anchoring before it is submitted; false when it was recorded before. */
    public boolean beginAnchor(Anchor anchor) {
        try {
            anchors.insertOne(new Document("_id", anchor.agency() + " " + anchor.sequence())
                .append("agency", anchor.agency().toString()).append("sequence", anchor.sequence())
                .append("headHash", new Binary(anchor.headHash())).append("transaction", anchor.transaction())
                .append("anchorIndex", -1L));
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) return false;
            throw e;
        }
    }

    public void finishAnchor(Did agency, long sequence, long anchorIndex) {
        anchors.updateOne(Filters.eq("_id", agency + " " + sequence), Updates.set("anchorIndex", anchorIndex));
    }

    /** Anchorings recorded but not known committed (a restart resubmits them). */
    public List<Anchor> pendingAnchors() {
        List<Anchor> out = new ArrayList<>();
        anchors.find(Filters.eq("anchorIndex", -1L)).forEach(d -> out.add(anchorOf(d)));
        return out;
    }

    /** The latest committed anchoring of an agency's chain. */
    public Optional<Anchor> latestAnchor(Did agency) {
        Anchor latest = null;
        for (Document d : anchors.find(Filters.eq("agency", agency.toString()))) {
            Anchor a = anchorOf(d);
            if (a.anchorIndex() >= 0 && (latest == null || a.sequence() > latest.sequence())) latest = a;
        }
        return Optional.ofNullable(latest);
    }

    private static Anchor anchorOf(Document d) {
        return new Anchor(did(d.getString("agency")), d.getLong("sequence"), d.get("headHash", Binary.class).getData(),
            d.getString("transaction"), d.getLong("anchorIndex"));
    }

    private static Document toDocument(AuditEntry e) {
        return new Document("_id", e.event()).append("v", CredentialStore.SCHEMA)
            .append("agency", e.agency().toString()).append("sequence", e.sequence())
            .append("recordedAt", Date.from(e.recordedAt())).append("recordedAtText", e.recordedAt().toString())
            .append("action", e.action()).append("credentialId", e.credentialId())
            .append("credentialType", e.credentialType())
            .append("actor", e.actor() == null ? null : e.actor().toString())
            .append("previousHash", new Binary(e.previousHash())).append("entryHash", new Binary(e.entryHash()));
    }

    private static AuditEntry fromDocument(Document d) {
        String actor = d.getString("actor");
        return new AuditEntry(did(d.getString("agency")), d.getLong("sequence"),
            Instant.parse(d.getString("recordedAtText")), d.getString("action"), d.getString("credentialId"),
            d.getString("credentialType"), actor == null ? null : did(actor), d.getString("_id"),
            d.get("previousHash", Binary.class).getData(), d.get("entryHash", Binary.class).getData());
    }

    private static Did did(String text) {
        try {
            return Did.parse(text);
        } catch (FormatException e) {
            throw new IllegalStateException("a stored DID does not parse: " + e.getMessage());
        }
    }
}
