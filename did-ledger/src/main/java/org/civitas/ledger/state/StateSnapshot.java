package org.civitas.ledger.state;

import org.civitas.sdk.ledger.state.Grant;
import org.civitas.sdk.ledger.state.DidHistory;
import org.civitas.sdk.FormatException;
import org.civitas.sdk.did.Did;
import org.civitas.sdk.ledger.Digest;
import org.civitas.sdk.ledger.Transaction;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The ledger state at one size, written compactly so that a restart loads it instead of replaying the whole log:
 * a gzip stream (whose CRC catches any damage) of the state's records, each with the payload of the transaction
 * it came from. DID documents stay JSON text until first used. A snapshot never replaces the log: it is checked
 * against the log's entry at its size, and the log's later entries are replayed on top of it.
 *
 * <p>Format 1: {@code "CIVSNAP1"}, size, the leaf hash of the last entry it covers, then the genesis, DID
 * histories, grants, schemas, status-list anchors, audit anchors and the transaction index.
 */
public final class StateSnapshot {

    private static final byte[] MAGIC = "CIVSNAP1".getBytes(StandardCharsets.US_ASCII);

    /** What a snapshot says about itself. */
    public record Header(long size, byte[] lastLeafHash) { }

    private StateSnapshot() { }

    /** Writes a frozen copy of the state (see {@link LedgerState#freeze()}). */
    public static void write(LedgerState.Frozen state, byte[] lastLeafHash, OutputStream target) throws IOException {
        // The fastest deflate level: a snapshot is written in the background every DEFAULT_SNAPSHOT_INTERVAL entries
        // and holds the whole state, so at the default level compressing it took most of a core for seconds
        // (6 s at 100,000 DIDs); the file is read back only on a start.
        GZIPOutputStream gzip = new GZIPOutputStream(target, 1 << 16) {
            { def.setLevel(Deflater.BEST_SPEED); }
        };
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(gzip, 1 << 16));
        out.write(MAGIC);
        out.writeLong(state.size());
        blob(out, lastLeafHash);
        blob(out, state.genesisPayload());
        digest(out, state.ledgerId());
        out.writeInt(state.dids().size());
        for (DidHistory history : state.dids()) {
            out.writeUTF(history.did().toString());
            out.writeInt(history.versions().size());
            for (DidHistory.Version v : history.versions()) version(out, v);
            out.writeInt(history.compromisedSince().size());
            for (Map.Entry<String, Instant> k : history.compromisedSince().entrySet()) {
                out.writeUTF(k.getKey());
                instant(out, k.getValue());
            }
            out.writeBoolean(history.deactivation() != null);
            if (history.deactivation() != null) version(out, history.deactivation());
        }
        out.writeInt(state.grants().size());
        for (Grant g : state.grants()) {
            record(out, g.grant(), g.transactionHash(), g.entryIndex(), g.committedAt());
            out.writeBoolean(g.isWithdrawn());
            if (g.isWithdrawn()) {
                digest(out, g.withdrawalHash());
                out.writeLong(g.withdrawalIndex());
                instant(out, g.withdrawnAt());
            }
        }
        out.writeInt(state.schemas().size());
        for (Records.Schema s : state.schemas()) record(out, s.registration(), s.transactionHash(), s.entryIndex(), s.committedAt());
        out.writeInt(state.anchors().size());
        for (Records.Anchor a : state.anchors()) record(out, a.anchoring(), a.transactionHash(), a.entryIndex(), a.committedAt());
        out.writeInt(state.audits().size());
        for (Records.AuditAnchor a : state.audits()) record(out, a.anchoring(), a.transactionHash(), a.entryIndex(), a.committedAt());
        out.writeInt(state.transactions().size());
        for (Map.Entry<Digest, Long> t : state.transactions().entrySet()) {
            digest(out, t.getKey());
            out.writeLong(t.getValue());
        }
        out.flush();
        gzip.finish();
    }

    /** Reads only the header. */
    public static Header header(InputStream source) throws IOException {
        DataInputStream in = new DataInputStream(new GZIPInputStream(source));
        magic(in);
        return new Header(in.readLong(), blob(in));
    }

    /** Reads a whole snapshot into a new state. Any damage is an IOException (the caller then replays the log). */
    public static LedgerState read(InputStream source) throws IOException {
        DataInputStream in = new DataInputStream(new BufferedInputStream(new GZIPInputStream(source, 1 << 16), 1 << 16));
        magic(in);
        long size = in.readLong();
        blob(in);
        try {
            Transaction.Genesis genesis = (Transaction.Genesis) Transaction.parse(blob(in));
            Digest ledgerId = digest(in);
            Map<Did, DidHistory> dids = new LinkedHashMap<>();
            for (int i = in.readInt(); i > 0; i--) {
                Did did = Did.parse(in.readUTF());
                List<DidHistory.Version> versions = new ArrayList<>();
                for (int v = in.readInt(); v > 0; v--) versions.add(version(in));
                Map<String, Instant> compromised = new LinkedHashMap<>();
                for (int k = in.readInt(); k > 0; k--) compromised.put(in.readUTF(), instant(in));
                DidHistory.Version deactivation = in.readBoolean() ? version(in) : null;
                dids.put(did, DidHistory.restored(did, versions, compromised, deactivation));
            }
            List<Grant> grants = new ArrayList<>();
            for (int i = in.readInt(); i > 0; i--) {
                Transaction.AccreditationGrant grant = (Transaction.AccreditationGrant) Transaction.parse(blob(in));
                Grant g = Grant.of(grant, digest(in), in.readLong(), instant(in));
                if (in.readBoolean()) g = g.withdrawn(digest(in), in.readLong(), instant(in));
                grants.add(g);
            }
            List<Records.Schema> schemas = new ArrayList<>();
            for (int i = in.readInt(); i > 0; i--) {
                schemas.add(new Records.Schema((Transaction.SchemaRegistration) Transaction.parse(blob(in)), digest(in),
                    in.readLong(), instant(in)));
            }
            List<Records.Anchor> anchors = new ArrayList<>();
            for (int i = in.readInt(); i > 0; i--) {
                anchors.add(new Records.Anchor((Transaction.StatusListAnchoring) Transaction.parse(blob(in)),
                    digest(in), in.readLong(), instant(in)));
            }
            List<Records.AuditAnchor> audits = new ArrayList<>();
            for (int i = in.readInt(); i > 0; i--) {
                audits.add(new Records.AuditAnchor((Transaction.AuditAnchoring) Transaction.parse(blob(in)),
                    digest(in), in.readLong(), instant(in)));
            }
            Map<Digest, Long> transactions = new java.util.HashMap<>();
            for (int i = in.readInt(); i > 0; i--) transactions.put(digest(in), in.readLong());
            if (in.read() != -1) throw new IOException("trailing bytes after the snapshot");
            return LedgerState.restore(size, genesis, ledgerId, dids, grants, schemas, anchors, audits, transactions);
        } catch (FormatException | ClassCastException e) {
            throw new IOException("the snapshot holds an invalid record: " + e.getMessage(), e);
        }
    }

    private static void version(DataOutputStream out, DidHistory.Version v) throws IOException {
        blob(out, v.documentJson().getBytes(StandardCharsets.UTF_8));
        digest(out, v.transactionHash());
        out.writeLong(v.entryIndex());
        instant(out, v.validFrom());
    }

    private static DidHistory.Version version(DataInputStream in) throws IOException {
        String json = new String(blob(in), StandardCharsets.UTF_8);
        return DidHistory.Version.lazy(json, digest(in), in.readLong(), instant(in));
    }

    private static void record(DataOutputStream out, Transaction tx, Digest hash, long index, Instant at)
            throws IOException {
        blob(out, tx.payload());
        digest(out, hash);
        out.writeLong(index);
        instant(out, at);
    }

    private static void magic(DataInputStream in) throws IOException {
        byte[] magic = new byte[MAGIC.length];
        in.readFully(magic);
        if (!Arrays.equals(magic, MAGIC)) throw new IOException("not a ledger state snapshot (format 1)");
    }

    private static void blob(DataOutputStream out, byte[] bytes) throws IOException {
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static byte[] blob(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > 16 * 1024 * 1024) throw new IOException("a record of " + length + " bytes");
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return bytes;
    }

    private static void digest(DataOutputStream out, Digest digest) throws IOException {
        out.write(digest.bytes());
    }

    private static Digest digest(DataInputStream in) throws IOException {
        byte[] bytes = new byte[32];
        in.readFully(bytes);
        return Digest.of(bytes);
    }

    private static void instant(DataOutputStream out, Instant instant) throws IOException {
        out.writeLong(instant.getEpochSecond());
        out.writeInt(instant.getNano());
    }

    private static Instant instant(DataInputStream in) throws IOException {
        return Instant.ofEpochSecond(in.readLong(), in.readInt());
    }

}
