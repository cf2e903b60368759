package org.civitas.identity.did;

import io.lettuce.core.RedisClient;
import org.civitas.sdk.did.Did;
import org.civitas.sdk.did.DidDocument;
import org.civitas.sdk.key.KeyType;
import org.civitas.sdk.key.SigningKey;
import org.civitas.testkit.LocalRedis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/** The resolution cache in front of the ledger: misses share one ledger read, hits share one decoded answer. */
class ResolutionServiceTest {

    private static final int CALLERS = 8;

    LocalRedis redis;
    RedisClient client;
    ResolutionCache cache;
    ExecutorService callers;

    @BeforeEach
    void setUp() {
        redis = LocalRedis.start();
        client = RedisClient.create(redis.uri());
        cache = new ResolutionCache(client, Duration.ofSeconds(30), Duration.ofSeconds(60));
        callers = Executors.newFixedThreadPool(CALLERS);
    }

    @AfterEach
    void tearDown() {
        callers.shutdownNow();
        cache.close();
        client.shutdown();
        redis.close();
    }

    @Test
    void resolve_concurrentMissesOfOneDid_readTheLedgerOnce() throws Exception {
        DidDocument document = CitizenDocuments.initial(SigningKey.generate(KeyType.P256).signingKey().verificationKey());
        HeldLedger ledger = new HeldLedger(document);
        ResolutionService service = new ResolutionService(ledger, cache, Clock.systemUTC());

        List<Future<String>> answers = new ArrayList<>();
        for (int i = 0; i < CALLERS; i++) answers.add(callers.submit(() -> service.resolve(document.id(), null, JSON)));
        ledger.reading.await();
        // until the others wait for the first one's read (or, wrongly, read the ledger themselves)
        while (!allWaiting(answers.size() - 1) && ledger.reads.get() == 1) Thread.onSpinWait();
        ledger.release.countDown();

        for (Future<String> answer : answers) assertEquals(document.json().toString(), answer.get());
        assertEquals(1, ledger.reads.get());
    }

    @Test
    void held_afterAFill_answersOneDecodedInstanceWithoutRedis() {
        DidDocument document = CitizenDocuments.initial(SigningKey.generate(KeyType.P256).signingKey().verificationKey());
        HeldLedger ledger = new HeldLedger(document);
        ledger.release.countDown();
        ResolutionService service = new ResolutionService(ledger, cache, Clock.systemUTC());
        assertNull(service.held(document.id(), JSON));

        service.resolve(document.id(), null, JSON);
        redis.close();                                                     // a hit must not need Redis

        assertSame(service.held(document.id(), JSON), service.held(document.id(), JSON));
        assertEquals(document.json().toString(), service.held(document.id(), JSON));
    }

    private boolean allWaiting(int expected) {
        int waiting = 0;
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().startsWith("pool-") && thread.getState() == Thread.State.WAITING) {
                for (StackTraceElement frame : thread.getStackTrace()) {
                    if (frame.getMethodName().equals("awaited")) {
                        waiting++;
                        break;
                    }
                }
            }
        }
        return waiting >= expected;
    }

    /** Answers the answer's JSON text; a new String per decode, so sharing one instance is visible. */
    private static final ResolutionService.Codec<String> JSON = new ResolutionService.Codec<>() {
        @Override public String answer(ProvenDocument document) { return document.documentJson(); }

        @Override public byte[] encode(String answer) { return answer.getBytes(StandardCharsets.UTF_8); }

        @Override public String decode(byte[] cached) { return new String(cached, StandardCharsets.UTF_8); }
    };

    /** The ledger's answer for one current document, held back until released, counting the reads. */
    private static final class HeldLedger implements DocumentSource {
        final DidDocument document;
        final AtomicInteger reads = new AtomicInteger();
        final CountDownLatch reading = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        HeldLedger(DidDocument document) { this.document = document; }

        @Override
        public ProvenDocument resolve(Did did, Instant asOf) {
            reads.incrementAndGet();
            reading.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            Instant created = Instant.parse("2026-01-01T00:00:00Z");
            return new ProvenDocument(did, document.json().toString(), document,
                new DocumentMetadata(created, created, false, 7, null), null);
        }
    }
}
