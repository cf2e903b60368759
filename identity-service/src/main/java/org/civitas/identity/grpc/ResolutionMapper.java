package org.civitas.identity.grpc;

import com.google.protobuf.InvalidProtocolBufferException;
import org.civitas.identity.did.DocumentMetadata;
import org.civitas.identity.did.ProvenDocument;
import org.civitas.identity.did.ResolutionService;
import org.civitas.proto.identity.v1.ResolveDidResponse;
import org.civitas.proto.ledger.v1.DidDocumentMetadata;
import org.civitas.sdk.ledger.LedgerHash;
import org.civitas.server.ledger.LedgerProtos;

/**
 * ResolveDid answers, and their form in the resolution cache: the serialized response, so a cache hit costs one
 * parse and no proof work.
 */
final class ResolutionMapper implements ResolutionService.Codec<ResolveDidResponse> {

    private final LedgerHash hash;

    ResolutionMapper(LedgerHash hash) { this.hash = hash; }

    @Override
    public ResolveDidResponse answer(ProvenDocument document) {
        var response = ResolveDidResponse.newBuilder().setDidDocumentJson(document.documentJson());
        DocumentMetadata m = document.metadata();
        if (m != null) {
            var metadata = DidDocumentMetadata.newBuilder()
                .setCreated(Protos.timestamp(m.created()))
                .setUpdated(Protos.timestamp(m.updated()))
                .setDeactivated(m.deactivated())
                .setVersionEntryIndex(m.versionEntryIndex());
            if (m.nextUpdate() != null) metadata.setNextUpdate(Protos.timestamp(m.nextUpdate()));
            response.setMetadata(metadata);
        }
        if (document.proof() != null) response.setProof(LedgerProtos.toProto(document.proof(), hash));
        return response.build();
    }

    @Override
    public byte[] encode(ResolveDidResponse answer) { return answer.toByteArray(); }

    @Override
    public ResolveDidResponse decode(byte[] cached) {
        try {
            return ResolveDidResponse.parseFrom(cached);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("a cached resolution does not parse", e);
        }
    }
}
