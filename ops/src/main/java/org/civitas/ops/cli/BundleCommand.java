package org.civitas.ops.cli;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.StatusRuntimeException;
import org.civitas.proto.issuer.v1.CredentialIssuerGrpc;
import org.civitas.proto.issuer.v1.GetTrustBundleDeltaRequest;
import org.civitas.proto.issuer.v1.GetTrustBundleRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * Trust bundles for offline verifiers, fetched from credential-issuer's GetTrustBundle and GetTrustBundleDelta
 * (the rpcs stay the source of truth; this only writes what they answer to a file a counter can load).
 */
@Command(name = "bundle", mixinStandardHelpOptions = true, description = "Export signed trust bundles for offline verifiers.",
    subcommands = {BundleCommand.Export.class, BundleCommand.Delta.class})
final class BundleCommand {

    abstract static class FromIssuer {
        @Option(names = "--issuer", defaultValue = "${env:CIVITAS_ISSUER_GRPC:-127.0.0.1:7300}",
            description = "credential-issuer gRPC address (default: ${DEFAULT-VALUE})")
        String issuer;

        @Option(names = "--out", required = true, description = "The file to write.")
        Path out;

        <T> T call(java.util.function.Function<CredentialIssuerGrpc.CredentialIssuerBlockingStub, T> rpc) {
            ManagedChannel channel = ManagedChannelBuilder.forTarget(Endpoint.parse(issuer).toString()).usePlaintext()
                .build();
            try {
                return rpc.apply(CredentialIssuerGrpc.newBlockingStub(channel).withDeadlineAfter(60, TimeUnit.SECONDS));
            } finally {
                channel.shutdownNow();
            }
        }

        int failed(StatusRuntimeException e) {
            System.err.println("credential-issuer at " + issuer + " answered " + e.getStatus().getCode()
                + (e.getStatus().getDescription() == null ? "" : ": " + e.getStatus().getDescription()));
            return 1;
        }
    }

    /** Writes the latest full bundle. */
    @Command(name = "export", mixinStandardHelpOptions = true,
        description = "Write the latest signed trust bundle to a file.")
    static final class Export extends FromIssuer implements Callable<Integer> {
        @Override
        public Integer call() throws IOException {
            try {
                var response = call(stub -> stub.getTrustBundle(GetTrustBundleRequest.getDefaultInstance()));
                Files.write(out, response.getBundle().toByteArray());
                System.out.println("Wrote trust bundle version " + response.getVersion() + " (" + response.getBundle().size()
                    + " bytes) to " + out);
                System.out.println("  signed by " + response.getPublisherDid() + "   (pin this DID in verifiers)");
                return 0;
            } catch (StatusRuntimeException e) {
                return failed(e);
            }
        }
    }

    /** Writes the delta since a version. */
    @Command(name = "delta", mixinStandardHelpOptions = true,
        description = "Write what changed since a bundle version to a file (nothing when it is the latest).")
    static final class Delta extends FromIssuer implements Callable<Integer> {
        @Option(names = "--since", required = true, description = "The version of the bundle held.")
        long since;

        @Override
        public Integer call() throws IOException {
            try {
                var response = call(stub -> stub.getTrustBundleDelta(GetTrustBundleDeltaRequest.newBuilder()
                    .setSinceVersion(since).build()));
                if (response.getDelta().isEmpty()) {
                    System.out.println("Version " + since + " is the latest: nothing to write");
                    return 0;
                }
                Files.write(out, response.getDelta().toByteArray());
                System.out.println("Wrote the delta from version " + response.getFromVersion() + " to "
                    + response.getToVersion() + " (" + response.getDelta().size() + " bytes) to " + out);
                return 0;
            } catch (StatusRuntimeException e) {
                return failed(e);
            }
        }
    }
}
