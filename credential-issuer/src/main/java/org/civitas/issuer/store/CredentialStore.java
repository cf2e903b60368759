package org.civitas.issuer.store;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.civitas.issuer.issuance.IssuedCredential;
import org.civitas.issuer.status.CredentialState;
import org.civitas.issuer.status.PendingChange;
import org.civitas.issuer.status.StatusChangeAction;
import org.civitas.issuer.status.StatusSlot;
import org.civitas.sdk.FormatException;
import org.civitas.sdk.did.Did;
import org.civitas.sdk.status.StatusPurpose;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * Issued credentials in MongoDB ({@code credentials}), one document per credential holding the signed VC, its
 * status slots, state and outbox marks. Unique indexes make the guarantees: {@code _id} (derived from issuer and
 * request id) makes issuance idempotent, and one per status list slot makes an index never serve two credentials.
 * Documents carry a schema version {@code v}. Thread-safe.
 */
public final class CredentialStore {

    static final int SCHEMA = 1;
    private final MongoCollection<Document> credentials;
    private final MongoCollection<Document> groups;

    public CredentialStore(MongoDatabase database) {
        this.credentials = database.getCollection("credentials");
        this.groups = database.getCollection("issuance_groups");
        credentials.createIndex(Indexes.ascending("revocationList", "revocationIndex"),
            new IndexOptions().unique(true).name("revocation_slot"));
        credentials.createIndex(Indexes.ascending("suspensionList", "suspensionIndex"),
            new IndexOptions().unique(true).name("suspension_slot"));
        // query paths of a real MongoDB (the embedded server scans): wallets, the outboxes, list rebuilds
        credentials.createIndex(Indexes.compoundIndex(Indexes.ascending("holder"), Indexes.descending("issuedAt")));
        credentials.createIndex(Indexes.ascending("group"));
        groups.createIndex(Indexes.ascending("done"));
        credentials.createIndex(Indexes.ascending("change.id"), new IndexOptions().sparse(true));
    }

    /**
     * Inserts new credentials in one round trip; for each, in order, whether it was written (false: a credential
     * with its id exists already, i.e. the same request was issued before).
     */
    public List<Boolean> insertAll(List<IssuedCredential> items) {
        List<Document> documents = new ArrayList<>(items.size());
        for (IssuedCredential c : items) documents.add(toDocument(c));
        List<Boolean> written = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) written.add(true);
        try {
            credentials.insertMany(documents, new InsertManyOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            for (BulkWriteError error : e.getWriteErrors()) {
                if (ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY
                        || !error.getMessage().contains("_id")) {
                    throw e;
                }
                written.set(error.getIndex(), false);
            }
        }
        return written;
    }

    public Optional<IssuedCredential> find(String id) {
        Document document = credentials.find(Filters.eq("_id", id)).first();
        return Optional.ofNullable(document).map(CredentialStore::fromDocument);
    }

    /** Records a write group as pending, before its credentials are inserted (the issuance outbox). */
    public void beginGroup(String groupId) {
        groups.insertOne(new Document("_id", groupId).append("v", SCHEMA).append("done", false)
            .append("at", new Date()));
    }

    /** Marks write groups done: their credentials' audit entries are appended and holders notified. */
    public void finishGroups(Collection<String> groupIds) {
        if (groupIds.isEmpty()) return;
        groups.updateMany(Filters.in("_id", groupIds), Updates.set("done", true));
    }

    /** Write groups a crash left pending (a restart replays their credentials). */
    public List<String> pendingGroups() {
        List<String> out = new ArrayList<>();
        groups.find(Filters.eq("done", false)).forEach(d -> out.add(d.getString("_id")));
        return out;
    }

    /** The credentials stored in these write groups. */
    public List<IssuedCredential> inGroups(Collection<String> groupIds) {
        List<IssuedCredential> out = new ArrayList<>();
        if (groupIds.isEmpty()) return out;
        credentials.find(Filters.in("group", groupIds)).forEach(d -> out.add(fromDocument(d)));
        return out;
    }

    /** A holder's credentials, newest first, after the given issuance time (exclusive), at most {@code limit}. */
    public List<IssuedCredential> byHolder(Did holder, Date before, String beforeId, int limit) {
        Bson filter = Filters.eq("holder", holder.toString());
        if (before != null) {
            filter = Filters.and(filter, Filters.or(Filters.lt("issuedAt", before),
                Filters.and(Filters.eq("issuedAt", before), Filters.lt("_id", beforeId))));
        }
        List<IssuedCredential> out = new ArrayList<>();
        credentials.find(filter).sort(Sorts.orderBy(Sorts.descending("issuedAt"), Sorts.descending("_id")))
            .limit(limit).forEach(d -> out.add(fromDocument(d)));
        return out;
    }

    /** The indexes of a status list already allocated to credentials. */
    public BitSet allocated(StatusPurpose purpose, String listId) {
        String list = purpose == StatusPurpose.REVOCATION ? "revocationList" : "suspensionList";
        String index = purpose == StatusPurpose.REVOCATION ? "revocationIndex" : "suspensionIndex";
        BitSet used = new BitSet();
        credentials.find(Filters.eq(list, listId)).projection(Projections.include(index))
            .forEach(d -> used.set(d.getInteger(index)));
        return used;
    }

    /**
     * The states of the credentials holding slots in a list that are set for its purpose: revoked for a
     * revocation list, suspended for a suspension list. What the list's bits must say.
     */
    public BitSet setBits(StatusPurpose purpose, String listId) {
        String list = purpose == StatusPurpose.REVOCATION ? "revocationList" : "suspensionList";
        String index = purpose == StatusPurpose.REVOCATION ? "revocationIndex" : "suspensionIndex";
        String state = purpose == StatusPurpose.REVOCATION ? CredentialState.REVOKED.name()
            : CredentialState.SUSPENDED.name();
        BitSet set = new BitSet();
        credentials.find(Filters.and(Filters.eq(list, listId), Filters.eq("state", state)))
            .projection(Projections.include(index)).forEach(d -> set.set(d.getInteger(index)));
        return set;
    }

    /**
     * Moves a credential from {@code expected} to the change's state and records the change as pending, in one
     * atomic write; false when the credential is no longer in {@code expected} or another change is pending.
     */
    public boolean beginChange(String id, CredentialState expected, PendingChange change) {
        Document pending = new Document("id", change.id()).append("action", change.action().name())
            .append("reason", change.reason()).append("actor", change.actor().toString()).append("at", Date.from(change.at()));
        Document history = new Document(pending);
        return credentials.updateOne(Filters.and(Filters.eq("_id", id), Filters.eq("state", expected.name()),
                Filters.exists("change", false)),
            Updates.combine(Updates.set("state", change.action().result().name()), Updates.set("change", pending),
                Updates.push("history", history))).getModifiedCount() == 1;
    }

    /** Credentials with a status change still being applied (a restart finishes them). */
    public List<IssuedCredential> withPendingChange() {
        List<IssuedCredential> out = new ArrayList<>();
        credentials.find(Filters.exists("change", true)).forEach(d -> out.add(fromDocument(d)));
        return out;
    }

    /** Clears a finished change (only that one: a later change stays pending). */
    public void finishChange(String id, String changeId) {
        credentials.updateOne(Filters.and(Filters.eq("_id", id), Filters.eq("change.id", changeId)),
            Updates.unset("change"));
    }

    /** How many credentials there are (operations, tests). */
    public long count() { return credentials.countDocuments(); }

    private static Document toDocument(IssuedCredential c) {
        Document d = new Document("_id", c.id()).append("v", SCHEMA)
            .append("issuer", c.issuer().toString()).append("holder", c.holder().toString())
            .append("requestId", c.requestId()).append("fingerprint", c.fingerprint())
            .append("type", c.type()).append("typeVersion", c.typeVersion()).append("region", c.region())
            .append("issuedAt", Date.from(c.issuedAt())).append("validFrom", Date.from(c.validFrom()))
            .append("validUntil", Date.from(c.validUntil())).append("state", c.state().name())
            .append("revocationList", c.revocation().listId()).append("revocationIndex", c.revocation().index())
            .append("suspensionList", c.suspension().listId()).append("suspensionIndex", c.suspension().index())
            .append("group", c.group())
            .append("json", c.json());
        return d;
    }

    static IssuedCredential fromDocument(Document d) {
        Document change = d.get("change", Document.class);
        PendingChange pending = change == null ? null : new PendingChange(change.getString("id"),
            StatusChangeAction.valueOf(change.getString("action")), change.getString("reason"),
            did(change.getString("actor")), change.getDate("at").toInstant());
        return new IssuedCredential(d.getString("_id"), did(d.getString("issuer")), did(d.getString("holder")),
            d.getString("type"), d.getString("typeVersion"), d.getString("region"), d.getString("requestId"),
            d.getString("fingerprint"), d.getString("json"), d.getDate("issuedAt").toInstant(),
            d.getDate("validFrom").toInstant(), d.getDate("validUntil").toInstant(),
            CredentialState.valueOf(d.getString("state")),
            new StatusSlot(StatusPurpose.REVOCATION, d.getString("revocationList"), d.getInteger("revocationIndex")),
            new StatusSlot(StatusPurpose.SUSPENSION, d.getString("suspensionList"), d.getInteger("suspensionIndex")),
            d.getString("group"), pending);
    }

    private static Did did(String text) {
        try {
            return Did.parse(text);
        } catch (FormatException e) {
            throw new IllegalStateException("a stored DID does not parse: " + e.getMessage());
        }
    }
}
