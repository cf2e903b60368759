package org.civitas.issuer.status;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.grpc.StatusRuntimeException;
import org.civitas.issuer.IssuerException;
import org.civitas.issuer.IssuerException.Reason;
import org.civitas.issuer.key.AgencySigners;
import org.civitas.issuer.ledger.IssuerLedger;
import org.civitas.issuer.store.StatusListStore;
import org.civitas.sdk.FormatException;
import org.civitas.sdk.jcs.Jcs;
import org.civitas.sdk.key.KeyType;
import org.civitas.sdk.ledger.Digest;
import org.civitas.sdk.ledger.SignedTransaction;
import org.civitas.sdk.ledger.Transaction;
import org.civitas.sdk.proof.DataIntegrity;
import org.civitas.sdk.proof.ProofOptions;
import org.civitas.sdk.status.StatusBits;
import org.civitas.sdk.status.StatusListCredential;
import org.civitas.server.ledger.LedgerClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * Signs a new version of a status list credential (Bitstring Status List v1.0 §3.1) with the issuer's key and
 * anchors its digest on the ledger ({@code statuslist.anchor}, version + 1, digest = ledger hash of the signed
 * credential's RFC 8785 form). The signed version and its ledger transaction are stored before the transaction is
 * submitted, so a crash leaves either the previous version current or a pending one that {@link #recover()}
 * resubmits: the ledger accepts the same transaction once, and the stored list always matches its anchor.
 * Publications of one list are serialised. Thread-safe.
 */
public final class StatusListPublisher {

    private static final Logger LOG = LoggerFactory.getLogger(StatusListPublisher.class);
    /** Verifiers should fetch a list again after this long (§2.2 {@code ttl}). */
    static final Duration TTL = Duration.ofMinutes(5);

    /** A version now current: its signed credential and where the ledger anchors it. */
    public record Published(String listId, long version, String credential, Digest digest, long anchorIndex) { }

    private final StatusListStore lists;
    private final IssuerLedger ledger;
    private final AgencySigners signers;
    private final Clock clock;
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    public StatusListPublisher(StatusListStore lists, IssuerLedger ledger, AgencySigners signers, Clock clock) {
        this.lists = lists;
        this.ledger = ledger;
        this.signers = signers;
        this.clock = clock;
    }

    /**
     * Publishes the next version of a list, its bits changed by {@code change} (MSB-first bytes, as the list
     * stores them).
     */
    public Published publish(String listId, UnaryOperator<byte[]> change) {
        synchronized (locks.computeIfAbsent(listId, id -> new Object())) {
            StatusList list = lists.find(listId).orElseThrow(() -> IssuerException.about(Reason.STATUS_LIST_NOT_FOUND,
                "status list", listId, "no status list " + listId));
            if (list.pending() != null) list = finish(list);
            byte[] bits = change.apply(list.bits());
            AgencySigners.Signer signer = signers.of(list.issuer()).primary();
            ObjectNode signed = signedCredential(list, bits, signer);
            Digest digest = Digest.of(ledger.hash().digest(Jcs.canonicalize(signed)));
            long version = list.version() + 1;
            SignedTransaction tx = SignedTransaction.sign(new Transaction.StatusListAnchoring(list.issuer(), listId,
                version, digest, UUID.randomUUID().toString()), Map.of(signer.methodId(), signer.key()));
            StatusList.Publication publication = new StatusList.Publication(version, signed.toString(),
                tx.toJson().toString(), bits);
            if (!lists.beginPublication(listId, list.version(), publication)) {
                throw IssuerException.of(Reason.SERVICE_UNAVAILABLE, "status list " + listId + " changed meanwhile; retry");
            }
            return submit(list, publication, tx, digest);
        }
    }

    /** Makes sure a list has an anchored version: finishes one in flight, or publishes version 1. */
    public void ensurePublished(String listId) {
        synchronized (locks.computeIfAbsent(listId, id -> new Object())) {
            StatusList list = lists.find(listId).orElseThrow();
            if (list.pending() != null) {
                finish(list);
                return;
            }
            if (list.version() > 0) return;
        }
        publish(listId, bits -> bits);
    }

    /** Resubmits every anchoring a crash left in flight. */
    public void recover() {
        for (StatusList list : lists.withPendingPublication()) {
            synchronized (locks.computeIfAbsent(list.id(), id -> new Object())) {
                try {
                    finish(list);
                } catch (RuntimeException e) {
                    LOG.warn("Status list {} version {} is still not anchored: {}", list.id(), list.pending().version(),
                        e.getMessage());
                }
            }
        }
    }

    private StatusList finish(StatusList list) {
        StatusList.Publication pending = list.pending();
        SignedTransaction tx;
        try {
            tx = SignedTransaction.parseJson(pending.transaction());
        } catch (FormatException e) {
            throw new IllegalStateException("a stored status list anchoring does not parse: " + e.getMessage());
        }
        Digest digest = ((Transaction.StatusListAnchoring) tx.transaction()).digest();
        submit(list, pending, tx, digest);
        return lists.find(list.id()).orElseThrow();
    }

    private Published submit(StatusList list, StatusList.Publication publication, SignedTransaction tx, Digest digest) {
        LedgerClient.Submission submission;
        try {
            submission = ledger.submit(tx);
        } catch (StatusRuntimeException refused) {
            // a refusal is final for this transaction: drop it so the list can move on with a fresh one
            lists.abandonPublication(list.id(), publication.version());
            throw IssuerException.of(Reason.LEDGER_UNAVAILABLE, "the ledger refused to anchor status list " + list.id()
                + " version " + publication.version() + ": " + refused.getStatus().getDescription());
        }
        lists.finishPublication(list.id(), publication, submission.entry().index());
        return new Published(list.id(), publication.version(), publication.credential(), digest,
            submission.entry().index());
    }

    private ObjectNode signedCredential(StatusList list, byte[] bits, AgencySigners.Signer signer) {
        StatusBits.Builder entries = StatusBits.builder(list.length(), 1);
        for (int i = 0; i < list.length(); i++) {
            if ((bits[i >>> 3] & (0x80 >>> (i & 7))) != 0) entries.set(i, 1);
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        ObjectNode unsigned = StatusListCredential.builder().id(list.id()).issuer(list.issuer().toString())
            .validFrom(now).statusPurpose(list.purpose()).bits(entries).ttl(TTL).buildUnsigned();
        return DataIntegrity.sign(unsigned, ProofOptions.builder(suiteFor(signer.key().type()), signer.methodId())
            .created(now).build(), signer.key());
    }

    private static String suiteFor(KeyType type) {
        return switch (type) {
            case ED25519 -> "eddsa-jcs-2022";
            case SM2 -> "sm2-jcs-2025";
            case P256 -> "ecdsa-jcs-2019";
        };
    }

    /** Sets or clears entry {@code index} (single-bit entries, MSB first within each byte: §3.1). */
    public static byte[] withBit(byte[] bits, int index, boolean set) {
        byte[] copy = bits.clone();
        int mask = 0x80 >>> (index & 7);
        copy[index >>> 3] = (byte) (set ? copy[index >>> 3] | mask : copy[index >>> 3] & ~mask);
        return copy;
    }

    public static boolean bit(byte[] bits, int index) {
        return (bits[index >>> 3] & (0x80 >>> (index & 7))) != 0;
    }
}
