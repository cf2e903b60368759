package org.civitas.ledger.grpc;

import org.civitas.sdk.ledger.state.Grant;
import com.google.protobuf.ByteString;
import org.civitas.ledger.LedgerService;
import org.civitas.ledger.state.Records;
import org.civitas.proto.ledger.v1.Accreditation;
import org.civitas.proto.ledger.v1.AccreditationTier;
import org.civitas.proto.ledger.v1.CredentialSchema;
import org.civitas.proto.ledger.v1.StatusListAnchor;
import org.civitas.sdk.ledger.Transaction;
import org.civitas.server.ledger.LedgerProtos;

/** Maps the ledger's state records to their contract messages, each with the proof of its entry. */
final class LedgerMapper {

    private LedgerMapper() { }

    static Accreditation accreditation(Grant g, LedgerService ledger) {
        Transaction.AccreditationGrant grant = g.grant();
        var proto = Accreditation.newBuilder()
            .setAccreditorDid(grant.accreditor().toString())
            .setSubjectDid(grant.subject().toString())
            .setTier(grant.tier() == Transaction.Tier.PROVINCIAL_ROOT ? AccreditationTier.PROVINCIAL_ROOT
                : AccreditationTier.AGENCY)
            .addAllCredentialTypes(grant.credentialTypes())
            .addAllRegions(grant.regions())
            .setValidFrom(LedgerProtos.timestamp(grant.validFrom()))
            .setGrant(LedgerProtos.toProto(ledger.prove(g.entryIndex()), ledger.hash()));
        if (grant.validUntil() != null) proto.setValidUntil(LedgerProtos.timestamp(grant.validUntil()));
        if (g.isWithdrawn()) {
            proto.setWithdrawnAt(LedgerProtos.timestamp(g.withdrawnAt()))
                .setWithdrawal(LedgerProtos.toProto(ledger.prove(g.withdrawalIndex()), ledger.hash()));
        }
        return proto.build();
    }

    static CredentialSchema schema(Records.Schema s, LedgerService ledger) {
        return CredentialSchema.newBuilder()
            .setTypeId(s.registration().typeId())
            .setVersion(s.registration().version())
            .setSchemaDigest(ByteString.copyFrom(s.registration().schemaDigest().bytes()))
            .setRegistrantDid(s.registration().registrant().toString())
            .setRegistration(LedgerProtos.toProto(ledger.prove(s.entryIndex()), ledger.hash()))
            .build();
    }

    static StatusListAnchor anchor(Records.Anchor a, LedgerService ledger) {
        return StatusListAnchor.newBuilder()
            .setIssuerDid(a.anchoring().issuer().toString())
            .setListId(a.anchoring().listId())
            .setVersion(a.anchoring().version())
            .setDigest(ByteString.copyFrom(a.anchoring().digest().bytes()))
            .setEntry(LedgerProtos.toProto(ledger.prove(a.entryIndex()), ledger.hash()))
            .build();
    }
}
