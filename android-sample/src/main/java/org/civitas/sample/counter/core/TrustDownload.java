package org.civitas.sample.counter.core;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.grpc.Channel;
import org.civitas.proto.identity.v1.IdentityGrpc;
import org.civitas.proto.identity.v1.ResolveDidRequest;
import org.civitas.proto.issuer.v1.CredentialIssuerGrpc;
import org.civitas.proto.issuer.v1.GetStatusListRequest;
import org.civitas.sdk.FormatException;
import org.civitas.sdk.did.DidDocument;
import org.civitas.sdk.jcs.IJson;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Downloads a counter's trust data while online: the DID documents from identity-service (resolved from the
 * ledger) and the current status lists from credential-issuer. Replaced by {@code GetTrustBundle} and the SDK's
 * signed bundle once they land.
 */
public final class TrustDownload {

    private static final long DEADLINE_SECONDS = 30;

    private final Channel identity;
    private final Channel issuer;
    private final Clock clock;

    public TrustDownload(Channel identity, Channel issuer, Clock clock) {
        this.identity = identity;
        this.issuer = issuer;
        this.clock = clock;
    }

    /**
     * @param dids          the DIDs to hold (issuers, and holders a counter expects)
     * @param statusListIds the status lists to hold
     * @throws FormatException a service answered a document that does not parse
     */
    public TrustSnapshot download(List<String> dids, List<String> statusListIds) throws FormatException {
        List<DidDocument> documents = new ArrayList<>();
        for (String did : dids) {
            String json = IdentityGrpc.newBlockingStub(identity).withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS)
                .resolveDid(ResolveDidRequest.newBuilder().setDid(did).build()).getDidDocumentJson();
            documents.add(DidDocument.parse(json));
        }
        List<ObjectNode> lists = new ArrayList<>();
        for (String id : statusListIds) {
            String json = CredentialIssuerGrpc.newBlockingStub(issuer)
                .withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS)
                .getStatusList(GetStatusListRequest.newBuilder().setStatusListId(id).build())
                .getStatusListCredentialJson();
            lists.add(IJson.parseObject("status list", json));
        }
        return new TrustSnapshot(clock.instant(), documents, lists);
    }
}
