package org.civitas.sample.counter.core;

import io.grpc.Channel;
import org.civitas.proto.issuer.v1.CredentialIssuerGrpc;
import org.civitas.proto.issuer.v1.GetTrustBundleRequest;
import org.civitas.sdk.trust.BundleAnchors;
import org.civitas.sdk.trust.TrustBundle;
import org.civitas.sdk.trust.TrustBundleException;

import java.time.Clock;
import java.util.concurrent.TimeUnit;

/**
 * Downloads a counter's trust bundle while online, from credential-issuer's {@code GetTrustBundle}, and checks it
 * against what the counter pins (the ledger's genesis, the publisher's did:key, the newest version it accepted)
 * before anything is kept. The counter then verifies offline from the file it saved.
 */
public final class TrustDownload {

    private static final long DEADLINE_SECONDS = 60;

    private final Channel issuer;
    private final Clock clock;

    public TrustDownload(Channel issuer, Clock clock) {
        this.issuer = issuer;
        this.clock = clock;
    }

    /** A bundle checked on arrival, and the file to save for the offline verifications that follow. */
    public static final class Downloaded {
        private final TrustBundle bundle;
        private final byte[] file;

        Downloaded(TrustBundle bundle, byte[] file) {
            this.bundle = bundle;
            this.file = file.clone();
        }

        public TrustBundle bundle() { return bundle; }

        public byte[] file() { return file.clone(); }
    }

    /**
     * Fetches the full bundle and checks it.
     *
     * @throws TrustBundleException the bundle was refused (forged, rolled back, stale, …); nothing is kept
     */
    public Downloaded download(BundleAnchors anchors) throws TrustBundleException {
        byte[] file = CredentialIssuerGrpc.newBlockingStub(issuer).withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS)
            .getTrustBundle(GetTrustBundleRequest.getDefaultInstance()).getBundle().toByteArray();
        return new Downloaded(TrustBundle.load(file, anchors, clock.instant()), file);
    }
}
