package org.civitas.issuer.issuance;

import org.civitas.testkit.FreePorts;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import org.bson.Document;
import org.civitas.issuer.fixtures.Grpc;
import org.civitas.issuer.fixtures.Party;
import org.civitas.issuer.fixtures.Requests;
import org.civitas.issuer.fixtures.TestWorld;
import org.civitas.proto.issuer.v1.CredentialIssuerGrpc;
import org.civitas.proto.issuer.v1.IssueCredentialRequest;
import org.civitas.proto.issuer.v1.StreamIssueCredentialsRequest;
import org.civitas.proto.issuer.v1.StreamIssueCredentialsResponse;
import org.civitas.proto.issuer.v1.VerifyAuditChainRequest;
import org.civitas.proto.issuer.v1.VerifyAuditChainResponse;
import org.civitas.testkit.LoopbackChannel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The issuer runs in a child JVM that dies mid-batch (halted right after credentials became durable and before
 * their audit entries, or killed at an arbitrary moment); after a restart, resending the batch must leave exactly
 * one credential, two status slots and one audit entry per request, with an intact audit chain.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrashRecoveryTest {

    private static final int BATCH = 240;

    TestWorld world;
    MongoClient mongo;
    MongoDatabase database;
    Party citizen;

    @BeforeAll
    void start() {
        world = TestWorld.start();
        mongo = MongoClients.create(world.mongo.uri());
        database = mongo.getDatabase("issuer");
        citizen = world.citizen();
    }

    @AfterAll
    void stop() {
        mongo.close();
        world.close();
    }

    @Test
    void issuerDyingMidBatch_haltedAfterWritesOrKilled_thenRestarted_issuesEachRequestExactlyOnce() throws Exception {
        // 1. halted right after credentials became durable, before their audit entries and notices
        List<IssueCredentialRequest> first = batch();
        Child crashing = Child.start(world, Map.of("civitas.issuer.crash.after-writes", "3"));
        stream(crashing, first, Integer.MAX_VALUE);
        assertTrue(crashing.process.waitFor(30, TimeUnit.SECONDS), "the halted issuer did not exit");
        long stored = credentials(first);
        assertTrue(stored > 0 && stored < BATCH, "died mid-batch with " + stored + " credentials stored");

        // 2. restarted: the relay replays the pending ones; the resent batch answers every request once
        Child restarted = Child.start(world, Map.of());
        assertEquals(BATCH, stream(restarted, first, Integer.MAX_VALUE).size());
        assertConsistent(first, restarted);

        // 3. killed at an arbitrary moment of another batch, restarted, the batch resent
        List<IssueCredentialRequest> second = batch();
        stream(restarted, second, BATCH / 3);
        restarted.process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        Child again = Child.start(world, Map.of());
        try {
            assertEquals(BATCH, stream(again, second, Integer.MAX_VALUE).size());
            assertConsistent(first, again);
            assertConsistent(second, again);
        } finally {
            again.stop();
        }
    }

    private List<IssueCredentialRequest> batch() {
        List<IssueCredentialRequest> batch = new ArrayList<>();
        for (int i = 0; i < BATCH; i++) batch.add(Requests.vaccination(citizen.did()).build());
        return batch;
    }

    /** Streams the batch; after {@code killAfter} answers the child is killed. Answers: request id → credential id. */
    private Map<String, String> stream(Child child, List<IssueCredentialRequest> batch, int killAfter) throws Exception {
        Map<String, String> answers = new HashMap<>();
        try (LoopbackChannel channel = LoopbackChannel.to(child.port)) {
            var responses = new Grpc.Collector<StreamIssueCredentialsResponse>() {
                @Override public void onNext(StreamIssueCredentialsResponse value) {
                    super.onNext(value);
                    if (value.hasResult() && received.stream().filter(StreamIssueCredentialsResponse::hasResult).count()
                            == killAfter) {
                        child.process.destroyForcibly();
                    }
                }
            };
            var requests = CredentialIssuerGrpc.newStub(channel.channel()).withCallCredentials(world.agency.bearer())
                .withDeadlineAfter(120, TimeUnit.SECONDS).streamIssueCredentials(responses);
            try {
                for (IssueCredentialRequest item : batch) {
                    requests.onNext(StreamIssueCredentialsRequest.newBuilder().setItem(item).build());
                }
                requests.onCompleted();
            } catch (RuntimeException brokenStream) {
                // the child died while we were sending
            }
            try {
                responses.done.get(120, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException died) {
                // expected when the child dies
            }
            for (var response : responses.received) {
                if (response.hasResult() && response.getResult().hasCredential()) {
                    answers.put(response.getResult().getRequestId(), response.getResult().getCredential().getCredentialId());
                }
            }
        }
        return answers;
    }

    private long credentials(List<IssueCredentialRequest> batch) {
        Set<String> ids = ids(batch);
        return database.getCollection("credentials").countDocuments(new Document("_id", new Document("$in", List.copyOf(ids))));
    }

    private Set<String> ids(List<IssueCredentialRequest> batch) {
        Set<String> ids = new HashSet<>();
        for (var r : batch) ids.add(IssuanceService.credentialId(world.agency.did(), r.getRequestId()));
        return ids;
    }

    private void assertConsistent(List<IssueCredentialRequest> batch, Child child) throws Exception {
        var credentials = database.getCollection("credentials");
        var groups = database.getCollection("issuance_groups");
        for (int i = 0; i < 200 && groups.countDocuments(new Document("done", false)) > 0; i++) Thread.sleep(50);
        Set<String> ids = ids(batch);
        List<Document> stored = credentials.find(new Document("_id", new Document("$in", List.copyOf(ids)))).into(new ArrayList<>());
        assertEquals(BATCH, stored.size(), "one credential per request");
        assertEquals(0, groups.countDocuments(new Document("done", false)), "every issuance relayed");

        Set<String> revocationSlots = new HashSet<>();
        Set<String> suspensionSlots = new HashSet<>();
        for (Document d : credentials.find()) {
            assertTrue(revocationSlots.add(d.getString("revocationList") + "#" + d.getInteger("revocationIndex")));
            assertTrue(suspensionSlots.add(d.getString("suspensionList") + "#" + d.getInteger("suspensionIndex")));
        }
        long allCredentials = credentials.countDocuments();
        assertEquals(allCredentials, revocationSlots.size(), "two distinct status slots per credential");

        var audit = database.getCollection("audit_entries");
        Set<String> audited = new HashSet<>();
        for (Document d : audit.find(new Document("action", "issue"))) assertTrue(audited.add(d.getString("credentialId")));
        assertEquals(allCredentials, audited.size(), "one audit entry per credential, none duplicated");
        assertTrue(audited.containsAll(ids));

        try (LoopbackChannel channel = LoopbackChannel.to(child.port)) {
            VerifyAuditChainResponse chain = CredentialIssuerGrpc.newBlockingStub(channel.channel())
                .withCallCredentials(world.agency.bearer()).withDeadlineAfter(30, TimeUnit.SECONDS)
                .verifyAuditChain(VerifyAuditChainRequest.newBuilder().setAgencyDid(world.agency.did().toString()).build());
            assertTrue(chain.getIntact());
            assertEquals(audit.countDocuments(), chain.getEntriesChecked());
        }
    }

    /** credential-issuer in its own JVM, against the parent's ledger, MongoDB, Redis and fake Firebase. */
    private static final class Child {
        final Process process;
        final int port;

        private Child(Process process, int port) {
            this.process = process;
            this.port = port;
        }

        static Child start(TestWorld world, Map<String, String> extra) throws Exception {
            int port = FreePorts.loopback();
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path")));
            Map<String, String> properties = new HashMap<>(world.properties());
            // notices are not what this test is about: without Firebase the relay has less to wait for
            properties.remove("civitas.firebase.project-id");
            properties.remove("civitas.firebase.endpoint");
            properties.put("grpc.server.port", Integer.toString(port));
            properties.put("micronaut.server.port", "-1");
            properties.putAll(extra);
            properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
            command.add("org.civitas.issuer.IssuerApplication");
            Path log = world.directory.resolve("child-" + port + ".log");
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            Child child = new Child(process, port);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) throw new IllegalStateException("the issuer exited at start; see " + log);
                try (LoopbackChannel channel = LoopbackChannel.to(port)) {
                    if (channel.health(CredentialIssuerGrpc.SERVICE_NAME) == ServingStatus.SERVING) return child;
                } catch (RuntimeException notYet) {
                    Thread.sleep(200);
                }
            }
            process.destroyForcibly();
            throw new IllegalStateException("the issuer did not start within 60 s; see " + log);
        }

        void stop() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }

    }
}
