package org.civitas.identity.grpc;

import com.google.protobuf.Timestamp;
import org.civitas.identity.IdentityException;
import org.civitas.sdk.FormatException;
import org.civitas.sdk.did.Did;
import org.civitas.sdk.ledger.LedgerEntry;
import org.civitas.sdk.ledger.LedgerHash;
import org.civitas.sdk.ledger.SignedTransaction;
import org.civitas.sdk.ledger.CivitasDid;
import org.civitas.server.FieldProblem;
import org.civitas.server.ledger.LedgerProtos;

import java.time.Instant;
import java.util.List;

/** Field readers and writers shared by the mappers: every malformed field becomes a field violation. */
final class Protos {

    static final int MAX_NAME = 200;

    private Protos() { }

    static Did did(String text, String field) {
        if (text.isEmpty()) throw IdentityException.invalid(field, "is required");
        try {
            return Did.parse(text);
        } catch (FormatException e) {
            throw IdentityException.invalid(field, "is not a DID (did:<method>:<id>)");
        }
    }

    /** A did:civitas DID, as citizens and agencies have. */
    static Did civitasDid(String text, String field) {
        Did did = did(text, field);
        if (!CivitasDid.isCivitas(did)) throw IdentityException.invalid(field, "must be a did:civitas DID");
        return did;
    }

    static SignedTransaction transaction(org.civitas.proto.ledger.v1.SignedTransaction proto, boolean present,
                                         String field) {
        if (!present) throw IdentityException.invalid(field, "is required");
        try {
            return LedgerProtos.fromProto(proto);
        } catch (FormatException e) {
            throw IdentityException.invalid(field, "is not a signed ledger transaction: " + e.getMessage());
        }
    }

    static org.civitas.proto.ledger.v1.LedgerEntry entry(LedgerEntry entry, LedgerHash hash) {
        return LedgerProtos.toProto(entry, hash);
    }

    static Timestamp timestamp(Instant instant) { return LedgerProtos.timestamp(instant); }

    static Instant instant(Timestamp timestamp) { return LedgerProtos.instant(timestamp); }

    /** Adds a problem when {@code text} is empty or longer than {@code max}. */
    static void text(List<FieldProblem> problems, String text, String field, int max, boolean required) {
        if (required && text.trim().isEmpty()) problems.add(new FieldProblem(field, "is required"));
        else if (text.length() > max) problems.add(new FieldProblem(field, "is longer than " + max + " characters"));
    }

    static void throwIfAny(List<FieldProblem> problems) {
        if (!problems.isEmpty()) throw IdentityException.invalid(problems);
    }
}
