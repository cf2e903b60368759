package org.civitas.ops.cli;

import com.google.protobuf.ByteString;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import org.civitas.proto.issuer.v1.CredentialIssuerGrpc;
import org.civitas.proto.issuer.v1.GetTrustBundleDeltaRequest;
import org.civitas.proto.issuer.v1.GetTrustBundleDeltaResponse;
import org.civitas.proto.issuer.v1.GetTrustBundleRequest;
import org.civitas.proto.issuer.v1.GetTrustBundleResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The command writes exactly what the rpcs answer. The rpcs themselves (building and signing bundles) are tested
 * against the real service in credential-issuer; here a gRPC server on loopback answers them with fixed bytes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BundleCommandTest {

    static final byte[] BUNDLE = {'C', 'I', 'V', 'T', 'B', 'F', 1, 0, 0, 0, 0};
    static final byte[] DELTA = {'C', 'I', 'V', 'T', 'B', 'D', 1, 0, 0, 0, 0};

    Server server;
    String address;
    @TempDir Path directory;

    @BeforeAll
    void start() throws IOException {
        server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
            .addService(new CredentialIssuerGrpc.CredentialIssuerImplBase() {
                @Override
                public void getTrustBundle(GetTrustBundleRequest request, StreamObserver<GetTrustBundleResponse> out) {
                    out.onNext(GetTrustBundleResponse.newBuilder().setBundle(ByteString.copyFrom(BUNDLE)).setVersion(42)
                        .setPublisherDid("did:key:z6Mkpublisher").build());
                    out.onCompleted();
                }

                @Override
                public void getTrustBundleDelta(GetTrustBundleDeltaRequest request,
                                                StreamObserver<GetTrustBundleDeltaResponse> out) {
                    if (request.getSinceVersion() == 7) {
                        out.onError(Status.NOT_FOUND.withDescription("version 7 is not held").asRuntimeException());
                        return;
                    }
                    var response = GetTrustBundleDeltaResponse.newBuilder().setFromVersion(request.getSinceVersion());
                    if (request.getSinceVersion() == 42) response.setToVersion(42);
                    else response.setDelta(ByteString.copyFrom(DELTA)).setToVersion(42);
                    out.onNext(response.build());
                    out.onCompleted();
                }
            }).build().start();
        address = "127.0.0.1:" + server.getPort();
    }

    @AfterAll
    void stop() { server.shutdownNow(); }

    private int run(String... args) { return org.civitas.ops.cli.CivitasCli.commandLine().execute(args); }

    @Test
    void export_writesTheBundleTheIssuerServes() throws IOException {
        Path out = directory.resolve("bundle.civtb");

        assertEquals(0, run("bundle", "export", "--issuer", address, "--out", out.toString()));
        assertArrayEquals(BUNDLE, Files.readAllBytes(out));
    }

    @Test
    void delta_writesTheDeltaSinceAVersion_andNothingWhenItIsTheLatest() throws IOException {
        Path out = directory.resolve("delta.civtb");
        Path none = directory.resolve("none.civtb");

        assertEquals(0, run("bundle", "delta", "--issuer", address, "--since", "41", "--out", out.toString()));
        assertEquals(0, run("bundle", "delta", "--issuer", address, "--since", "42", "--out", none.toString()));

        assertArrayEquals(DELTA, Files.readAllBytes(out));
        assertFalse(Files.exists(none));
    }

    @Test
    void delta_versionNotHeld_exitsNonZero() {
        assertEquals(1, run("bundle", "delta", "--issuer", address, "--since", "7", "--out",
            directory.resolve("x").toString()));
    }
}
