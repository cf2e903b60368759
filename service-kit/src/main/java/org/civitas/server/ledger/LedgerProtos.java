package org.civitas.server.ledger;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import org.civitas.proto.ledger.v1.HashAlgorithm;
import org.civitas.sdk.FormatException;
import org.civitas.sdk.ledger.ConsistencyProof;
import org.civitas.sdk.ledger.InclusionProof;
import org.civitas.sdk.ledger.LedgerEntry;
import org.civitas.sdk.ledger.LedgerHash;
import org.civitas.sdk.ledger.ProvenEntry;
import org.civitas.sdk.ledger.SignedTransaction;
import org.civitas.sdk.ledger.SignedTreeHead;
import org.civitas.sdk.ledger.TransactionSignature;
import org.civitas.sdk.ledger.TreeHead;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps the ledger contract ({@code civitas.ledger.v1}) to the SDK's ledger types and back, for the ledger's
 * edge and for every client of it. Reading untrusted messages throws {@link FormatException}.
 */
public final class LedgerProtos {

    private LedgerProtos() { }

    public static org.civitas.proto.ledger.v1.SignedTransaction toProto(SignedTransaction tx) {
        var proto = org.civitas.proto.ledger.v1.SignedTransaction.newBuilder()
            .setPayload(ByteString.copyFrom(tx.payload()));
        for (TransactionSignature s : tx.signatures()) {
            proto.addSignatures(org.civitas.proto.ledger.v1.TransactionSignature.newBuilder()
                .setVerificationMethod(s.verificationMethod())
                .setSignature(ByteString.copyFrom(s.signature())));
        }
        return proto.build();
    }

    public static SignedTransaction fromProto(org.civitas.proto.ledger.v1.SignedTransaction proto)
            throws FormatException {
        List<TransactionSignature> signatures = new ArrayList<>();
        for (var s : proto.getSignaturesList()) {
            signatures.add(new TransactionSignature(s.getVerificationMethod(), s.getSignature().toByteArray()));
        }
        return SignedTransaction.of(proto.getPayload().toByteArray(), signatures);
    }

    public static org.civitas.proto.ledger.v1.LedgerEntry toProto(LedgerEntry entry, LedgerHash hash) {
        return org.civitas.proto.ledger.v1.LedgerEntry.newBuilder()
            .setIndex(entry.index())
            .setLeafData(ByteString.copyFrom(entry.leafData()))
            .setTransaction(toProto(entry.signedTransaction()))
            .setCommittedAt(timestamp(entry.committedAt()))
            .setTransactionHash(ByteString.copyFrom(entry.signedTransaction().hash(hash).bytes()))
            .build();
    }

    /** The leaf data is authoritative: the other fields only repeat it. */
    public static LedgerEntry fromProto(org.civitas.proto.ledger.v1.LedgerEntry proto) throws FormatException {
        LedgerEntry entry = LedgerEntry.parse(proto.getLeafData().toByteArray());
        if (entry.index() != proto.getIndex()) {
            throw new FormatException("ledger entry", "index " + proto.getIndex() + " disagrees with its leaf data");
        }
        return entry;
    }

    /**
     * The entry the ledger answered for a transaction this side submitted. The leaf data stays authoritative, but
     * when it is exactly the leaf of {@code submitted} at the answered index and time (as it is for every commit of
     * that transaction) the entry is built from {@code submitted} instead of parsing the leaf and the transaction
     * again; any other leaf is read as {@link #fromProto(org.civitas.proto.ledger.v1.LedgerEntry)} reads it.
     */
    public static LedgerEntry fromProto(org.civitas.proto.ledger.v1.LedgerEntry proto, SignedTransaction submitted)
            throws FormatException {
        if (proto.getIndex() >= 0 && proto.hasCommittedAt()) {
            LedgerEntry expected = LedgerEntry.of(proto.getIndex(), instant(proto.getCommittedAt()), submitted);
            if (Arrays.equals(expected.leafData(), proto.getLeafData().toByteArray())) return expected;
        }
        return fromProto(proto);
    }

    public static org.civitas.proto.ledger.v1.InclusionProof toProto(InclusionProof proof) {
        var proto = org.civitas.proto.ledger.v1.InclusionProof.newBuilder()
            .setLeafIndex(proof.leafIndex()).setTreeSize(proof.treeSize());
        proof.auditPath().forEach(h -> proto.addAuditPath(ByteString.copyFrom(h)));
        return proto.build();
    }

    public static InclusionProof fromProto(org.civitas.proto.ledger.v1.InclusionProof proto) throws FormatException {
        if (proto.getLeafIndex() < 0 || proto.getTreeSize() < 0) {
            throw new FormatException("inclusion proof", "index and size must be below 2^63");
        }
        return new InclusionProof(proto.getLeafIndex(), proto.getTreeSize(), bytes(proto.getAuditPathList()));
    }

    public static org.civitas.proto.ledger.v1.ConsistencyProof toProto(ConsistencyProof proof) {
        var proto = org.civitas.proto.ledger.v1.ConsistencyProof.newBuilder()
            .setFirstTreeSize(proof.firstSize()).setSecondTreeSize(proof.secondSize());
        proof.path().forEach(h -> proto.addPath(ByteString.copyFrom(h)));
        return proto.build();
    }

    public static ConsistencyProof fromProto(org.civitas.proto.ledger.v1.ConsistencyProof proto)
            throws FormatException {
        if (proto.getFirstTreeSize() < 0 || proto.getSecondTreeSize() < 0) {
            throw new FormatException("consistency proof", "sizes must be below 2^63");
        }
        return new ConsistencyProof(proto.getFirstTreeSize(), proto.getSecondTreeSize(), bytes(proto.getPathList()));
    }

    public static org.civitas.proto.ledger.v1.SignedTreeHead toProto(SignedTreeHead signed) {
        TreeHead head = signed.head();
        var proto = org.civitas.proto.ledger.v1.SignedTreeHead.newBuilder()
            .setLedgerId(ByteString.copyFrom(head.ledgerId()))
            .setTreeSize(head.treeSize())
            .setRootHash(ByteString.copyFrom(head.rootHash()))
            .setTimestamp(timestamp(head.timestamp()))
            .setHashAlgorithm(head.hash() == LedgerHash.SM3 ? HashAlgorithm.SM3 : HashAlgorithm.SHA_256);
        signed.signatures().forEach((node, signature) -> proto.addSignatures(
            org.civitas.proto.ledger.v1.TreeHeadSignature.newBuilder()
                .setNodeId(node).setSignature(ByteString.copyFrom(signature))));
        return proto.build();
    }

    public static SignedTreeHead fromProto(org.civitas.proto.ledger.v1.SignedTreeHead proto) throws FormatException {
        LedgerHash hash = switch (proto.getHashAlgorithm()) {
            case SHA_256 -> LedgerHash.SHA_256;
            case SM3 -> LedgerHash.SM3;
            default -> throw new FormatException("tree head", "unknown hash algorithm " + proto.getHashAlgorithm());
        };
        if (proto.getLedgerId().size() != LedgerHash.SIZE || proto.getRootHash().size() != LedgerHash.SIZE
                || proto.getTreeSize() < 0) {
            throw new FormatException("tree head", "ledger id and root hash are 32 bytes; size below 2^63");
        }
        TreeHead head = new TreeHead(proto.getLedgerId().toByteArray(), proto.getTreeSize(),
            proto.getRootHash().toByteArray(), instant(proto.getTimestamp()), hash);
        Map<String, byte[]> signatures = new LinkedHashMap<>();
        for (var s : proto.getSignaturesList()) signatures.put(s.getNodeId(), s.getSignature().toByteArray());
        return new SignedTreeHead(head, signatures);
    }

    public static org.civitas.proto.ledger.v1.ProvenEntry toProto(ProvenEntry proven, LedgerHash hash) {
        return org.civitas.proto.ledger.v1.ProvenEntry.newBuilder()
            .setEntry(toProto(proven.entry(), hash))
            .setInclusionProof(toProto(proven.inclusionProof()))
            .setTreeHead(toProto(proven.treeHead()))
            .build();
    }

    public static ProvenEntry fromProto(org.civitas.proto.ledger.v1.ProvenEntry proto) throws FormatException {
        return new ProvenEntry(fromProto(proto.getEntry()), fromProto(proto.getInclusionProof()),
            fromProto(proto.getTreeHead()));
    }

    public static Timestamp timestamp(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }

    public static Instant instant(Timestamp timestamp) {
        return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos());
    }

    private static List<byte[]> bytes(List<ByteString> hashes) {
        List<byte[]> out = new ArrayList<>(hashes.size());
        for (ByteString h : hashes) out.add(h.toByteArray());
        return out;
    }
}
