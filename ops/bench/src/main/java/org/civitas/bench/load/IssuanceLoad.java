package org.civitas.bench.load;

import org.civitas.testkit.FreePorts;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.grpc.CallCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import org.civitas.issuer.key.Pkcs12AgencyKeys;
import org.civitas.ledger.local.LocalLedger;
import org.civitas.proto.issuer.v1.CredentialIssuerGrpc;
import org.civitas.proto.issuer.v1.IssueCredentialRequest;
import org.civitas.proto.issuer.v1.StreamIssueCredentialsRequest;
import org.civitas.proto.issuer.v1.StreamIssueCredentialsResponse;
import org.civitas.sdk.auth.AuthToken;
import org.civitas.sdk.did.Did;
import org.civitas.sdk.did.DidDocument;
import org.civitas.sdk.key.KeyType;
import org.civitas.sdk.key.MultikeyDocument;
import org.civitas.sdk.key.NewKey;
import org.civitas.sdk.key.SigningKey;
import org.civitas.sdk.ledger.CivitasDid;
import org.civitas.sdk.ledger.SignedTransaction;
import org.civitas.sdk.ledger.Transaction;
import org.civitas.server.auth.AuthInterceptor;
import org.civitas.server.ledger.LedgerClient;
import org.civitas.testkit.InProcessMongo;
import org.civitas.testkit.LocalRedis;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Load client of credential-issuer over gRPC, with everything it needs in this JVM: a single-node ledger
 * ({@link LocalLedger}), the embedded MongoDB (in-memory backend) and a redis-server; credential-issuer runs in its
 * own JVM from its build output (its production configuration, these endpoints), as it would in a deployment. It founds a provincial root and an agency accredited for every
 * catalogue type (Ed25519 {@code #key-0} and SM2 {@code #sm2-1} issuing keys), enrols citizens, then:
 * <ul>
 *   <li>{@code batch}: StreamIssueCredentials kept {@code --window} items deep (closed loop: a new item is sent
 *       when one is answered; a new stream every 50,000 items), warm-up then measurement; per-item latency from
 *       send to answer;</li>
 *   <li>{@code single}: {@code --callers} threads issuing with IssueCredential, one fresh AuthToken per call.</li>
 * </ul>
 * Every credential carries the default proof set (eddsa-jcs-2022 + sm2-jcs-2025). Bounded in time; stops by itself.
 *
 * <p>Usage: {@code IssuanceLoad [--mode batch|single|both] [--seconds 30] [--warmup 60] [--window 16]
 * [--callers 16] [--citizens 200] [--issuer-heap 4g] [--issuer-jvm "<JVM options>"]}
 */
public final class IssuanceLoad {

    private static final String REGION = "310000";
    private static final List<String> TYPES = List.of("VaccinationCertificate", "MedicalCertificate", "EHealthCard",
        "PropertyOwnershipCertificate", "ResidencePermit", "Diploma", "AcademicTranscript", "SocialSecurityCard",
        "PensionEntitlement");

    private record Party(Did did, SigningKey key, NewKey ed25519, NewKey sm2) {
        String keyId() { return did + "#key-0"; }
    }

    private IssuanceLoad() { }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        String mode = options.getOrDefault("mode", "both");
        int seconds = Integer.parseInt(options.getOrDefault("seconds", "30"));
        int warmup = Integer.parseInt(options.getOrDefault("warmup", "60"));
        int window = Integer.parseInt(options.getOrDefault("window", "16"));
        int callers = Integer.parseInt(options.getOrDefault("callers", "16"));
        int citizenCount = Integer.parseInt(options.getOrDefault("citizens", "200"));

        Path directory = Files.createTempDirectory("civitas-issuance-load");
        try (LocalLedger ledger = LocalLedger.start(directory.resolve("ledger"));
             InProcessMongo mongo = InProcessMongo.start();
             LocalRedis redis = LocalRedis.start();
             LedgerClient client = LedgerClient.connect(ledger.target(), ledger.trust())) {
            say("Founding a provincial root, an agency and %d citizens on the ledger ...", citizenCount);
            Party province = root(client, ledger);
            Party agency = agency(client, ledger, province);
            List<Did> citizens = citizens(client, ledger, citizenCount);
            Path keystore = directory.resolve("issuing-keys.p12");
            Pkcs12AgencyKeys keys = Pkcs12AgencyKeys.open(keystore, "bench".toCharArray());
            keys.importMultikey(MultikeyDocument.withSecret(agency.ed25519(), agency.keyId(), agency.did().toString()).toString());
            keys.importMultikey(MultikeyDocument.withSecret(agency.sm2(), agency.did() + "#sm2-1", agency.did().toString()).toString());

            int port = FreePorts.loopback();
            Map<String, String> properties = new HashMap<>();
            properties.put("grpc.server.port", Integer.toString(port));
            properties.put("micronaut.server.port", "-1");
            properties.put("mongodb.uri", mongo.uri() + "/issuer");
            properties.put("redis.uri", redis.uri());
            properties.put("civitas.ledger.target", ledger.target());
            properties.put("civitas.ledger.genesis-file", ledger.genesisFile().toString());
            properties.put("civitas.issuer.keystore.path", keystore.toString());
            properties.put("civitas.issuer.bundle.keystore.path", keystore.resolveSibling("bundle-publisher.p12").toString());
            properties.put("civitas.issuer.keystore.password", "bench");
            properties.put("civitas.issuer.batch.window", Integer.toString(window));
            Process issuer = startIssuer(options.getOrDefault("issuer-classpath", defaultIssuerClasspath()),
                options.getOrDefault("issuer-heap", "4g"), options.getOrDefault("issuer-jvm", ""), properties,
                directory.resolve("issuer.log"), port);
            try {
                ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext()
                    .maxInboundMessageSize(64 * 1024 * 1024).build();
                say("credential-issuer (its own JVM) on 127.0.0.1:%d; %d cores; JDK %s; log %s", port,
                    Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                    directory.resolve("issuer.log"));
                Cpu cpu = new Cpu(issuer);
                if (!mode.equals("single")) batch(channel, agency, citizens, window, warmup, seconds, cpu);
                if (!mode.equals("batch")) single(channel, agency, citizens, callers, warmup, seconds, cpu);
                channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            } finally {
                issuer.destroy();
                if (!issuer.waitFor(20, TimeUnit.SECONDS)) issuer.destroyForcibly();
            }
        }
    }

    /** credential-issuer's jar and its runtime jars, as the module's build leaves them (target, target/lib). */
    private static String defaultIssuerClasspath() throws java.io.IOException {
        return ModuleClasspath.of("credential-issuer");
    }

    private static Process startIssuer(String classpath, String heap, String jvmOptions, Map<String, String> properties,
                                       Path log, int port) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xms" + heap, "-Xmx" + heap));
        for (String option : jvmOptions.trim().split("\\s+")) if (!option.isEmpty()) command.add(option);
        command.addAll(List.of("-cp", classpath));
        properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("org.civitas.issuer.IssuerApplication");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) throw new IllegalStateException("credential-issuer exited at start; see " + log);
            ManagedChannel probe = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
            try {
                var status = io.grpc.health.v1.HealthGrpc.newBlockingStub(probe).withDeadlineAfter(2, TimeUnit.SECONDS)
                    .check(io.grpc.health.v1.HealthCheckRequest.newBuilder().setService(CredentialIssuerGrpc.SERVICE_NAME)
                        .build()).getStatus();
                if (status == io.grpc.health.v1.HealthCheckResponse.ServingStatus.SERVING) return process;
            } catch (RuntimeException notYet) {
                Thread.sleep(250);
            } finally {
                probe.shutdownNow();
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException("credential-issuer did not start within 120 s; see " + log);
    }


    // --- the batch rpc, closed loop -----------------------------------------------------------------------------

    /**
     * Items sent on one stream before the next one takes over: the issuer ends a stream at 100,000 items
     * ({@code BatchCall.MAX_ITEMS}), as a long-running back office would split its work into batches.
     */
    static final int ITEMS_PER_STREAM = 50_000;

    private static void batch(ManagedChannel channel, Party agency, List<Did> citizens, int window, int warmup,
                              int seconds, Cpu cpu) throws Exception {
        say("Batch: StreamIssueCredentials, %d items in flight, %d s warm-up, %d s measured (a new stream every %,d "
            + "items)", window, warmup, seconds, ITEMS_PER_STREAM);
        Recorder recorder = new Recorder();
        long warmEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(warmup);
        long end = warmEnd + TimeUnit.SECONDS.toNanos(seconds);
        RollingBatch batches = new RollingBatch(
            CredentialIssuerGrpc.newStub(channel).withCallCredentials(bearer(agency)), citizens, recorder, warmEnd, end);
        batches.start(window);
        Cpu.Window measured = cpu.window(warmEnd, end);
        batches.awaitAll(seconds + warmup + 120L);
        recorder.report("batch (StreamIssueCredentials)", seconds, batches.failed());
        measured.report(recorder.count());
    }

    /**
     * A closed loop over StreamIssueCredentials: a new item is sent when one is answered, on the current stream;
     * after {@link #ITEMS_PER_STREAM} items the current stream is completed (its answers still come) and a new one
     * carries on, so the window stays as deep across the switch.
     */
    private static final class RollingBatch {
        private final CredentialIssuerGrpc.CredentialIssuerStub stub;
        private final List<Did> citizens;
        private final Recorder recorder;
        private final long warmEnd;
        private final long end;
        private final Map<String, Long> sentAt = new ConcurrentHashMap<>();
        private final AtomicLong counter = new AtomicLong();
        private final AtomicLong failed = new AtomicLong();
        private final List<CompletableFuture<Void>> streams = new ArrayList<>();
        private ClientCallStreamObserver<StreamIssueCredentialsRequest> current;   // guarded by this
        private int sentOnCurrent;                                                  // guarded by this
        private boolean closed;                                                     // guarded by this

        RollingBatch(CredentialIssuerGrpc.CredentialIssuerStub stub, List<Did> citizens, Recorder recorder,
                     long warmEnd, long end) {
            this.stub = stub;
            this.citizens = citizens;
            this.recorder = recorder;
            this.warmEnd = warmEnd;
            this.end = end;
        }

        synchronized void start(int window) {
            open();
            for (int i = 0; i < window; i++) sendOne();
        }

        long failed() { return failed.get(); }

        /** Waits until every stream opened has ended (the last is completed when the measured time is over). */
        void awaitAll(long timeoutSeconds) throws Exception {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
            while (true) {
                List<CompletableFuture<Void>> opened;
                synchronized (this) {
                    opened = List.copyOf(streams);
                    if (closed && opened.stream().allMatch(CompletableFuture::isDone)) return;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) throw new IllegalStateException("the batch streams did not end in time");
                try {
                    CompletableFuture.allOf(opened.toArray(CompletableFuture[]::new)).get(left, TimeUnit.NANOSECONDS);
                } catch (java.util.concurrent.ExecutionException streamFailed) {
                    return;                                   // said already; the recorder has what was answered
                }
            }
        }

        private synchronized void sendOne() {
            if (closed) return;
            if (System.nanoTime() >= end) {
                closed = true;
                current.onCompleted();
                return;
            }
            if (sentOnCurrent == ITEMS_PER_STREAM) {
                current.onCompleted();
                open();
            }
            IssueCredentialRequest item = request(citizens, counter.getAndIncrement());
            sentAt.put(item.getRequestId(), System.nanoTime());
            current.onNext(StreamIssueCredentialsRequest.newBuilder().setItem(item).build());
            sentOnCurrent++;
        }

        private void open() {
            CompletableFuture<Void> ended = new CompletableFuture<>();
            streams.add(ended);
            sentOnCurrent = 0;
            stub.streamIssueCredentials(new ClientResponseObserver<StreamIssueCredentialsRequest,
                    StreamIssueCredentialsResponse>() {
                @Override public void beforeStart(ClientCallStreamObserver<StreamIssueCredentialsRequest> stream) {
                    current = stream;
                }

                @Override public void onNext(StreamIssueCredentialsResponse response) {
                    if (!response.hasResult()) return;
                    long now = System.nanoTime();
                    Long sent = sentAt.remove(response.getResult().getRequestId());
                    if (response.getResult().hasError()) failed.incrementAndGet();
                    if (sent != null && sent >= warmEnd && now <= end) recorder.record(now - sent);
                    sendOne();
                }

                @Override public void onError(Throwable t) {
                    say("batch stream failed: %s", t);
                    synchronized (RollingBatch.this) { closed = true; }
                    ended.completeExceptionally(t);
                }

                @Override public void onCompleted() { ended.complete(null); }
            });
        }
    }

    // --- the single rpc -----------------------------------------------------------------------------------------

    private static void single(ManagedChannel channel, Party agency, List<Did> citizens, int callers, int warmup,
                               int seconds, Cpu cpu) throws Exception {
        say("Single: IssueCredential from %d concurrent callers, %d s warm-up, %d s measured", callers, warmup, seconds);
        Recorder recorder = new Recorder();
        AtomicLong counter = new AtomicLong(1_000_000_000L);
        AtomicLong failed = new AtomicLong();
        long warmEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(warmup);
        long end = warmEnd + TimeUnit.SECONDS.toNanos(seconds);
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        List<CompletableFuture<Void>> all = new ArrayList<>();
        Cpu.Window measured = cpu.window(warmEnd, end);
        var stub = CredentialIssuerGrpc.newBlockingStub(channel).withCallCredentials(bearer(agency));
        for (int c = 0; c < callers; c++) {
            all.add(CompletableFuture.runAsync(() -> {
                while (System.nanoTime() < end) {
                    long start = System.nanoTime();
                    try {
                        stub.withDeadlineAfter(30, TimeUnit.SECONDS).issueCredential(request(citizens, counter.getAndIncrement()));
                    } catch (RuntimeException e) {
                        failed.incrementAndGet();
                    }
                    long now = System.nanoTime();
                    if (start >= warmEnd && now <= end) recorder.record(now - start);
                }
            }, pool));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
        pool.shutdown();
        recorder.report("single (IssueCredential x " + callers + ")", seconds, failed.get());
        measured.report(recorder.count());
    }

    // --- requests and measurement -------------------------------------------------------------------------------

    private static IssueCredentialRequest request(List<Did> citizens, long n) {
        Did subject = citizens.get((int) (n % citizens.size()));
        return IssueCredentialRequest.newBuilder().setRequestId("load-" + n + "-" + UUID.randomUUID())
            .setCredentialType("Diploma").setSubjectDid(subject.toString()).setRegion("310101")
            .setClaimsJson("{\"holderName\":\"Li Hua " + n + "\",\"institution\":\"Fudan University\",\"degree\":\"master\","
                + "\"fieldOfStudy\":\"Physics\",\"graduationDate\":\"2024-06-30\",\"certificateNumber\":\""
                + (1_000_000_000L + n) + "\"}")
            .build();
    }

    /** Latencies of the measured window. */
    private static final class Recorder {
        private long[] samples = new long[1 << 16];
        private int count;

        synchronized void record(long nanos) {
            if (count == samples.length) samples = Arrays.copyOf(samples, count * 2);
            samples[count++] = nanos;
        }

        synchronized int count() { return count; }

        synchronized void report(String name, int seconds, long failed) {
            long[] sorted = Arrays.copyOf(samples, count);
            Arrays.sort(sorted);
            say("%s: %,d credentials in %d s = %,.0f credentials/s; latency p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, "
                    + "max %.1f ms; %d failed", name, count, seconds, count / (double) seconds, ms(sorted, 0.50),
                ms(sorted, 0.90), ms(sorted, 0.99), sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6, failed);
        }

        private static double ms(long[] sorted, double quantile) {
            if (sorted.length == 0) return 0;
            return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)] / 1e6;
        }
    }

    /**
     * CPU time of the issuer's JVM and of this one (ledger, MongoDB, load client) over the measured window, so
     * that a run on a shared machine still says what a credential costs.
     */
    private static final class Cpu {
        private final Process issuer;

        Cpu(Process issuer) { this.issuer = issuer; }

        long issuerNanos() {
            return issuer.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
        }

        static long ownNanos() {
            return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
        }

        /** Samples at the two instants (System.nanoTime) on a helper thread. */
        Window window(long from, long to) {
            Window w = new Window();
            Thread t = new Thread(() -> {
                sleepUntil(from);
                w.issuerStart = issuerNanos();
                w.ownStart = ownNanos();
                sleepUntil(to);
                w.issuerEnd = issuerNanos();
                w.ownEnd = ownNanos();
                w.done.countDown();
            }, "cpu-window");
            t.setDaemon(true);
            t.start();
            return w;
        }

        private static void sleepUntil(long nanoTime) {
            long wait;
            while ((wait = nanoTime - System.nanoTime()) > 0) {
                try {
                    Thread.sleep(Math.max(1, wait / 1_000_000));
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        static final class Window {
            volatile long issuerStart;
            volatile long issuerEnd;
            volatile long ownStart;
            volatile long ownEnd;
            final CountDownLatch done = new CountDownLatch(1);

            void report(int credentials) throws InterruptedException {
                done.await(10, TimeUnit.SECONDS);
                if (credentials == 0) return;
                double issuerMs = (issuerEnd - issuerStart) / 1e6;
                double ownMs = (ownEnd - ownStart) / 1e6;
                say("  CPU over the measured window: issuer JVM %.0f ms (%.3f ms per credential), ledger+MongoDB+"
                        + "load client JVM %.0f ms (%.3f ms per credential); all on 2 cores: at most %,.0f credentials/s "
                        + "if the issuer had the cores to itself, %,.0f/s with this load client and stores beside it",
                    issuerMs, issuerMs / credentials, ownMs, ownMs / credentials, 2000 / (issuerMs / credentials),
                    2000 / ((issuerMs + ownMs) / credentials));
            }
        }
    }

    private static CallCredentials bearer(Party party) {
        return new CallCredentials() {
            @Override
            public void applyRequestMetadata(RequestInfo info, java.util.concurrent.Executor executor, MetadataApplier applier) {
                Metadata headers = new Metadata();
                headers.put(AuthInterceptor.AUTHORIZATION, "Bearer " + AuthToken.sign(party.key(), party.keyId(),
                    party.did().toString(), "credential-issuer", Instant.now(), Duration.ofMinutes(5),
                    UUID.randomUUID().toString()));
                applier.apply(headers);
            }
        };
    }

    // --- the ledger world ---------------------------------------------------------------------------------------

    private static Party root(LedgerClient client, LocalLedger ledger) {
        NewKey key = SigningKey.generate(KeyType.ED25519);
        Party root = new Party(CivitasDid.of(key.signingKey().verificationKey()), key.signingKey(), key, null);
        create(client, root);
        client.submit(SignedTransaction.sign(new Transaction.AccreditationGrant(ledger.nationalRoot(), root.did(),
            Transaction.Tier.PROVINCIAL_ROOT, TYPES, List.of(REGION), Instant.now().minusSeconds(3600), null, nonce()),
            Map.of(ledger.nationalRoot() + "#key-0", ledger.nationalRootKey())));
        return root;
    }

    private static Party agency(LedgerClient client, LocalLedger ledger, Party province) throws Exception {
        NewKey ed = SigningKey.generate(KeyType.ED25519);
        NewKey sm2 = SigningKey.generate(KeyType.SM2);
        Party agency = new Party(CivitasDid.of(ed.signingKey().verificationKey()), ed.signingKey(), ed, sm2);
        SignedTransaction created = create(client, agency);
        ObjectNode json = CivitasDid.initialDocument(ed.signingKey().verificationKey()).json();
        String sm2Id = agency.did() + "#sm2-1";
        json.withArray("verificationMethod").addObject().put("id", sm2Id).put("type", "Multikey")
            .put("controller", agency.did().toString()).put("publicKeyMultibase", sm2.signingKey().verificationKey().toMultibase());
        json.withArray("assertionMethod").add(sm2Id);
        client.submit(SignedTransaction.sign(new Transaction.DidUpdate(DidDocument.of(json),
            created.hash(ledger.trust().hash()), List.of(), nonce()), Map.of(agency.keyId(), ed.signingKey()))
            .withSignature(sm2Id, sm2.signingKey()));
        client.submit(SignedTransaction.sign(new Transaction.AccreditationGrant(province.did(), agency.did(),
            Transaction.Tier.AGENCY, TYPES, List.of(REGION), Instant.now().minusSeconds(60), null, nonce()),
            Map.of(province.keyId(), province.key())));
        return agency;
    }

    private static List<Did> citizens(LedgerClient client, LocalLedger ledger, int count) {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<CompletableFuture<Did>> futures = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            futures.add(CompletableFuture.supplyAsync(() -> {
                NewKey device = SigningKey.generate(KeyType.ED25519);
                Party citizen = new Party(CivitasDid.of(device.signingKey().verificationKey()), device.signingKey(), device, null);
                create(client, citizen);
                return citizen.did();
            }, pool));
        }
        List<Did> citizens = futures.stream().map(CompletableFuture::join).toList();
        pool.shutdown();
        return citizens;
    }

    private static SignedTransaction create(LedgerClient client, Party party) {
        SignedTransaction tx = SignedTransaction.sign(new Transaction.DidCreate(
            CivitasDid.initialDocument(party.key().verificationKey()), nonce()), Map.of(party.keyId(), party.key()));
        client.submit(tx);
        return tx;
    }

    private static String nonce() { return UUID.randomUUID().toString(); }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) throw new IllegalArgumentException("unexpected argument " + args[i]);
            String name = args[i].substring(2);
            if (i + 1 < args.length && !args[i + 1].startsWith("--")) options.put(name, args[++i]);
            else options.put(name, "true");
        }
        return options;
    }

    private static void say(String format, Object... args) {
        System.out.println(String.format(Locale.ROOT, format, args));
    }
}
