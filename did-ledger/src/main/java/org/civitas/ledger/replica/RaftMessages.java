package org.civitas.ledger.replica;

import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.thirdparty.com.google.protobuf.UnsafeByteOperations;
import org.civitas.ledger.LedgerException;
import org.civitas.ledger.node.LedgerNode;
import org.civitas.sdk.FormatException;
import org.civitas.sdk.jcs.IJson;
import org.civitas.sdk.ledger.LedgerEntry;
import org.civitas.sdk.ledger.SignedTransaction;
import org.civitas.sdk.ledger.TransactionSignature;
import org.civitas.sdk.ledger.TreeHead;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The binary forms the replicas exchange through Ratis. Every message starts with a kind byte.
 * <ul>
 * <li>{@link #BATCH} (a client's write request): {@code u32 count}, then per transaction {@code u32 length,
 *     payload, u16 signatures, (UTF method, u16 length, signature)*}: the signed payload bytes travel verbatim.</li>
 * <li>{@link #ENTRY} (a Raft log entry, made by the leader from a batch): {@code i64 epochSecond, i32 nano} (the
 *     leader's commit time), then the batch's body unchanged.</li>
 * <li>The reply to a batch: {@code u32 count}, then per transaction {@code 0, i64 index, i64 epochSecond, i32 nano}
 *     (committed now: the entry is rebuilt from the submitted transaction), {@code 1, u32 length, leaf data}
 *     (committed earlier: the entry as stored) or {@code 2, UTF reason, UTF message} (rejected).</li>
 * <li>Queries: {@link #COUNTERSIGN} (a tree head's signing input; the answer is the signature),
 *     {@link #STATUS} (answer: {@code i64 term, i64 index, i64 ledgerSize} at the last applied Raft entry) and
 *     {@link #ENTRIES} ({@code i64 from, i64 to}; answer: {@code u32 count, (u32 length, leaf data)*}).</li>
 * </ul>
 */
final class RaftMessages {

    static final byte BATCH = 1;
    static final byte ENTRY = 2;
    static final byte COUNTERSIGN = 3;
    static final byte STATUS = 4;
    static final byte ENTRIES = 5;

    private static final byte COMMITTED = 0;
    private static final byte ALREADY_COMMITTED = 1;
    private static final byte REJECTED = 2;
    /** Far above any real batch, far below what would exhaust memory on a corrupt count. */
    private static final int MAX_COUNT = 1 << 20;

    private RaftMessages() { }

    /** A batch of transactions with its decoding problems: a transaction that does not read is {@code null}. */
    record Batch(Instant timestamp, List<SignedTransaction> transactions, List<String> problems) { }

    /** What a node reported for its last applied Raft entry. */
    record Status(long term, long index, long ledgerSize) { }

    static ByteString batch(List<SignedTransaction> transactions) {
        return write(out -> {
            out.writeByte(BATCH);
            out.writeInt(transactions.size());
            for (SignedTransaction tx : transactions) {
                byte[] payload = tx.payload();
                out.writeInt(payload.length);
                out.write(payload);
                out.writeShort(tx.signatures().size());
                for (TransactionSignature s : tx.signatures()) {
                    out.writeUTF(s.verificationMethod());
                    out.writeShort(s.signature().length);
                    out.write(s.signature());
                }
            }
        });
    }

    /**
     * Checks that a batch request is well-formed down to its lengths (its payloads are read on apply), so that
     * nothing malformed reaches the Raft log.
     */
    static void checkBatch(ByteString request) {
        try (DataInputStream in = new DataInputStream(request.newInput())) {
            if (in.readByte() != BATCH) throw new IllegalArgumentException("not a batch of transactions");
            int count = count(in);
            for (int i = 0; i < count; i++) {
                skip(in, in.readInt());
                int signatures = in.readUnsignedShort();
                for (int s = 0; s < signatures; s++) {
                    in.readUTF();
                    skip(in, in.readUnsignedShort());
                }
            }
            if (in.read() != -1) throw new IllegalArgumentException("bytes after the batch");
        } catch (IOException e) {
            throw new IllegalArgumentException("a batch request is cut short", e);
        }
    }

    /** The log entry for a batch request: the commit time, then the request's transactions as they came. */
    static ByteString entry(Instant timestamp, ByteString batchRequest) {
        ByteString header = write(out -> {
            out.writeByte(ENTRY);
            out.writeLong(timestamp.getEpochSecond());
            out.writeInt(timestamp.getNano());
        });
        return header.concat(batchRequest.substring(1));
    }

    /**
     * Reads a log entry. A transaction whose payload does not parse becomes {@code null} with its problem, the
     * same on every node; a structurally broken entry throws (the leader checks structure before logging).
     */
    static Batch readEntry(ByteString entry) {
        try (DataInputStream in = new DataInputStream(entry.newInput())) {
            if (in.readByte() != ENTRY) throw new IllegalStateException("not a ledger log entry");
            Instant timestamp = Instant.ofEpochSecond(in.readLong(), in.readInt());
            int count = count(in);
            List<SignedTransaction> transactions = new ArrayList<>(count);
            List<String> problems = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                byte[] payload = in.readNBytes(in.readInt());
                int signatureCount = in.readUnsignedShort();
                List<TransactionSignature> signatures = new ArrayList<>(signatureCount);
                for (int s = 0; s < signatureCount; s++) {
                    String method = in.readUTF();
                    signatures.add(new TransactionSignature(method, in.readNBytes(in.readUnsignedShort())));
                }
                try {
                    transactions.add(SignedTransaction.of(payload, signatures));
                    problems.add(null);
                } catch (FormatException | RuntimeException e) {
                    transactions.add(null);
                    problems.add(e.getMessage());
                }
            }
            return new Batch(timestamp, transactions, problems);
        } catch (IOException e) {
            throw new IllegalStateException("a ledger log entry is cut short", e);
        }
    }

    static ByteString outcomes(List<LedgerNode.Outcome> outcomes) {
        return write(out -> {
            out.writeInt(outcomes.size());
            for (LedgerNode.Outcome outcome : outcomes) {
                if (outcome instanceof LedgerNode.Outcome.Committed c && !c.alreadyCommitted()) {
                    out.writeByte(COMMITTED);
                    out.writeLong(c.entry().index());
                    out.writeLong(c.entry().committedAt().getEpochSecond());
                    out.writeInt(c.entry().committedAt().getNano());
                } else if (outcome instanceof LedgerNode.Outcome.Committed c) {
                    out.writeByte(ALREADY_COMMITTED);
                    byte[] leaf = c.entry().leafData();
                    out.writeInt(leaf.length);
                    out.write(leaf);
                } else {
                    LedgerException reason = ((LedgerNode.Outcome.Rejected) outcome).reason();
                    out.writeByte(REJECTED);
                    out.writeUTF(reason.ledgerReason().name());
                    out.writeUTF(shortened(reason.getMessage()));
                }
            }
        });
    }

    /** Reads the outcomes of a batch; {@code submitted} is the batch as sent, whose new entries are rebuilt from it. */
    static List<LedgerNode.Outcome> readOutcomes(ByteString reply, List<SignedTransaction> submitted) {
        try (DataInputStream in = new DataInputStream(reply.newInput())) {
            int count = in.readInt();
            if (count != submitted.size()) {
                throw new IllegalStateException(count + " outcomes for " + submitted.size() + " transactions");
            }
            List<LedgerNode.Outcome> outcomes = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                byte kind = in.readByte();
                if (kind == COMMITTED) {
                    long index = in.readLong();
                    Instant at = Instant.ofEpochSecond(in.readLong(), in.readInt());
                    outcomes.add(new LedgerNode.Outcome.Committed(LedgerEntry.of(index, at, submitted.get(i)), false));
                } else if (kind == ALREADY_COMMITTED) {
                    outcomes.add(new LedgerNode.Outcome.Committed(LedgerEntry.parse(in.readNBytes(in.readInt())), true));
                } else if (kind == REJECTED) {
                    LedgerException.Reason reason = LedgerException.Reason.valueOf(in.readUTF());
                    outcomes.add(new LedgerNode.Outcome.Rejected(new LedgerException(reason, in.readUTF())));
                } else {
                    throw new IllegalStateException("unknown outcome kind " + kind);
                }
            }
            return outcomes;
        } catch (IOException | FormatException | IllegalArgumentException e) {
            throw new IllegalStateException("the leader's reply does not read: " + e.getMessage(), e);
        }
    }

    static ByteString countersign(TreeHead head) {
        return write(out -> {
            out.writeByte(COUNTERSIGN);
            out.write(head.signingInput());
        });
    }

    static TreeHead readCountersign(ByteString query) {
        try {
            return TreeHead.parse(IJson.parseObject("tree head",
                query.substring(1).toString(StandardCharsets.UTF_8)));
        } catch (FormatException e) {
            throw new IllegalArgumentException("not a tree head: " + e.getMessage(), e);
        }
    }

    static ByteString statusQuery() {
        return ByteString.copyFrom(new byte[] {STATUS});
    }

    static ByteString status(Status status) {
        return write(out -> {
            out.writeLong(status.term());
            out.writeLong(status.index());
            out.writeLong(status.ledgerSize());
        });
    }

    static Status readStatus(ByteString reply) {
        try (DataInputStream in = new DataInputStream(reply.newInput())) {
            return new Status(in.readLong(), in.readLong(), in.readLong());
        } catch (IOException e) {
            throw new IllegalStateException("a status reply is cut short", e);
        }
    }

    static ByteString entriesQuery(long from, long to) {
        return write(out -> {
            out.writeByte(ENTRIES);
            out.writeLong(from);
            out.writeLong(to);
        });
    }

    /** The {@code [from, to)} range of an entries query. */
    static long[] readEntriesQuery(ByteString query) {
        try (DataInputStream in = new DataInputStream(query.substring(1).newInput())) {
            return new long[] {in.readLong(), in.readLong()};
        } catch (IOException e) {
            throw new IllegalArgumentException("an entries query is cut short", e);
        }
    }

    static ByteString entries(List<byte[]> leaves) {
        return write(out -> {
            out.writeInt(leaves.size());
            for (byte[] leaf : leaves) {
                out.writeInt(leaf.length);
                out.write(leaf);
            }
        });
    }

    static List<byte[]> readEntries(ByteString reply) {
        try (DataInputStream in = new DataInputStream(reply.newInput())) {
            int count = count(in);
            List<byte[]> leaves = new ArrayList<>(count);
            for (int i = 0; i < count; i++) leaves.add(in.readNBytes(in.readInt()));
            return leaves;
        } catch (IOException e) {
            throw new IllegalStateException("an entries reply is cut short", e);
        }
    }

    static byte kind(ByteString message) {
        if (message.isEmpty()) throw new IllegalArgumentException("an empty message");
        return message.byteAt(0);
    }

    private static int count(DataInputStream in) throws IOException {
        int count = in.readInt();
        if (count < 0 || count > MAX_COUNT) throw new IOException("implausible count " + count);
        return count;
    }

    private static void skip(InputStream in, long bytes) throws IOException {
        if (bytes < 0) throw new IOException("a negative length");
        in.skipNBytes(bytes);
    }

    private static String shortened(String message) {
        String text = message == null ? "" : message;
        return text.length() > 4000 ? text.substring(0, 4000) + "…" : text;
    }

    private interface Writer {
        void write(DataOutputStream out) throws IOException;
    }

    private static ByteString write(Writer writer) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            writer.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return UnsafeByteOperations.unsafeWrap(bytes.toByteArray());
    }
}
