package org.civitas.server.idempotency;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.types.Binary;
import org.civitas.server.FieldProblem;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.function.Supplier;

/**
 * Makes writes idempotent on their {@code request_id}, in MongoDB: the first call reserves the id (with a lease),
 * runs, and stores its answer; a retry with the same content gets that answer back; the same id with other content
 * is ALREADY_EXISTS; a retry while the first call still runs is ABORTED (retry shortly). A call that fails releases
 * its reservation, so the client may retry it. If a process dies mid-call, the lease expires and a retry runs the
 * work again: work must therefore be safe to repeat (the services make their effects idempotent themselves, e.g.
 * an outbox keyed by the request id). Thread-safe.
 */
public final class IdempotentRequests {

    /** How long a reservation holds before another attempt may take it over (a crashed first call). */
    static final Duration LEASE = Duration.ofSeconds(60);
    /** Answers are kept this long; later retries are treated as new requests. */
    static final Duration RETENTION = Duration.ofDays(7);

    private final MongoCollection<Document> requests;
    private final String domain;
    private final Clock clock;

    /**
     * @param domain the ErrorInfo domain of the service, e.g. {@code issuer.civitas}
     */
    public IdempotentRequests(MongoDatabase database, String domain, Clock clock) {
        this.requests = database.getCollection("requests");
        this.domain = domain;
        this.clock = clock;
        // a real MongoDB drops answers after their retention; the embedded server keeps them (harmless)
        requests.createIndex(com.mongodb.client.model.Indexes.ascending("expiresAt"),
            new com.mongodb.client.model.IndexOptions().expireAfter(0L, java.util.concurrent.TimeUnit.SECONDS));
    }

    /**
     * Runs {@code work} once per {@code (scope, requestId)}.
     *
     * @param scope names the rpc and the caller (request ids are unique per caller and rpc, not globally)
     */
    public <R extends Message> R once(String scope, String requestId, Message request, Parser<R> responses,
                                      Supplier<R> work) {
        requireRequestId(requestId);
        String id = scope + "\u0000" + requestId;
        byte[] fingerprint = fingerprint(request);
        Instant now = clock.instant();
        if (!reserve(id, fingerprint, now)) {
            Document existing = requests.find(Filters.eq("_id", id)).first();
            if (existing == null) return once(scope, requestId, request, responses, work);   // released meanwhile
            if (!Arrays.equals(((Binary) existing.get("fingerprint")).getData(), fingerprint)) throw reused(requestId);
            Binary stored = (Binary) existing.get("response");
            if (stored != null) return parse(responses, stored.getData());
            Date lease = existing.getDate("leaseUntil");
            if (lease.toInstant().isAfter(now) || !takeOver(id, lease, now)) {
                throw new IdempotencyException(domain, IdempotencyException.Reason.REQUEST_IN_PROGRESS,
                    "a call with request_id " + requestId + " is still in progress; retry shortly for its answer",
                    List.of(), Duration.ofSeconds(1));
            }
        }
        R response;
        try {
            response = work.get();
        } catch (RuntimeException | Error e) {
            requests.deleteOne(Filters.and(Filters.eq("_id", id), Filters.exists("response", false)));
            throw e;
        }
        requests.updateOne(Filters.eq("_id", id), Updates.combine(Updates.set("response", response.toByteArray()),
            Updates.set("completedAt", Date.from(clock.instant())),
            Updates.set("expiresAt", Date.from(clock.instant().plus(RETENTION)))));
        return response;
    }

    /**
     * Refuses a missing or overlong request_id (REQUEST_ID_MISSING). For writes that keep their idempotency in their
     * own record instead of {@link #once}.
     */
    public void requireRequestId(String requestId) {
        if (requestId == null || requestId.isEmpty()) {
            throw new IdempotencyException(domain, IdempotencyException.Reason.REQUEST_ID_MISSING,
                "request_id is required: give every write a unique id and reuse it when retrying",
                List.of(new FieldProblem("request_id", "is required")), null);
        }
        if (requestId.length() > 200) {
            throw new IdempotencyException(domain, IdempotencyException.Reason.REQUEST_ID_MISSING,
                "request_id is longer than 200 characters", List.of(new FieldProblem("request_id", "at most 200 characters")), null);
        }
    }

    /** REQUEST_ID_REUSED: the request_id was used before with other content (see {@link #fingerprint}). */
    public IdempotencyException reused(String requestId) {
        return new IdempotencyException(domain, IdempotencyException.Reason.REQUEST_ID_REUSED,
            "request_id " + requestId + " was already used for a different request; use a new id for new "
                + "content", List.of(new FieldProblem("request_id", "already used for other content")), null);
    }

    private boolean reserve(String id, byte[] fingerprint, Instant now) {
        try {
            requests.insertOne(new Document("_id", id).append("fingerprint", fingerprint)
                .append("leaseUntil", Date.from(now.plus(LEASE))).append("createdAt", Date.from(now)));
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) return false;
            throw e;
        }
    }

    /** Takes over a reservation whose lease ran out (its call died), unless another retry got there first. */
    private boolean takeOver(String id, Date expiredLease, Instant now) {
        return requests.updateOne(Filters.and(Filters.eq("_id", id), Filters.eq("leaseUntil", expiredLease),
                Filters.exists("response", false)),
            Updates.set("leaseUntil", Date.from(now.plus(LEASE)))).getModifiedCount() == 1;
    }

    private static <R extends Message> R parse(Parser<R> parser, byte[] bytes) {
        try {
            return parser.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("a stored answer does not parse", e);
        }
    }

    /** SHA-256 of the request's deterministic serialization: equal for a retry, different for other content. */
    public static byte[] fingerprint(Message request) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            CodedOutputStream out = CodedOutputStream.newInstance(bytes);
            out.useDeterministicSerialization();
            request.writeTo(out);
            out.flush();
            return MessageDigest.getInstance("SHA-256").digest(bytes.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
