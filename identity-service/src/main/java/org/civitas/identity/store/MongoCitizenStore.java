package org.civitas.identity.store;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.types.Binary;
import org.civitas.identity.citizen.Citizen;
import org.civitas.identity.citizen.CitizenState;
import org.civitas.identity.citizen.CitizenStore;
import org.civitas.identity.citizen.Device;
import org.civitas.identity.citizen.DeviceInfo;
import org.civitas.identity.citizen.DeviceState;
import org.civitas.identity.citizen.EnrolmentRecord;
import org.civitas.identity.citizen.PendingWrite;
import org.civitas.identity.enrolment.NationalIdHash;
import org.civitas.sdk.FormatException;
import org.civitas.sdk.did.Did;
import org.civitas.sdk.ledger.LedgerEntry;
import org.civitas.sdk.ledger.SignedTransaction;
import org.civitas.sdk.ledger.TransactionSignature;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Citizen records in the {@code citizens} collection: {@code _id} is the DID, a unique index on {@code nidHash}
 * (the national id's keyed hash) makes "one citizen per person" atomic, even for two registrars enrolling the same
 * person at once. Documents carry {@code schema} (their layout version) and {@code rev} (bumped by every update, so
 * that read-modify-write of the device list never loses a concurrent change).
 * <p>
 * A record is also the idempotency record of the EnrolCitizen request that made it: {@code enrolRequest} (the
 * request key, unique) and {@code enrolFingerprint} are inserted with the pending record, and its completion moves
 * the committed write to {@code enrolWrite} and sets {@code enrolIndex}, from which the request's answer is
 * rebuilt. So an enrolment costs one insert and one update here, with no separate reservation and answer.
 */
public final class MongoCitizenStore implements CitizenStore {

    static final int SCHEMA = 1;
    private static final String ENROL_REQUEST = "enrolRequest";
    private static final String ENROL_FINGERPRINT = "enrolFingerprint";
    private static final String ENROL_WRITE = "enrolWrite";
    private static final String ENROL_INDEX = "enrolIndex";
    /** What a replacement of the whole record (device writes) must carry over: the enrolment request's answer. */
    private static final List<String> ENROLMENT_FIELDS = List.of(ENROL_REQUEST, ENROL_FINGERPRINT, ENROL_WRITE,
        ENROL_INDEX);
    private static final int MAX_ATTEMPTS = 20;

    private final MongoCollection<Document> citizens;

    public MongoCitizenStore(MongoDatabase database) {
        this.citizens = database.getCollection("citizens");
        citizens.createIndex(Indexes.ascending("nidHash"), new IndexOptions().unique(true).name("nidHash_unique"));
        citizens.createIndex(Indexes.ascending("pending.since"), new IndexOptions().sparse(true));
        // The conditional writes filter on _id plus one field. The embedded MongoDB answers such a filter from an
        // index only when one has exactly its keys (else it scans the collection); a real MongoDB uses _id anyway.
        citizens.createIndex(Indexes.ascending("_id", "pending.requestKey"),
            new IndexOptions().unique(true).name("id_pending_request"));
        citizens.createIndex(Indexes.ascending("_id", "rev"), new IndexOptions().unique(true).name("id_rev"));
        // sparse: records made before requests were kept on them have none
        citizens.createIndex(Indexes.ascending(ENROL_REQUEST),
            new IndexOptions().unique(true).sparse(true).name("enrol_request_unique"));
    }

    @Override
    public Conflict insertPending(Citizen citizen, byte[] requestFingerprint) {
        String requestKey = citizen.pending().requestKey();
        try {
            citizens.insertOne(toDocument(citizen).append("rev", 0L).append(ENROL_REQUEST, requestKey)
                .append(ENROL_FINGERPRINT, new Binary(requestFingerprint)));
            return Conflict.NONE;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) throw e;
            if (citizens.countDocuments(Filters.eq(ENROL_REQUEST, requestKey)) > 0) return Conflict.REQUEST;
            return citizens.countDocuments(Filters.eq("_id", citizen.did().toString())) > 0
                ? Conflict.DID : Conflict.NATIONAL_ID;
        }
    }

    @Override
    public Optional<EnrolmentRecord> findEnrolment(String requestKey) {
        Document d = citizens.find(Filters.eq(ENROL_REQUEST, requestKey)).first();
        if (d == null) return Optional.empty();
        Citizen citizen = fromDocument(d);
        byte[] fingerprint = ((Binary) d.get(ENROL_FINGERPRINT)).getData();
        if (citizen.pending() != null && citizen.pending().requestKey().equals(requestKey)) {
            return Optional.of(new EnrolmentRecord(citizen.did(), fingerprint, citizen.pending(), null));
        }
        Document committed = d.get(ENROL_WRITE, Document.class);
        Number index = d.get(ENROL_INDEX, Number.class);
        if (committed == null || index == null || citizen.enrolledAt() == null) return Optional.empty();
        try {
            PendingWrite write = pending(committed);
            return Optional.of(new EnrolmentRecord(citizen.did(), fingerprint, write,
                LedgerEntry.of(index.longValue(), citizen.enrolledAt(), write.transaction())));
        } catch (FormatException e) {
            throw new IllegalStateException("a stored enrolment does not read back: " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<Citizen> find(Did did) {
        return Optional.ofNullable(citizens.find(Filters.eq("_id", did.toString())).first()).map(this::fromDocument);
    }

    @Override
    public Optional<Citizen> findByNationalId(NationalIdHash hash) {
        return Optional.ofNullable(citizens.find(Filters.eq("nidHash", new Binary(hash.bytes()))).first())
            .map(this::fromDocument);
    }

    @Override
    public boolean beginWrite(Did did, PendingWrite write) {
        boolean[] mine = new boolean[1];
        modify(did, null, citizen -> {
            mine[0] = citizen.pending() == null ? citizen.state() == CitizenState.ACTIVE
                : citizen.pending().requestKey().equals(write.requestKey());
            if (!mine[0] || citizen.pending() != null) return citizen;
            return new Citizen(citizen.did(), citizen.state(), citizen.nationalIdHash(), citizen.region(),
                citizen.registrar(), citizen.assuranceLevel(), citizen.proofingMethod(), citizen.proofedAt(),
                citizen.enrolledAt(), citizen.devices(), write, citizen.firebaseUids(), citizen.tokensToUnsubscribe());
        });
        return mine[0];
    }

    @Override
    public boolean complete(Did did, PendingWrite write, LedgerEntry committed) {
        if (write.operation() == PendingWrite.Operation.ENROL) {
            // a pending record has no devices yet and nothing else changes it: one conditional update suffices
            Device d = write.device();
            Device first = new Device(d.id(), d.verificationMethod(), d.publicKeyMultibase(), d.keyVersion(),
                DeviceState.ACTIVE, d.info(), committed.committedAt(), null, null);
            // the write moves (server side, nothing resent) to where its request's answer is rebuilt from
            return citizens.updateOne(byId(did).append("pending.requestKey", write.requestKey()),
                Updates.combine(Updates.set("state", CitizenState.ACTIVE.name()),
                    Updates.set("enrolledAt", Date.from(committed.committedAt())),
                    Updates.set("devices", List.of(device(first))), Updates.rename("pending", ENROL_WRITE),
                    Updates.set(ENROL_INDEX, committed.index()), Updates.inc("rev", 1L)))
                .getModifiedCount() == 1;
        }
        return modify(did, write.requestKey(), citizen -> applied(citizen, write, committed));
    }

    private static Citizen applied(Citizen c, PendingWrite write, LedgerEntry committed) {
        Instant at = committed.committedAt();
        List<Device> devices = new ArrayList<>(c.devices());
        List<String> unsubscribe = new ArrayList<>(c.tokensToUnsubscribe());
        Device d = write.device();
        switch (write.operation()) {
            case ENROL, BIND_DEVICE -> {
                devices.removeIf(existing -> existing.id().equals(d.id()));
                devices.add(new Device(d.id(), d.verificationMethod(), d.publicKeyMultibase(), d.keyVersion(),
                    DeviceState.ACTIVE, d.info(), at, null, null));
            }
            case ROTATE_DEVICE_KEY -> devices.replaceAll(existing -> existing.id().equals(d.id())
                ? new Device(d.id(), d.verificationMethod(), d.publicKeyMultibase(), d.keyVersion(),
                    existing.state(), existing.info(), existing.boundAt(), existing.revokedAt(), existing.pushToken())
                : existing);
            case REVOKE_DEVICE -> devices.replaceAll(existing -> {
                if (!existing.id().equals(d.id())) return existing;
                if (existing.pushToken() != null) unsubscribe.add(existing.pushToken());
                return new Device(existing.id(), existing.verificationMethod(), existing.publicKeyMultibase(),
                    existing.keyVersion(), DeviceState.REVOKED, existing.info(), existing.boundAt(), at, null);
            });
        }
        CitizenState state = CitizenState.ACTIVE;
        Instant enrolledAt = write.operation() == PendingWrite.Operation.ENROL ? at : c.enrolledAt();
        return new Citizen(c.did(), state, c.nationalIdHash(), c.region(), c.registrar(), c.assuranceLevel(),
            c.proofingMethod(), c.proofedAt(), enrolledAt, devices, null, c.firebaseUids(), unsubscribe);
    }

    @Override
    public void abandon(Did did, PendingWrite write) {
        Document mine = byId(did).append("pending.requestKey", write.requestKey());
        if (write.operation() == PendingWrite.Operation.ENROL) {
            citizens.deleteOne(mine);                     // an ENROL is pending only on a PENDING record
        } else {
            citizens.updateOne(mine, Updates.combine(Updates.unset("pending"), Updates.inc("rev", 1L)));
        }
    }

    @Override
    public List<Citizen> withPendingWritesSince(Instant before) {
        List<Citizen> out = new ArrayList<>();
        citizens.find(Filters.lt("pending.since", Date.from(before))).forEach(d -> out.add(fromDocument(d)));
        return out;
    }

    @Override
    public String setPushToken(Did did, String deviceId, String token) {
        String[] replaced = new String[1];
        modify(did, null, c -> {
            replaced[0] = null;
            List<String> unsubscribe = new ArrayList<>(c.tokensToUnsubscribe());
            List<Device> devices = new ArrayList<>();
            for (Device d : c.devices()) {
                if (d.id().equals(deviceId)) {
                    if (d.pushToken() != null && !d.pushToken().equals(token)) {
                        replaced[0] = d.pushToken();
                        unsubscribe.add(d.pushToken());
                    }
                    unsubscribe.remove(token);
                    d = new Device(d.id(), d.verificationMethod(), d.publicKeyMultibase(), d.keyVersion(), d.state(),
                        d.info(), d.boundAt(), d.revokedAt(), token);
                }
                devices.add(d);
            }
            return new Citizen(c.did(), c.state(), c.nationalIdHash(), c.region(), c.registrar(), c.assuranceLevel(),
                c.proofingMethod(), c.proofedAt(), c.enrolledAt(), devices, c.pending(), c.firebaseUids(),
                unsubscribe);
        });
        return replaced[0];
    }

    @Override
    public void unsubscribed(Did did, String token) {
        citizens.updateOne(Filters.eq("_id", did.toString()),
            Updates.combine(Updates.pull("tokensToUnsubscribe", token), Updates.inc("rev", 1L)));
    }

    @Override
    public List<Citizen> withTokensToUnsubscribe() {
        List<Citizen> out = new ArrayList<>();
        citizens.find(Filters.exists("tokensToUnsubscribe.0")).forEach(d -> out.add(fromDocument(d)));
        return out;
    }

    @Override
    public void linkFirebaseUid(Did did, String uid) {
        citizens.updateOne(Filters.eq("_id", did.toString()),
            Updates.combine(Updates.addToSet("firebaseUids", uid), Updates.inc("rev", 1L)));
    }

    /**
     * Optimistic read-modify-write on {@code rev}; with {@code requestKey}, only while that request's write is
     * still pending. False when the condition no longer holds.
     */
    private boolean modify(Did did, String requestKey, UnaryOperator<Citizen> change) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Document current = citizens.find(Filters.eq("_id", did.toString())).first();
            if (current == null) return false;
            Citizen citizen = fromDocument(current);
            if (requestKey != null
                    && (citizen.pending() == null || !citizen.pending().requestKey().equals(requestKey))) {
                return false;
            }
            long rev = current.get("rev", Number.class).longValue();
            Document next = toDocument(change.apply(citizen)).append("rev", rev + 1);
            for (String field : ENROLMENT_FIELDS) {
                if (current.containsKey(field)) next.append(field, current.get(field));
            }
            var result = citizens.replaceOne(byId(did).append("rev", rev), next);
            if (result.getModifiedCount() == 1) return true;
        }
        throw new IllegalStateException("the record of " + did + " changed " + MAX_ATTEMPTS + " times under a write");
    }

    /**
     * A filter on the DID plus further equalities, written flat (an {@code $and} makes the embedded MongoDB scan the
     * collection); with exactly the keys of one of the indexes created above, it is answered from that index.
     */
    private static Document byId(Did did) {
        return new Document("_id", did.toString());
    }

    // --- mapping ---

    private static Document toDocument(Citizen c) {
        Document d = new Document("_id", c.did().toString())
            .append("schema", SCHEMA)
            .append("state", c.state().name())
            .append("nidHash", new Binary(c.nationalIdHash().bytes()))
            .append("region", c.region())
            .append("registrar", c.registrar().toString())
            .append("assuranceLevel", c.assuranceLevel())
            .append("proofingMethod", c.proofingMethod())
            .append("proofedAt", date(c.proofedAt()))
            .append("enrolledAt", date(c.enrolledAt()));
        List<Document> devices = new ArrayList<>();
        for (Device device : c.devices()) devices.add(device(device));
        d.append("devices", devices);
        if (c.pending() != null) d.append("pending", pending(c.pending()));
        d.append("firebaseUids", c.firebaseUids());
        d.append("tokensToUnsubscribe", c.tokensToUnsubscribe());
        return d;
    }

    private static Document device(Device device) {
        return new Document("id", device.id())
            .append("method", device.verificationMethod())
            .append("key", device.publicKeyMultibase())
            .append("keyVersion", device.keyVersion())
            .append("state", device.state().name())
            .append("displayName", device.info().displayName())
            .append("platform", device.info().platform())
            .append("keyStorage", device.info().keyStorage())
            .append("boundAt", date(device.boundAt()))
            .append("revokedAt", date(device.revokedAt()))
            .append("pushToken", device.pushToken());
    }

    private static Document pending(PendingWrite write) {
        List<Document> signatures = new ArrayList<>();
        for (TransactionSignature s : write.transaction().signatures()) {
            signatures.add(new Document("method", s.verificationMethod()).append("signature", new Binary(s.signature())));
        }
        return new Document("op", write.operation().name())
            .append("requestKey", write.requestKey())
            .append("payload", new Binary(write.transaction().payload()))
            .append("signatures", signatures)
            .append("since", Date.from(write.since()))
            .append("device", device(write.device()));
    }

    private Citizen fromDocument(Document d) {
        List<Device> devices = new ArrayList<>();
        for (Document device : d.getList("devices", Document.class, List.of())) devices.add(device(device));
        Document pending = d.get("pending", Document.class);
        try {
            return new Citizen(Did.parse(d.getString("_id")), CitizenState.valueOf(d.getString("state")),
                NationalIdHash.of(((Binary) d.get("nidHash")).getData()), d.getString("region"),
                Did.parse(d.getString("registrar")), d.getInteger("assuranceLevel", 0), d.getString("proofingMethod"),
                instant(d.getDate("proofedAt")), instant(d.getDate("enrolledAt")), devices,
                pending == null ? null : pending(pending), d.getList("firebaseUids", String.class, List.of()),
                d.getList("tokensToUnsubscribe", String.class, List.of()));
        } catch (FormatException e) {
            throw new IllegalStateException("a stored citizen record does not read back: " + e.getMessage(), e);
        }
    }

    private static Device device(Document d) {
        return new Device(d.getString("id"), d.getString("method"), d.getString("key"), d.getInteger("keyVersion", 1),
            DeviceState.valueOf(d.getString("state")),
            new DeviceInfo(d.getString("displayName"), d.getString("platform"), d.getString("keyStorage")),
            instant(d.getDate("boundAt")), instant(d.getDate("revokedAt")), d.getString("pushToken"));
    }

    private static PendingWrite pending(Document d) throws FormatException {
        List<TransactionSignature> signatures = new ArrayList<>();
        for (Document s : d.getList("signatures", Document.class)) {
            signatures.add(new TransactionSignature(s.getString("method"), ((Binary) s.get("signature")).getData()));
        }
        return new PendingWrite(PendingWrite.Operation.valueOf(d.getString("op")), d.getString("requestKey"),
            SignedTransaction.of(((Binary) d.get("payload")).getData(), signatures), instant(d.getDate("since")),
            device(d.get("device", Document.class)));
    }

    private static Date date(Instant instant) { return instant == null ? null : Date.from(instant); }

    private static Instant instant(Date date) { return date == null ? null : date.toInstant(); }
}
