package org.civitas.identity.store;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import org.bson.Document;
import org.civitas.identity.agency.Agency;
import org.civitas.identity.agency.AgencyKind;
import org.civitas.identity.agency.AgencyStore;
import org.civitas.sdk.FormatException;
import org.civitas.sdk.did.Did;

import java.util.Date;
import java.util.Optional;

/** Agencies in the {@code agencies} collection, {@code _id} the DID; documents carry {@code schema}. */
public final class MongoAgencyStore implements AgencyStore {

    static final int SCHEMA = 1;

    private final MongoCollection<Document> agencies;

    public MongoAgencyStore(MongoDatabase database) {
        this.agencies = database.getCollection("agencies");
    }

    @Override
    public boolean insert(Agency agency) {
        try {
            agencies.insertOne(new Document("_id", agency.did().toString())
                .append("schema", SCHEMA)
                .append("nameEn", agency.nameEn())
                .append("nameZh", agency.nameZh())
                .append("kind", agency.kind().name())
                .append("region", agency.region())
                .append("onboardedAt", Date.from(agency.onboardedAt()))
                .append("onboardedBy", agency.onboardedBy().toString()));
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) return false;
            throw e;
        }
    }

    @Override
    public Optional<Agency> find(Did did) {
        Document d = agencies.find(Filters.eq("_id", did.toString())).first();
        if (d == null) return Optional.empty();
        try {
            return Optional.of(new Agency(did, d.getString("nameEn"), d.getString("nameZh"),
                AgencyKind.valueOf(d.getString("kind")), d.getString("region"), d.getDate("onboardedAt").toInstant(),
                Did.parse(d.getString("onboardedBy"))));
        } catch (FormatException e) {
            throw new IllegalStateException("a stored agency does not read back: " + e.getMessage(), e);
        }
    }
}
