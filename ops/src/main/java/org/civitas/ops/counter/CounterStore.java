package org.civitas.ops.counter;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.civitas.proto.issuer.v1.CredentialIssuerGrpc;
import org.civitas.proto.issuer.v1.GetTrustBundleDeltaRequest;
import org.civitas.proto.issuer.v1.GetTrustBundleDeltaResponse;
import org.civitas.proto.issuer.v1.GetTrustBundleRequest;
import org.civitas.sdk.FormatException;
import org.civitas.sdk.did.Did;
import org.civitas.sdk.did.DidKey;
import org.civitas.sdk.jcs.IJson;
import org.civitas.sdk.key.VerificationKey;
import org.civitas.sdk.ledger.LedgerTrust;
import org.civitas.sdk.ledger.SignedTransaction;
import org.civitas.sdk.trust.BundleAnchors;
import org.civitas.sdk.trust.Refusal;
import org.civitas.sdk.trust.TrustBundle;
import org.civitas.sdk.trust.TrustBundleException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A counter's trust data on disk, as a verifier keeps it between a refresh (online) and the verifications that
 * follow (offline): what it pins ({@code anchors.json}: the ledger's signed genesis, the bundle publisher's did:key,
 * the newest bundle version and ledger size accepted, so a rolled-back bundle is refused even after a restart),
 * the last full bundle ({@code bundle-<version>.civtb}) and the deltas taken since ({@code delta-<from>-<to>.civtd}).
 * Loading re-checks everything: nothing on disk is trusted for having been checked before.
 */
public final class CounterStore {

    private static final Pattern FULL = Pattern.compile("bundle-(\\d+)\\.civtb");
    private static final Pattern DELTA = Pattern.compile("delta-(\\d+)-(\\d+)\\.civtd");

    private final Path directory;
    private final SignedTransaction genesis;
    private final Did publisher;
    /** The rollback floor, raised by every bundle or delta this store accepts. */
    private long lastVersion;
    private long lastTreeSize;
    private final Duration maxBundleAge;

    private CounterStore(Path directory, SignedTransaction genesis, Did publisher, long lastVersion, long lastTreeSize,
                         Duration maxBundleAge) {
        this.directory = directory;
        this.genesis = genesis;
        this.publisher = publisher;
        this.lastVersion = lastVersion;
        this.lastTreeSize = lastTreeSize;
        this.maxBundleAge = maxBundleAge;
    }

    /** What went wrong with the counter's trust data, said so that whoever runs the counter can act on it. */
    public static final class CounterException extends Exception {
        public CounterException(String message) { super(message); }
        public CounterException(String message, Throwable cause) { super(message, cause); }
    }

    /**
     * Creates the store: pins the ledger (its signed genesis file) and the bundle publisher (a did:key). Done once
     * per counter, from values its operator obtained out of band.
     */
    public static CounterStore create(Path directory, Path genesisFile, String publisherDid) throws CounterException {
        try {
            SignedTransaction genesis = SignedTransaction.parseJson(Files.readString(genesisFile));
            LedgerTrust.fromGenesis(genesis);
            Did publisher = Did.parse(publisherDid);
            DidKey.key(publisher);
            CounterStore store = new CounterStore(directory, genesis, publisher, 0, 0,
                BundleAnchors.DEFAULT_MAX_BUNDLE_AGE);
            Files.createDirectories(directory);
            store.writeAnchors();
            return store;
        } catch (IOException e) {
            throw new CounterException("cannot read the ledger genesis " + genesisFile + ": " + e.getMessage(), e);
        } catch (FormatException | IllegalArgumentException e) {
            throw new CounterException("cannot pin this ledger and publisher: " + e.getMessage(), e);
        }
    }

    /** Opens a store {@link #create} made. */
    public static CounterStore open(Path directory) throws CounterException {
        Path file = directory.resolve("anchors.json");
        if (!Files.isRegularFile(file)) {
            throw new CounterException("no trust data in " + directory + ": run 'civitas counter refresh' while "
                + "online first (it pins the ledger's genesis and the bundle publisher)");
        }
        try {
            ObjectNode json = IJson.parseObject(file.toString(), Files.readString(file));
            return new CounterStore(directory, SignedTransaction.parseJson(json.get("genesis").toString()),
                Did.parse(json.get("publisher").asText()), json.get("lastVersion").asLong(),
                json.get("lastTreeSize").asLong(), Duration.parse(json.get("maxBundleAge").asText()));
        } catch (IOException e) {
            throw new CounterException("cannot read " + file + ": " + e.getMessage(), e);
        } catch (FormatException | RuntimeException e) {
            throw new CounterException(file + " is damaged (" + e.getMessage() + "); create the store again", e);
        }
    }

    /** Whether a store exists in {@code directory}. */
    public static boolean exists(Path directory) {
        return Files.isRegularFile(directory.resolve("anchors.json"));
    }

    /**
     * Loads the trust data held, offline: the full bundle, then every delta after it, each checked in full.
     *
     * @throws CounterException      when no bundle has been fetched yet
     * @throws TrustBundleException  when the data is refused (stale: refresh while online; anything else: alert)
     */
    public TrustBundle load(Instant now) throws CounterException, TrustBundleException {
        Path full = newestFull().orElseThrow(() -> new CounterException("no trust bundle in " + directory
            + ": run 'civitas counter refresh' while online"));
        TrustBundle bundle = TrustBundle.load(read(full), firstAnchors(), now);
        for (Path delta : deltasAfter(bundle.version())) bundle = bundle.applyDelta(read(delta), now);
        return bundle;
    }

    /** What {@link #refresh} did. */
    public record Refreshed(TrustBundle bundle, String how) { }

    /**
     * Brings the trust data up to date from a credential-issuer while online: the delta since the version held when
     * there is one, a full bundle otherwise (or when the publisher cannot serve that delta). What the publisher sends
     * is checked before anything is written; a refused bundle leaves the store as it was.
     */
    public Refreshed refresh(CredentialIssuerGrpc.CredentialIssuerBlockingStub issuer, Instant now)
            throws CounterException, TrustBundleException {
        TrustBundle held = null;
        if (newestFull().isPresent()) {
            try {
                held = load(now);
            } catch (TrustBundleException e) {
                if (e.code() != Refusal.STALE) throw e;   // a stale bundle is replaced by a full one below
            }
        }
        if (held != null) {
            GetTrustBundleDeltaResponse delta;
            try {
                delta = issuer.getTrustBundleDelta(GetTrustBundleDeltaRequest.newBuilder()
                    .setSinceVersion(held.version()).build());
            } catch (StatusRuntimeException e) {
                if (e.getStatus().getCode() == Status.Code.UNAVAILABLE) throw unavailable(e);
                delta = null;   // e.g. the publisher no longer keeps that version: take a full bundle
            }
            if (delta != null && delta.getDelta().isEmpty()) return new Refreshed(held, "unchanged");
            if (delta != null) {
                TrustBundle next = held.applyDelta(delta.getDelta().toByteArray(), now);
                write(directory.resolve("delta-" + delta.getFromVersion() + "-" + delta.getToVersion() + ".civtd"),
                    delta.getDelta().toByteArray());
                accepted(next);
                return new Refreshed(next, "delta " + delta.getFromVersion() + " → " + delta.getToVersion()
                    + " (" + delta.getDelta().size() + " bytes)");
            }
        }
        byte[] file;
        try {
            file = issuer.getTrustBundle(GetTrustBundleRequest.getDefaultInstance()).getBundle().toByteArray();
        } catch (StatusRuntimeException e) {
            throw e.getStatus().getCode() == Status.Code.UNAVAILABLE ? unavailable(e)
                : new CounterException("the publisher refused the trust bundle: " + e.getStatus(), e);
        }
        TrustBundle bundle = TrustBundle.load(file, anchors(), now);
        write(directory.resolve("bundle-" + bundle.version() + ".civtb"), file);
        removeAllBut(bundle.version());
        accepted(bundle);
        return new Refreshed(bundle, "full bundle version " + bundle.version() + " (" + file.length + " bytes)");
    }

    /** The anchors for a new bundle: the rollback floor is the newest version and size ever accepted. */
    private BundleAnchors anchors() throws CounterException {
        return new BundleAnchors(ledger(), publisherKey(), lastVersion, lastTreeSize, maxBundleAge);
    }

    /** The anchors for re-loading what is held: its full bundle is older than the deltas accepted after it. */
    private BundleAnchors firstAnchors() throws CounterException {
        return new BundleAnchors(ledger(), publisherKey(), 0, 0, maxBundleAge);
    }

    private LedgerTrust ledger() { return LedgerTrust.fromGenesis(genesis); }

    private VerificationKey publisherKey() throws CounterException {
        try {
            return DidKey.key(publisher);
        } catch (FormatException e) {
            throw new CounterException("the pinned publisher " + publisher + " is not a did:key: " + e.getMessage(), e);
        }
    }

    private void accepted(TrustBundle bundle) throws CounterException {
        BundleAnchors floor = anchors().accepting(bundle);
        lastVersion = floor.lastVersion();
        lastTreeSize = floor.lastTreeSize();
        writeAnchors();
    }

    private void writeAnchors() throws CounterException {
        ObjectNode json = IJson.mapper().createObjectNode();
        json.set("genesis", genesis.toJson());
        json.put("publisher", publisher.toString());
        json.put("lastVersion", lastVersion);
        json.put("lastTreeSize", lastTreeSize);
        json.put("maxBundleAge", maxBundleAge.toString());
        write(directory.resolve("anchors.json"), json.toPrettyString().getBytes(StandardCharsets.UTF_8));
    }

    private java.util.Optional<Path> newestFull() {
        return files(FULL).stream().max(Comparator.comparingLong(p -> number(FULL, p, 1)));
    }

    private List<Path> deltasAfter(long version) {
        List<Path> chain = new ArrayList<>();
        long at = version;
        List<Path> deltas = files(DELTA);
        boolean found = true;
        while (found) {
            found = false;
            for (Path delta : deltas) {
                if (number(DELTA, delta, 1) == at) {
                    chain.add(delta);
                    at = number(DELTA, delta, 2);
                    found = true;
                    break;
                }
            }
        }
        return chain;
    }

    private void removeAllBut(long version) throws CounterException {
        try {
            for (Path p : files(FULL)) if (number(FULL, p, 1) != version) Files.delete(p);
            for (Path p : files(DELTA)) Files.delete(p);
        } catch (IOException e) {
            throw new CounterException("cannot tidy " + directory + ": " + e.getMessage(), e);
        }
    }

    private List<Path> files(Pattern pattern) {
        if (!Files.isDirectory(directory)) return List.of();
        try (Stream<Path> list = Files.list(directory)) {
            return list.filter(p -> pattern.matcher(p.getFileName().toString()).matches()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long number(Pattern pattern, Path file, int group) {
        Matcher m = pattern.matcher(file.getFileName().toString());
        if (!m.matches()) throw new IllegalArgumentException(file.toString());
        return Long.parseLong(m.group(group));
    }

    private static byte[] read(Path file) throws CounterException {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new CounterException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Written beside, then renamed: a crash never leaves half a file under a name the store reads. */
    private static void write(Path file, byte[] bytes) throws CounterException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.createDirectories(file.getParent());
            Files.write(temporary, bytes);
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new CounterException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static CounterException unavailable(StatusRuntimeException e) {
        return new CounterException("the credential-issuer cannot be reached (" + e.getStatus().getDescription()
            + "); the counter keeps verifying with the trust data it holds until it is stale", e);
    }
}
