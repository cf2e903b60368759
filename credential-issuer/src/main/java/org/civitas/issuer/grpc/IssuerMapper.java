package org.civitas.issuer.grpc;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.Duration;
import com.google.protobuf.Message;
import com.google.protobuf.Timestamp;
import org.civitas.issuer.audit.AuditEntry;
import org.civitas.issuer.issuance.IssuanceOrder;
import org.civitas.issuer.issuance.IssuedCredential;
import org.civitas.issuer.status.CredentialState;
import org.civitas.issuer.status.StatusSlot;
import org.civitas.issuer.type.CredentialType;
import org.civitas.proto.issuer.v1.Domain;
import org.civitas.proto.issuer.v1.IssueCredentialRequest;
import org.civitas.proto.issuer.v1.StatusEntry;
import org.civitas.sdk.ledger.LedgerHash;
import org.civitas.sdk.ledger.ProvenEntry;
import org.civitas.sdk.ledger.Transaction;
import org.civitas.server.ledger.LedgerProtos;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;

/** Maps the issuer contract ({@code civitas.issuer.v1}) to the domain and back. */
final class IssuerMapper {

    private IssuerMapper() { }

    static IssuanceOrder toOrder(IssueCredentialRequest request) {
        return new IssuanceOrder(request.getRequestId(), request.getCredentialType(), request.getTypeVersion(),
            request.getSubjectDid(), request.getClaimsJson(), request.getRegion(),
            request.hasValidFrom() ? instant(request.getValidFrom()) : null,
            request.hasValidUntil() ? instant(request.getValidUntil()) : null, fingerprint(request));
    }

    /** SHA-256 of the request's deterministic serialization, base64url. */
    static String fingerprint(Message request) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            CodedOutputStream out = CodedOutputStream.newInstance(bytes);
            out.useDeterministicSerialization();
            request.writeTo(out);
            out.flush();
            return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(MessageDigest.getInstance("SHA-256").digest(bytes.toByteArray()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static org.civitas.proto.issuer.v1.IssuedCredential toProto(IssuedCredential c) {
        return org.civitas.proto.issuer.v1.IssuedCredential.newBuilder()
            .setCredentialId(c.id()).setCredentialType(c.type()).setTypeVersion(c.typeVersion())
            .setIssuerDid(c.issuer().toString()).setSubjectDid(c.holder().toString()).setCredentialJson(c.json())
            .setIssuedAt(timestamp(c.issuedAt())).setValidUntil(timestamp(c.validUntil()))
            .setState(state(c.state()))
            .addStatusEntries(entry(c.revocation())).addStatusEntries(entry(c.suspension()))
            .build();
    }

    static org.civitas.proto.issuer.v1.CredentialState state(CredentialState state) {
        return switch (state) {
            case ACTIVE -> org.civitas.proto.issuer.v1.CredentialState.ACTIVE;
            case SUSPENDED -> org.civitas.proto.issuer.v1.CredentialState.SUSPENDED;
            case REVOKED -> org.civitas.proto.issuer.v1.CredentialState.REVOKED;
        };
    }

    private static StatusEntry entry(StatusSlot slot) {
        return StatusEntry.newBuilder().setStatusPurpose(slot.purpose().value()).setStatusListId(slot.listId())
            .setStatusListIndex(slot.index()).build();
    }

    static org.civitas.proto.issuer.v1.CredentialType toProto(CredentialType type) {
        return org.civitas.proto.issuer.v1.CredentialType.newBuilder()
            .setTypeId(type.id()).setVersion(type.version()).setDomain(Domain.valueOf(type.domain().name()))
            .setLabelEn(type.labelEn()).setLabelZh(type.labelZh()).setClaimsSchemaJson(type.schema().toString())
            .setDefaultValidity(Duration.newBuilder().setSeconds(type.defaultValidity().getSeconds()))
            .addAllProofSuites(type.proofSuites()).setSchemaDigest(ByteString.copyFrom(type.schemaDigest().bytes()))
            .setRetired(type.retired())
            .build();
    }

    static org.civitas.proto.ledger.v1.StatusListAnchor anchor(ProvenEntry proven, LedgerHash hash) {
        Transaction.StatusListAnchoring anchoring = (Transaction.StatusListAnchoring) proven.entry().transaction();
        return org.civitas.proto.ledger.v1.StatusListAnchor.newBuilder()
            .setIssuerDid(anchoring.issuer().toString()).setListId(anchoring.listId()).setVersion(anchoring.version())
            .setDigest(ByteString.copyFrom(anchoring.digest().bytes())).setEntry(LedgerProtos.toProto(proven, hash))
            .build();
    }

    static org.civitas.proto.issuer.v1.AuditEntry toProto(AuditEntry e) {
        return org.civitas.proto.issuer.v1.AuditEntry.newBuilder()
            .setSequence(e.sequence()).setRecordedAt(timestamp(e.recordedAt())).setAction(e.action())
            .setCredentialId(e.credentialId() == null ? "" : e.credentialId())
            .setCredentialType(e.credentialType() == null ? "" : e.credentialType())
            .setActorDid(e.actor() == null ? "" : e.actor().toString())
            .setEntryHash(ByteString.copyFrom(e.entryHash())).setPreviousHash(ByteString.copyFrom(e.previousHash()))
            .build();
    }

    static Timestamp timestamp(Instant instant) { return LedgerProtos.timestamp(instant); }

    static Instant instant(Timestamp timestamp) { return LedgerProtos.instant(timestamp); }
}
