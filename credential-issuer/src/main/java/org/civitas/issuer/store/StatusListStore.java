package org.civitas.issuer.store;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.types.Binary;
import org.civitas.issuer.status.StatusList;
import org.civitas.sdk.FormatException;
import org.civitas.sdk.did.Did;
import org.civitas.sdk.status.StatusPurpose;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Issuers' status lists in MongoDB ({@code status_lists}, {@code _id} the list URL), with the signed credential of
 * the last anchored version and the anchoring in flight. Thread-safe.
 */
public final class StatusListStore {

    private final MongoCollection<Document> lists;

    public StatusListStore(MongoDatabase database) {
        this.lists = database.getCollection("status_lists");
    }

    /** Creates a list unless it exists (a restart may create it again). */
    public void create(StatusList list) {
        try {
            lists.insertOne(new Document("_id", list.id()).append("v", CredentialStore.SCHEMA)
                .append("issuer", list.issuer().toString()).append("purpose", list.purpose().value())
                .append("sequence", list.sequence()).append("length", list.length()).append("full", false)
                .append("bits", new Binary(list.bits())).append("version", 0L));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) throw e;
        }
    }

    public Optional<StatusList> find(String id) {
        return Optional.ofNullable(lists.find(Filters.eq("_id", id)).first()).map(StatusListStore::fromDocument);
    }

    /** An issuer's lists of a purpose that still have room. */
    public List<StatusList> open(Did issuer, StatusPurpose purpose) {
        List<StatusList> out = new ArrayList<>();
        lists.find(Filters.and(Filters.eq("issuer", issuer.toString()), Filters.eq("purpose", purpose.value()),
            Filters.eq("full", false))).forEach(d -> out.add(fromDocument(d)));
        return out;
    }

    /** The highest list sequence of an issuer and purpose, 0 when it has none. */
    public int lastSequence(Did issuer, StatusPurpose purpose) {
        int last = 0;
        for (Document d : lists.find(Filters.and(Filters.eq("issuer", issuer.toString()),
                Filters.eq("purpose", purpose.value())))) {
            last = Math.max(last, d.getInteger("sequence"));
        }
        return last;
    }

    public void markFull(String id) {
        lists.updateOne(Filters.eq("_id", id), Updates.set("full", true));
    }

    /**
     * Records a signed version about to be anchored, unless the list moved on meanwhile or another anchoring is in
     * flight; false then.
     */
    public boolean beginPublication(String id, long currentVersion, StatusList.Publication publication) {
        Document pending = new Document("version", publication.version()).append("credential", publication.credential())
            .append("transaction", publication.transaction()).append("bits", new Binary(publication.bits()));
        return lists.updateOne(Filters.and(Filters.eq("_id", id), Filters.eq("version", currentVersion),
            Filters.exists("pending", false)), Updates.set("pending", pending)).getModifiedCount() == 1;
    }

    /** Makes an anchored version current. */
    public void finishPublication(String id, StatusList.Publication publication, long anchorIndex) {
        lists.updateOne(Filters.and(Filters.eq("_id", id), Filters.eq("pending.version", publication.version())),
            Updates.combine(Updates.set("version", publication.version()),
                Updates.set("credential", publication.credential()), Updates.set("bits", new Binary(publication.bits())),
                Updates.set("anchorIndex", anchorIndex), Updates.unset("pending")));
    }

    /** Drops an anchoring the ledger refused. */
    public void abandonPublication(String id, long version) {
        lists.updateOne(Filters.and(Filters.eq("_id", id), Filters.eq("pending.version", version)), Updates.unset("pending"));
    }

    /** Lists whose anchoring was in flight (a restart resubmits them). */
    public List<StatusList> withPendingPublication() {
        List<StatusList> out = new ArrayList<>();
        lists.find(Filters.exists("pending", true)).forEach(d -> out.add(fromDocument(d)));
        return out;
    }

    public List<StatusList> all() {
        List<StatusList> out = new ArrayList<>();
        lists.find().forEach(d -> out.add(fromDocument(d)));
        return out;
    }

    private static StatusList fromDocument(Document d) {
        Document pending = d.get("pending", Document.class);
        StatusList.Publication publication = pending == null ? null : new StatusList.Publication(
            pending.getLong("version"), pending.getString("credential"), pending.getString("transaction"),
            pending.get("bits", Binary.class).getData());
        try {
            return new StatusList(d.getString("_id"), Did.parse(d.getString("issuer")),
                StatusPurpose.fromValue(d.getString("purpose")).orElseThrow(), d.getInteger("sequence"),
                d.getInteger("length"), d.getBoolean("full", false), d.get("bits", Binary.class).getData(),
                d.getLong("version"), d.getString("credential"), d.get("anchorIndex", 0L), publication);
        } catch (FormatException e) {
            throw new IllegalStateException("a stored status list names a malformed issuer: " + e.getMessage());
        }
    }
}
