package org.civitas.bench;

import org.civitas.testkit.FreePorts;
import com.google.protobuf.ByteString;
import io.grpc.CallCredentials;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.stub.StreamObserver;
import org.civitas.ledger.local.LocalLedger;
import org.civitas.proto.identity.v1.ChallengePurpose;
import org.civitas.proto.identity.v1.CreateChallengeRequest;
import org.civitas.proto.identity.v1.DeviceInfo;
import org.civitas.proto.identity.v1.EnrolCitizenRequest;
import org.civitas.proto.identity.v1.IdentityGrpc;
import org.civitas.proto.identity.v1.IdentityProofing;
import org.civitas.proto.identity.v1.ResolveDidRequest;
import org.civitas.sdk.auth.AuthToken;
import org.civitas.sdk.did.Did;
import org.civitas.sdk.key.KeyType;
import org.civitas.sdk.key.SigningKey;
import org.civitas.sdk.ledger.CivitasDid;
import org.civitas.sdk.ledger.SignedTransaction;
import org.civitas.sdk.ledger.Transaction;
import org.civitas.server.auth.AuthInterceptor;
import org.civitas.server.ledger.LedgerClient;
import org.civitas.testkit.InProcessMongo;
import org.civitas.testkit.LocalRedis;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A load client of identity-service over gRPC, run on demand by {@code ops/bin/load identity} (never by tests).
 * It brings up what the service needs on this machine (the ledger embedded in this JVM, the embedded MongoDB in
 * this JVM, a redis-server process), starts identity-service in its own JVM as a deployment does, puts a provincial
 * root and an accredited registrar on the ledger, and then measures:
 * <ul>
 *   <li><b>enrolments/s</b>: wallets (P-256 keys, made before the clock starts) each ask for an ENROL challenge, sign
 *       it, and the registrar enrols them (service token per call, identity proofing, region); each enrolment is a
 *       P-256 check, a did.create committed by the ledger (concurrent ones share its group commit), and the
 *       citizen record written pending and completed in MongoDB;</li>
 *   <li><b>cached resolutions/s</b>: ResolveDid of enrolled DIDs whose current document is in the Redis cache.</li>
 * </ul>
 * It prints throughput and p50/p99 latencies. Options: {@code --concurrency N} (enrolments in flight, 64),
 * {@code --resolve-concurrency N} (calls in flight, 32), {@code --warmup S} (150: enrolments run that long first,
 * printing their rate every 10 s, so that both JVMs' JIT has finished), {@code --resolve-warmup S} (20),
 * {@code --duration S} (20), {@code --dids N} (DIDs resolved, 1000), {@code --channels N} (gRPC connections, 2),
 * {@code --service-jvm-option X} (repeatable: an option for identity-service's JVM, e.g. a flight recording; its heap
 * is {@code -Xms2g -Xmx2g} unless one sets it). Run it with a fixed heap of its own ({@code ops/bin/load} gives 10 GB).
 */
public final class IdentityLoad {

    private static final String AUDIENCE = "identity-service";
    private static final String REGION = "310000";

    private record Options(int concurrency, int resolveConcurrency, int warmupSeconds, int resolveWarmupSeconds,
                           int durationSeconds, int dids, int channels, List<String> serviceJvmOptions) { }

    /** Latencies (ns) of one phase, how many calls failed, and the CPU the processes spent (ns) per operation. */
    private record Result(String name, long operations, double seconds, long[] latencies, long failures,
                          Map<String, Double> cpuPerOperation) {
        double perSecond() { return operations / seconds; }

        double percentileMillis(double p) {
            if (latencies.length == 0) return Double.NaN;
            int index = (int) Math.min(latencies.length - 1, Math.ceil(p / 100.0 * latencies.length) - 1);
            return latencies[Math.max(0, index)] / 1e6;
        }
    }

    private IdentityLoad() { }

    public static void main(String[] args) throws Exception {
        Options options = parse(args);
        Path dir = Files.createTempDirectory("civitas-identity-load-");
        System.out.printf("identity-service load: %d cores, JDK %s, enrolments in flight %d, resolutions in flight %d, "
                + "warm-up %d s, measured %d s%n", Runtime.getRuntime().availableProcessors(),
            System.getProperty("java.version"), options.concurrency(), options.resolveConcurrency(),
            options.warmupSeconds(), options.durationSeconds());
        try (InProcessMongo mongo = InProcessMongo.start();
             LocalRedis redis = LocalRedis.start();
             LocalLedger ledger = LocalLedger.start(dir.resolve("ledger"));
             LedgerClient ledgerClient = LedgerClient.connect(ledger.target(), ledger.trust())) {
            Party registrar = trustChain(ledger, ledgerClient);
            int port = FreePorts.loopback();
            Process service = startService(dir, port, options.serviceJvmOptions(), Map.of(
                "mongodb.uri", mongo.uri() + "/identity",
                "redis.uri", redis.uri(),
                "civitas.ledger.target", ledger.target(),
                "civitas.ledger.genesis-file", ledger.genesisFile().toString(),
                "civitas.identity.national-id-key-file", dir.resolve("national-id.key").toString()));
            List<ManagedChannel> channels = new ArrayList<>();
            try {
                for (int i = 0; i < options.channels(); i++) {
                    channels.add(ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().directExecutor()
                        .build());
                }
                awaitServing(channels.get(0), service, dir);
                Cpu cpu = new Cpu(service.toHandle(), redis.port());
                // only the first --dids enrolled DIDs are resolved later, so only those are kept
                List<Did> enrolled = Collections.synchronizedList(new ArrayList<>());
                enrolments(channels, registrar, options, options.warmupSeconds(), enrolled, "warm-up", cpu);
                Result enrol = enrolments(channels, registrar, options, options.durationSeconds(), enrolled,
                    "enrolments", cpu);
                List<Did> sample = enrolled.subList(0, Math.min(options.dids(), enrolled.size()));
                resolutions(channels, sample, options.resolveConcurrency(), options.resolveWarmupSeconds(), cpu);
                Result resolve = resolutions(channels, sample, options.resolveConcurrency(),
                    options.durationSeconds(), cpu);
                System.out.println();
                System.out.println("| measure | per second | p50 | p99 | calls | failed |");
                System.out.println("| --- | ---: | ---: | ---: | ---: | ---: |");
                print(enrol);
                print(resolve);
                System.out.println();
                System.out.println("CPU time per operation (all cores), by process:");
                System.out.println("| measure | " + String.join(" | ", Cpu.PROCESSES) + " | total | 2 cores / total |");
                System.out.println("| --- |" + " ---: |".repeat(Cpu.PROCESSES.size() + 2));
                printCpu(enrol);
                printCpu(resolve);
            } finally {
                channels.forEach(ManagedChannel::shutdownNow);
                service.destroy();
                if (!service.waitFor(10, TimeUnit.SECONDS)) service.destroyForcibly();
            }
        } finally {
            try (var paths = Files.walk(dir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    // --- the phases ---

    private static Result enrolments(List<ManagedChannel> channels, Party registrar, Options options, int seconds,
                                     List<Did> enrolled, String name, Cpu cpu) throws InterruptedException {
        // The measured phase's wallets make their keys before the clock starts; the warm-up's make theirs as they go
        // (its work is not measured, and a few hundred thousand keys held for it would only load the collector).
        int expected = name.equals("warm-up") ? 0 : Math.max(1_000, 1_500 * seconds);
        if (expected > 0) System.out.printf("%s: making %,d P-256 wallet keys ...%n", name, expected);
        SigningKey[] keys = IntStream.range(0, expected).parallel()
            .mapToObj(i -> SigningKey.generate(KeyType.P256).signingKey()).toArray(SigningKey[]::new);
        AtomicInteger next = new AtomicInteger();
        AtomicLong failures = new AtomicLong();
        CountDownLatch done = new CountDownLatch(options.concurrency());
        Map<String, Long> cpuBefore = cpu.snapshot();
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        // each caller is one wallet after another: ask for a challenge, sign it, and the registrar enrols the citizen
        List<Caller> callers = new ArrayList<>();
        for (int c = 0; c < options.concurrency(); c++) {
            IdentityGrpc.IdentityStub stub = IdentityGrpc.newStub(channels.get(c % channels.size()));
            callers.add(new Caller(end, done, failures) {
                @Override void start() {
                    int i = next.getAndIncrement();
                    // a wallet makes its key; past the prepared ones, that work lands inside the measurement
                    SigningKey wallet = i < keys.length ? keys[i] : SigningKey.generate(KeyType.P256).signingKey();
                    stub.withDeadlineAfter(30, TimeUnit.SECONDS).createChallenge(CreateChallengeRequest.newBuilder()
                        .setPurpose(ChallengePurpose.ENROL)
                        .setPublicKeyMultibase(wallet.verificationKey().toMultibase()).build(), then(challenge -> {
                            byte[] signature = wallet.sign(challenge.getPayloadToSign().toByteArray());
                            stub.withDeadlineAfter(30, TimeUnit.SECONDS).withCallCredentials(registrar.credentials())
                                .enrolCitizen(enrolRequest(challenge.getChallengeId(), signature, nationalId(i, name)),
                                    then(response -> {
                                        if (enrolled.size() < options.dids()) {
                                            enrolled.add(CivitasDid.of(wallet.verificationKey()));
                                        }
                                        succeeded();
                                    }));
                        }));
                }
            });
        }
        callers.forEach(Caller::next);
        reportProgress(name, done, next, start, end);
        double elapsed = (System.nanoTime() - start) / 1e9;
        Map<String, Long> cpuAfter = cpu.snapshot();
        if (keys.length > 0 && next.get() >= keys.length) {
            System.out.println("  (more enrolments than prepared keys: the rest made theirs)");
        }
        Result result = result("enrolments/s (challenge + sign + EnrolCitizen)", callers, elapsed, failures.get(),
            cpuBefore, cpuAfter);
        System.out.printf("%s: %,d in %.1f s = %,.0f/s%n", name, result.operations(), elapsed, result.perSecond());
        return result;
    }

    /**
     * Waits for the callers, printing the rate of each 10 s: the warm-up must run until the rate stops climbing
     * (the JIT of both JVMs still compiles for a minute or two on two busy cores, and its work inflates every
     * figure taken before).
     */
    private static void reportProgress(String name, CountDownLatch callers, AtomicInteger started, long start,
                                       long end) throws InterruptedException {
        long step = TimeUnit.SECONDS.toNanos(10);
        long at = start;
        int before = 0;
        while (System.nanoTime() + step < end) {
            Thread.sleep(Math.max(0, TimeUnit.NANOSECONDS.toMillis(at + step - System.nanoTime())));
            at += step;
            int now = started.get();
            System.out.printf("  %s: %3d s, %,.0f/s over the last 10 s%n", name, TimeUnit.NANOSECONDS.toSeconds(at - start),
                (now - before) / 10.0);
            before = now;
        }
        callers.await();
    }

    private static Result resolutions(List<ManagedChannel> channels, List<Did> dids, int inFlight, int seconds,
                                      Cpu cpu) throws InterruptedException {
        IdentityGrpc.IdentityBlockingStub warm = IdentityGrpc.newBlockingStub(channels.get(0));
        for (Did did : dids) warm.resolveDid(ResolveDidRequest.newBuilder().setDid(did.toString()).build());
        List<ResolveDidRequest> requests = dids.stream()
            .map(d -> ResolveDidRequest.newBuilder().setDid(d.toString()).build()).collect(Collectors.toList());
        AtomicLong failures = new AtomicLong();
        CountDownLatch done = new CountDownLatch(inFlight);
        Map<String, Long> cpuBefore = cpu.snapshot();
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        List<Caller> callers = new ArrayList<>();
        for (int c = 0; c < inFlight; c++) {
            IdentityGrpc.IdentityStub stub = IdentityGrpc.newStub(channels.get(c % channels.size()));
            callers.add(new Caller(end, done, failures) {
                @Override void start() {
                    stub.withDeadlineAfter(10, TimeUnit.SECONDS).resolveDid(
                        requests.get(ThreadLocalRandom.current().nextInt(requests.size())), then(r -> succeeded()));
                }
            });
        }
        callers.forEach(Caller::next);
        done.await();
        double elapsed = (System.nanoTime() - start) / 1e9;
        Map<String, Long> cpuAfter = cpu.snapshot();
        Result result = result("cached resolutions/s (ResolveDid, current version)", callers, elapsed,
            failures.get(), cpuBefore, cpuAfter);
        System.out.printf("resolutions: %,d in %.1f s = %,.0f/s%n", result.operations(), elapsed, result.perSecond());
        return result;
    }

    private static Result result(String name, List<Caller> callers, double seconds, long failures,
                                 Map<String, Long> cpuBefore, Map<String, Long> cpuAfter) {
        long[] all = callers.stream().flatMapToLong(c -> Arrays.stream(c.latencies())).sorted().toArray();
        return new Result(name, all.length, seconds, all, failures, Cpu.perOperation(cpuBefore, cpuAfter, all.length));
    }

    /**
     * One caller of a phase: one operation in flight, the next started from the previous one's completion on
     * gRPC's callback thread until the phase ends, so no thread waits on a call (a blocked caller thread cost two
     * more thread switches per call). Records each operation's latency.
     */
    private abstract static class Caller {
        private final long end;
        private final CountDownLatch done;
        private final AtomicLong failures;
        private long[] latencies = new long[1024];
        private int count;
        private long startedAt;

        Caller(long end, CountDownLatch done, AtomicLong failures) {
            this.end = end;
            this.done = done;
            this.failures = failures;
        }

        /** Starts one operation, which ends in {@link #succeeded} or, through {@link #then}, in a failure. */
        abstract void start();

        final void next() {
            if (System.nanoTime() >= end) {
                done.countDown();
                return;
            }
            startedAt = System.nanoTime();
            try {
                start();
            } catch (RuntimeException e) {
                failed(e);
            }
        }

        final void succeeded() {
            if (latencies.length == count) latencies = Arrays.copyOf(latencies, count * 2);
            latencies[count++] = System.nanoTime() - startedAt;
            next();
        }

        private void failed(Throwable t) {
            if (failures.incrementAndGet() <= 3) System.out.println("  failed: " + t.getMessage());
            next();
        }

        /** An observer of a unary call that goes on with {@code step}, or fails the operation. */
        final <T> StreamObserver<T> then(Consumer<T> step) {
            return new StreamObserver<>() {
                private T value;

                @Override public void onNext(T v) { value = v; }

                @Override public void onError(Throwable t) { failed(t); }

                @Override public void onCompleted() {
                    try {
                        step.accept(value);
                    } catch (RuntimeException e) {
                        failed(e);
                    }
                }
            };
        }

        /** The latencies (ns) of the operations that succeeded; read once the phase is over. */
        long[] latencies() { return Arrays.copyOf(latencies, count); }
    }

    private static void print(Result r) {
        System.out.printf("| %s | %,.0f | %.1f ms | %.1f ms | %,d | %,d |%n", r.name(), r.perSecond(),
            r.percentileMillis(50), r.percentileMillis(99), r.operations(), r.failures());
    }

    private static void printCpu(Result r) {
        StringBuilder row = new StringBuilder("| " + r.name() + " |");
        double total = 0;
        for (String process : Cpu.PROCESSES) {
            double ms = r.cpuPerOperation().getOrDefault(process, Double.NaN);
            total += Double.isNaN(ms) ? 0 : ms;
            row.append(String.format(" %.3f ms |", ms));
        }
        row.append(String.format(" %.3f ms | %,.0f/s |", total, 2_000 / total));
        System.out.println(row);
    }

    /** CPU time of the processes taking part: this JVM, identity-service's JVM and the redis-server. */
    private static final class Cpu {
        static final List<String> PROCESSES = List.of("load client + ledger + MongoDB (this JVM)",
            "identity-service", "redis-server");

        private final ProcessHandle service;
        private final Path redisStat;

        Cpu(ProcessHandle service, int redisPort) {
            this.service = service;
            this.redisStat = redisStat(redisPort);
        }

        Map<String, Long> snapshot() {
            Map<String, Long> cpu = new java.util.LinkedHashMap<>();
            cpu.put(PROCESSES.get(0), ((com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime());
            cpu.put(PROCESSES.get(1), service.info().totalCpuDuration().map(Duration::toNanos).orElse(-1L));
            cpu.put(PROCESSES.get(2), ticks(redisStat));
            return cpu;
        }

        /** The redis-server's {@code /proc/<pid>/stat} (Linux), found by its port; null elsewhere. */
        private static Path redisStat(int port) {
            try (var entries = Files.list(Path.of("/proc"))) {
                for (Path p : (Iterable<Path>) entries::iterator) {
                    Path cmdline = p.resolve("cmdline");
                    if (!p.getFileName().toString().matches("\\d+") || !Files.isReadable(cmdline)) continue;
                    String command = new String(Files.readAllBytes(cmdline), java.nio.charset.StandardCharsets.UTF_8);
                    if (command.contains("redis-server") && command.contains(Integer.toString(port))) {
                        return p.resolve("stat");
                    }
                }
            } catch (IOException | RuntimeException e) {
                return null;
            }
            return null;
        }

        /** utime + stime of a process, in nanoseconds (clock ticks of 10 ms, the Linux default USER_HZ). */
        private static long ticks(Path stat) {
            if (stat == null) return -1;
            try {
                String text = Files.readString(stat);
                String[] fields = text.substring(text.lastIndexOf(')') + 2).split(" ");
                return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10_000_000L;
            } catch (IOException | RuntimeException e) {
                return -1;
            }
        }

        /** Milliseconds of CPU per operation for each process (NaN when unknown). */
        static Map<String, Double> perOperation(Map<String, Long> before, Map<String, Long> after, long operations) {
            Map<String, Double> out = new java.util.LinkedHashMap<>();
            for (String process : PROCESSES) {
                long b = before.get(process);
                long a = after.get(process);
                out.put(process, b < 0 || a < 0 || operations == 0 ? Double.NaN : (a - b) / 1e6 / operations);
            }
            return out;
        }
    }

    // --- the world ---

    /** A provincial root granted by the national root, and a registrar accredited for CitizenEnrolment by it. */
    private static Party trustChain(LocalLedger ledger, LedgerClient client) {
        Party root = Party.generate();
        client.submit(root.sign(new Transaction.DidCreate(root.document(), nonce())));
        Transaction.AccreditationGrant rootGrant = new Transaction.AccreditationGrant(ledger.nationalRoot(), root.did(),
            Transaction.Tier.PROVINCIAL_ROOT, List.of("*"), List.of(REGION), Instant.now().minusSeconds(5), null,
            nonce());
        client.submit(SignedTransaction.sign(rootGrant, Map.of(ledger.nationalRoot() + "#key-0",
            ledger.nationalRootKey())));
        Party registrar = Party.generate();
        client.submit(registrar.sign(new Transaction.DidCreate(registrar.document(), nonce())));
        client.submit(root.sign(new Transaction.AccreditationGrant(root.did(), registrar.did(), Transaction.Tier.AGENCY,
            List.of("CitizenEnrolment"), List.of(REGION), Instant.now().minusSeconds(5), null, nonce())));
        return registrar;
    }

    /** identity-service in its own JVM, from its module's build output, as a deployment starts it. */
    private static Process startService(Path dir, int port, List<String> jvmOptions, Map<String, String> properties)
            throws IOException {
        String classpath = org.civitas.bench.load.ModuleClasspath.of("identity-service");
        List<String> command = new ArrayList<>(List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", classpath));
        // a fixed heap unless told otherwise: a growing one is resized and marked inside the measured window
        if (jvmOptions.stream().noneMatch(o -> o.startsWith("-Xms") || o.startsWith("-Xmx"))) {
            command.addAll(1, List.of("-Xms2g", "-Xmx2g"));
        }
        command.addAll(1, jvmOptions);
        properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("-Dgrpc.server.port=" + port);
        command.add("-Dmicronaut.server.port=-1");
        command.add("-Dlogger.levels.root=WARN");
        command.add("org.civitas.identity.IdentityApplication");
        return new ProcessBuilder(command).redirectErrorStream(true)
            .redirectOutput(dir.resolve("identity-service.log").toFile()).start();
    }

    private static void awaitServing(ManagedChannel channel, Process service, Path dir) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (!service.isAlive()) {
                throw new IllegalStateException("identity-service exited:\n"
                    + Files.readString(dir.resolve("identity-service.log")));
            }
            try {
                if (HealthGrpc.newBlockingStub(channel).withDeadlineAfter(2, TimeUnit.SECONDS)
                        .check(HealthCheckRequest.getDefaultInstance()).getStatus()
                        == HealthCheckResponse.ServingStatus.SERVING) {
                    return;
                }
            } catch (RuntimeException notYet) {
                // starting
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("identity-service did not serve within 120 s");
    }

    // --- requests ---

    private static EnrolCitizenRequest enrolRequest(String challengeId, byte[] signature, String nationalId) {
        Instant now = Instant.now();
        return EnrolCitizenRequest.newBuilder()
            .setRequestId(UUID.randomUUID().toString())
            .setChallengeId(challengeId)
            .setDeviceSignature(ByteString.copyFrom(signature))
            .setProofing(IdentityProofing.newBuilder().setNationalIdNumber(nationalId)
                .setMethod("in-person-document-check").setAssuranceLevel(2)
                .setProofedAt(com.google.protobuf.Timestamp.newBuilder().setSeconds(now.getEpochSecond())))
            .setDevice(DeviceInfo.newBuilder().setDisplayName("phone").setPlatform("android").setKeyStorage("tee"))
            .setRegion(REGION)
            .build();
    }

    /** A distinct valid GB 11643-1999 number per phase and index. */
    private static String nationalId(int index, String phase) {
        LocalDate birth = LocalDate.of(phase.equals("warm-up") ? 1950 : 1980, 1, 1).plusDays(index / 1000);
        String first17 = "310101" + birth.toString().replace("-", "") + String.format("%03d", index % 1000);
        int[] weights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
        int sum = 0;
        for (int i = 0; i < 17; i++) sum += (first17.charAt(i) - '0') * weights[i];
        return first17 + "10X98765432".charAt(sum % 11);
    }

    private static String nonce() { return UUID.randomUUID().toString(); }


    private static Options parse(String[] args) {
        int concurrency = 64, resolveConcurrency = 32, warmup = 150, resolveWarmup = 20, duration = 20, dids = 1000;
        int channels = 2;
        List<String> jvm = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : "";
            switch (args[i]) {
                case "--concurrency" -> concurrency = Integer.parseInt(value);
                case "--resolve-concurrency" -> resolveConcurrency = Integer.parseInt(value);
                case "--warmup" -> warmup = Integer.parseInt(value);
                case "--resolve-warmup" -> resolveWarmup = Integer.parseInt(value);
                case "--duration" -> duration = Integer.parseInt(value);
                case "--dids" -> dids = Integer.parseInt(value);
                case "--channels" -> channels = Integer.parseInt(value);
                case "--service-jvm-option" -> jvm.add(value);
                default -> throw new IllegalArgumentException("unknown option " + args[i] + " (see the class comment)");
            }
            i++;
        }
        return new Options(concurrency, resolveConcurrency, warmup, resolveWarmup, duration, dids, channels,
            List.copyOf(jvm));
    }

    /** An agency with a did:civitas DID from its Ed25519 genesis key, signing its transactions and service tokens. */
    private record Party(SigningKey key, org.civitas.sdk.did.DidDocument document) {
        static Party generate() {
            SigningKey key = SigningKey.generate(KeyType.ED25519).signingKey();
            return new Party(key, CivitasDid.initialDocument(key.verificationKey()));
        }

        Did did() { return document.id(); }

        SignedTransaction sign(Transaction tx) {
            return SignedTransaction.sign(tx, Map.of(did() + "#key-0", key));
        }

        /** A fresh single-use service token on every call. */
        CallCredentials credentials() {
            return new CallCredentials() {
                @Override
                public void applyRequestMetadata(RequestInfo info, Executor executor, MetadataApplier applier) {
                    Metadata headers = new Metadata();
                    headers.put(AuthInterceptor.AUTHORIZATION, "Bearer " + AuthToken.sign(key, did() + "#key-0",
                        did().toString(), AUDIENCE, Instant.now(), Duration.ofMinutes(5), UUID.randomUUID().toString()));
                    applier.apply(headers);
                }
            };
        }
    }
}
