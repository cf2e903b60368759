package org.civitas.ops.cli;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import org.civitas.ops.counter.CounterStore;
import org.civitas.proto.issuer.v1.CredentialIssuerGrpc;
import org.civitas.sdk.trust.TrustBundle;
import org.civitas.sdk.trust.TrustBundleException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * A counter's trust data: {@code refresh} while online (the first time it pins the ledger and the bundle publisher),
 * {@code show} offline. {@code civitas verify} then verifies with it, offline.
 */
@Command(name = "counter", mixinStandardHelpOptions = true,
    description = "Keep a counter's trust bundle: refresh it while online, show what it holds.",
    subcommands = {CounterCommand.Refresh.class, CounterCommand.Show.class})
final class CounterCommand {

    /** Exit code when the trust data is missing, refused or cannot be fetched. */
    static final int TRUST = 3;

    /** Where a counter keeps its trust data: {@code --counter-dir}, by default under the deployment's data. */
    static final class Directory {
        @Option(names = "--counter-dir", paramLabel = "DIR", defaultValue = "${env:CIVITAS_VAR:-var}/counter",
            description = "The counter's trust data (default: ${DEFAULT-VALUE}).")
        Path path;
    }

    @Command(name = "refresh", mixinStandardHelpOptions = true,
        description = "Fetch the trust bundle (or the delta since the version held) from a credential-issuer and "
            + "check it before keeping it. The first refresh pins the ledger's genesis and the publisher's did:key.")
    static final class Refresh implements Callable<Integer> {

        @picocli.CommandLine.Mixin
        Directory directory = new Directory();

        @Option(names = "--issuer", paramLabel = "HOST:PORT", defaultValue = "${env:CIVITAS_ISSUER_GRPC:-127.0.0.1:7300}",
            description = "The credential-issuer that publishes trust bundles (default: ${DEFAULT-VALUE}).")
        String issuer;

        @Option(names = "--genesis", paramLabel = "FILE", defaultValue = "${env:CIVITAS_VAR:-var}/ledger/genesis.json",
            description = "First refresh only: the ledger's signed genesis to pin (default: ${DEFAULT-VALUE}).")
        Path genesis;

        @Option(names = "--publisher", paramLabel = "DID",
            description = "First refresh only: the did:key the bundle publisher signs with (credential-issuer logs it "
                + "at start and writes it to var/issuer/bundle-publisher.did).")
        String publisher;

        @Override
        public Integer call() {
            Endpoint endpoint;
            try {
                endpoint = Endpoint.parse(issuer);
            } catch (IllegalArgumentException e) {
                System.err.println("--issuer: " + e.getMessage());
                return VcCommand.USAGE;
            }
            ManagedChannel channel = ManagedChannelBuilder.forAddress(endpoint.host(), endpoint.port()).usePlaintext().build();
            try {
                CounterStore store;
                if (CounterStore.exists(directory.path)) {
                    store = CounterStore.open(directory.path);
                } else {
                    String pinned = publisher != null ? publisher : PublisherFile.near(genesis);
                    if (pinned == null) {
                        System.err.println("The first refresh pins the bundle publisher: give --publisher did:key:…");
                        return VcCommand.USAGE;
                    }
                    store = CounterStore.create(directory.path, genesis, pinned);
                    System.out.println("Pinned the ledger of " + genesis + " and the publisher " + pinned);
                }
                CounterStore.Refreshed refreshed = store.refresh(CredentialIssuerGrpc.newBlockingStub(channel)
                    .withDeadlineAfter(60, TimeUnit.SECONDS), Instant.now());
                System.out.println("Trust data refreshed: " + refreshed.how());
                System.out.println(describe(refreshed.bundle()));
                return 0;
            } catch (CounterStore.CounterException e) {
                System.err.println(e.getMessage());
                return TRUST;
            } catch (TrustBundleException e) {
                System.err.println("The trust bundle was refused (" + e.code() + "): " + e.reason().en());
                System.err.println("信任包被拒绝：" + e.reason().zh());
                return TRUST;
            } finally {
                channel.shutdownNow();
            }
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
        description = "Check and describe the trust data the counter holds, offline.")
    static final class Show implements Callable<Integer> {

        @picocli.CommandLine.Mixin
        Directory directory = new Directory();

        @Override
        public Integer call() {
            try {
                System.out.println(describe(CounterStore.open(directory.path).load(Instant.now())));
                return 0;
            } catch (CounterStore.CounterException e) {
                System.err.println(e.getMessage());
                return TRUST;
            } catch (TrustBundleException e) {
                System.err.println("The trust data held is refused (" + e.code() + "): " + e.reason().en());
                return TRUST;
            }
        }
    }

    static String describe(TrustBundle bundle) {
        return "Trust bundle version " + bundle.version() + ": ledger size " + bundle.head().head().treeSize()
            + ", ledger head of " + bundle.asOf();
    }

    /** The publisher's did:key as the default deployment writes it, next to the ledger's data. */
    static final class PublisherFile {
        private PublisherFile() { }

        static String near(Path genesis) {
            Path var = genesis.toAbsolutePath().getParent() == null ? null : genesis.toAbsolutePath().getParent().getParent();
            if (var == null) return null;
            Path file = var.resolve("issuer").resolve("bundle-publisher.did");
            try {
                return java.nio.file.Files.isRegularFile(file) ? java.nio.file.Files.readString(file).trim() : null;
            } catch (java.io.IOException e) {
                return null;
            }
        }
    }
}
