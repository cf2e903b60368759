package org.civitas.identity.store;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;
import org.civitas.identity.agency.AccreditationRequest;
import org.civitas.identity.agency.AccreditationRequestState;
import org.civitas.identity.agency.AccreditationRequestStore;
import org.civitas.sdk.FormatException;
import org.civitas.sdk.did.Did;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * Accreditation requests in {@code accreditation_requests}: {@code _id} is {@code ar-} + an ObjectId's hex, so ids
 * sort by creation time and pages follow them. Documents carry {@code schema}.
 */
public final class MongoAccreditationRequestStore implements AccreditationRequestStore {

    static final int SCHEMA = 1;
    private static final String PREFIX = "ar-";

    private final MongoCollection<Document> requests;

    public MongoAccreditationRequestStore(MongoDatabase database) {
        this.requests = database.getCollection("accreditation_requests");
        requests.createIndex(Indexes.ascending("root", "_id"));
        // lets the embedded MongoDB answer the conditional decision from an index (see MongoCitizenStore)
        requests.createIndex(Indexes.ascending("_id", "state"), new com.mongodb.client.model.IndexOptions().unique(true));
    }

    @Override
    public String newId() { return PREFIX + new ObjectId().toHexString(); }

    @Override
    public void insert(AccreditationRequest r) {
        requests.insertOne(new Document("_id", r.id())
            .append("schema", SCHEMA)
            .append("agency", r.agency().toString())
            .append("root", r.provincialRoot().toString())
            .append("types", r.credentialTypes())
            .append("regions", r.regions())
            .append("justification", r.justification())
            .append("state", r.state().name())
            .append("requestedAt", Date.from(r.requestedAt()))
            .append("decidedAt", r.decidedAt() == null ? null : Date.from(r.decidedAt()))
            .append("rejectionReason", r.rejectionReason())
            .append("grantEntryIndex", r.grantEntryIndex())
            .append("grantHash", r.grantHash()));
    }

    @Override
    public Optional<AccreditationRequest> find(String id) {
        return Optional.ofNullable(requests.find(Filters.eq("_id", id)).first()).map(MongoAccreditationRequestStore::read);
    }

    @Override
    public Page list(Did provincialRoot, AccreditationRequestState state, String after, int limit) {
        List<Bson> filters = new ArrayList<>();
        filters.add(Filters.eq("root", provincialRoot.toString()));
        if (state != null) filters.add(Filters.eq("state", state.name()));
        if (after != null) filters.add(Filters.gt("_id", after));
        List<AccreditationRequest> page = new ArrayList<>();
        requests.find(Filters.and(filters)).sort(Sorts.ascending("_id")).limit(limit + 1)
            .forEach(d -> page.add(read(d)));
        if (page.size() <= limit) return new Page(page, null);
        List<AccreditationRequest> shown = page.subList(0, limit);
        return new Page(List.copyOf(shown), shown.get(limit - 1).id());
    }

    @Override
    public boolean decide(String id, AccreditationRequestState decision, Instant at, String rejectionReason,
                          long grantEntryIndex, String grantHash) {
        return requests.updateOne(
            new Document("_id", id).append("state", AccreditationRequestState.PENDING.name()),
            Updates.combine(Updates.set("state", decision.name()), Updates.set("decidedAt", Date.from(at)),
                Updates.set("rejectionReason", rejectionReason), Updates.set("grantEntryIndex", grantEntryIndex), Updates.set("grantHash", grantHash)))
            .getModifiedCount() == 1;
    }

    private static AccreditationRequest read(Document d) {
        try {
            Date decided = d.getDate("decidedAt");
            Number grant = d.get("grantEntryIndex", Number.class);
            return new AccreditationRequest(d.getString("_id"), Did.parse(d.getString("agency")),
                Did.parse(d.getString("root")), d.getList("types", String.class), d.getList("regions", String.class),
                d.getString("justification"), AccreditationRequestState.valueOf(d.getString("state")),
                d.getDate("requestedAt").toInstant(), decided == null ? null : decided.toInstant(),
                d.getString("rejectionReason"), grant == null ? -1 : grant.longValue(), d.getString("grantHash"));
        } catch (FormatException e) {
            throw new IllegalStateException("a stored accreditation request does not read back: " + e.getMessage(), e);
        }
    }
}
