package org.civitas.identity.grpc;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.civitas.identity.verifier.OnlineTrust;
import org.civitas.proto.issuer.v1.CredentialIssuerGrpc;
import org.civitas.proto.issuer.v1.GetTrustBundleDeltaRequest;
import org.civitas.proto.issuer.v1.GetTrustBundleDeltaResponse;
import org.civitas.proto.issuer.v1.GetTrustBundleRequest;

import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Trust bundles from credential-issuer's GetTrustBundle and GetTrustBundleDelta. */
public final class IssuerBundleSource implements OnlineTrust.Source, AutoCloseable {

    private final ManagedChannel channel;
    private final CredentialIssuerGrpc.CredentialIssuerBlockingStub issuer;

    public IssuerBundleSource(String target) {
        this.channel = ManagedChannelBuilder.forTarget(target).usePlaintext().build();
        this.issuer = CredentialIssuerGrpc.newBlockingStub(channel);
    }

    @Override
    public byte[] full() {
        return issuer.withDeadlineAfter(60, TimeUnit.SECONDS)
            .getTrustBundle(GetTrustBundleRequest.getDefaultInstance()).getBundle().toByteArray();
    }

    @Override
    public Optional<byte[]> delta(long version) {
        try {
            GetTrustBundleDeltaResponse delta = issuer.withDeadlineAfter(30, TimeUnit.SECONDS)
                .getTrustBundleDelta(GetTrustBundleDeltaRequest.newBuilder().setSinceVersion(version).build());
            return Optional.of(delta.getDelta().toByteArray());
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == Status.Code.UNAVAILABLE) throw e;
            return Optional.empty();   // that version is no longer served: take a full bundle
        }
    }

    @Override
    public void close() {
        channel.shutdownNow();
    }
}
