package org.civitas.server.idempotency;

import com.google.protobuf.StringValue;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.grpc.Status;
import org.civitas.testkit.InProcessMongo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Idempotency on request_id through the official driver against the embedded MongoDB. */
class IdempotentRequestsTest {

    InProcessMongo mongo;
    MongoClient client;
    Instant now = Instant.parse("2026-12-01T09:00:00Z");
    IdempotentRequests requests;
    final AtomicInteger runs = new AtomicInteger();

    @BeforeEach
    void start() {
        mongo = InProcessMongo.start();
        client = MongoClients.create(mongo.uri());
        Clock clock = new Clock() {
            @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
            @Override public Clock withZone(java.time.ZoneId zone) { return this; }
            @Override public Instant instant() { return now; }
        };
        requests = new IdempotentRequests(client.getDatabase("test"), "test.civitas", clock);
    }

    @AfterEach
    void stop() {
        client.close();
        mongo.close();
    }

    @Test
    void retryWithTheSameContent_getsTheFirstAnswerWithoutRunningAgain() {
        StringValue first = call("r-1", "issue diploma");
        StringValue again = call("r-1", "issue diploma");

        assertEquals(first, again);
        assertEquals(1, runs.get());
    }

    @Test
    void sameIdWithOtherContent_isAlreadyExists() {
        call("r-1", "issue diploma");

        IdempotencyException e = assertThrows(IdempotencyException.class, () -> call("r-1", "issue transcript"));
        assertEquals(Status.Code.ALREADY_EXISTS, e.reason().code());
    }

    @Test
    void failedCall_releasesItsIdSoARetryRuns() {
        assertThrows(IllegalStateException.class, () -> requests.once("scope", "r-2", StringValue.of("x"),
            StringValue.parser(), () -> { throw new IllegalStateException("store down"); }));

        assertEquals("done 1", call("r-2", "x").getValue());
    }

    @Test
    void retryWhileTheFirstCallRuns_isAbortedAndAfterItsLeaseTakesOver() {
        IdempotencyException inProgress = assertThrows(IdempotencyException.class, () -> requests.once("scope", "r-3",
            StringValue.of("x"), StringValue.parser(), () -> call("r-3", "x")));
        assertEquals(Status.Code.ABORTED, inProgress.reason().code());

        // a first call that never finished (its process died): once its lease runs out a retry takes over
        assertThrows(IllegalStateException.class, () -> requests.once("scope", "r-4", StringValue.of("y"),
            StringValue.parser(), () -> { throw new IllegalStateException("crash"); }));
        reserveForever("r-4", "y");
        now = now.plus(IdempotentRequests.LEASE).plus(Duration.ofSeconds(1));
        assertEquals("done " + (runs.get() + 1), call("r-4", "y").getValue());
    }

    @Test
    void missingRequestId_isInvalidArgument() {
        IdempotencyException e = assertThrows(IdempotencyException.class, () -> call("", "x"));
        assertEquals(Status.Code.INVALID_ARGUMENT, e.reason().code());
        assertEquals("request_id", e.fieldProblems().get(0).field());
    }

    private StringValue call(String requestId, String content) {
        return requests.once("scope", requestId, StringValue.of(content), StringValue.parser(),
            () -> StringValue.of("done " + runs.incrementAndGet()));
    }

    /** Leaves a reservation behind as a crashed process would. */
    private void reserveForever(String requestId, String content) {
        try {
            requests.once("scope", requestId, StringValue.of(content), StringValue.parser(), () -> {
                throw new Crash();
            });
        } catch (Crash expected) {
            client.getDatabase("test").getCollection("requests").insertOne(new org.bson.Document("_id",
                "scope\u0000" + requestId).append("fingerprint", fingerprint(content))
                .append("leaseUntil", java.util.Date.from(now.plus(IdempotentRequests.LEASE))));
        }
    }

    private static byte[] fingerprint(String content) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(StringValue.of(content).toByteArray());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private static final class Crash extends RuntimeException { }
}
