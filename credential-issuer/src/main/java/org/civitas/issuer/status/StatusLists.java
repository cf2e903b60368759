package org.civitas.issuer.status;

import org.civitas.issuer.store.CredentialStore;
import org.civitas.issuer.store.StatusListStore;
import org.civitas.sdk.did.Did;
import org.civitas.sdk.status.BitstringStatusList;
import org.civitas.sdk.status.StatusPurpose;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Allocates each new credential a random unused index in its issuer's current revocation list and suspension
 * list (herd privacy: an index says nothing about when or to whom the credential was issued; Bitstring Status
 * List v1.0 §6.1). Lists have {@value BitstringStatusList#MIN_ENTRIES} entries or more; when one is full the next
 * is created and anchored (version 1, all clear) before its first index is handed out.
 *
 * <p>Allocations live in memory and become durable with the credential that holds them: its document records the
 * slots, and unique indexes on them make a slot unusable twice. After a restart a list's allocations are read
 * back from the credentials; slots handed out but never stored (a failed or duplicate issuance) are
 * {@link #release released}, or simply forgotten by a crash. Thread-safe; allocation for one issuer and purpose is
 * serialised (a few bit operations).
 */
public final class StatusLists {

    static final StatusPurpose[] PURPOSES = {StatusPurpose.REVOCATION, StatusPurpose.SUSPENSION};
    private static final int RANDOM_PROBES = 32;

    private final StatusListStore lists;
    private final CredentialStore credentials;
    private final StatusListPublisher publisher;
    private final String baseUrl;
    private final int length;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Holder> holders = new ConcurrentHashMap<>();

    /** The current list of one issuer and purpose, with the indexes taken. */
    private static final class Holder {
        String listId;
        BitSet used;
        int count;
    }

    /**
     * @param baseUrl where lists are served: a list's URL is {@code <baseUrl>/<issuer id>-<purpose>-<n>}
     * @param length  entries per list, at least {@value BitstringStatusList#MIN_ENTRIES} and a multiple of 8
     */
    public StatusLists(StatusListStore lists, CredentialStore credentials, StatusListPublisher publisher,
                       String baseUrl, int length) {
        if (length < BitstringStatusList.MIN_ENTRIES || length % 8 != 0) {
            throw new IllegalArgumentException("status lists need at least " + BitstringStatusList.MIN_ENTRIES
                + " entries (a multiple of 8) for herd privacy, not " + length);
        }
        this.lists = lists;
        this.credentials = credentials;
        this.publisher = publisher;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.length = length;
    }

    /** One revocation slot and one suspension slot for a new credential of {@code issuer}. */
    public List<StatusSlot> allocate(Did issuer) {
        List<StatusSlot> slots = new ArrayList<>(PURPOSES.length);
        for (StatusPurpose purpose : PURPOSES) slots.add(allocate(issuer, purpose));
        return slots;
    }

    /** Gives back slots that no stored credential holds. */
    public void release(List<StatusSlot> slots, Did issuer) {
        for (StatusSlot slot : slots) {
            Holder holder = holders.get(key(issuer, slot.purpose()));
            if (holder == null) continue;
            synchronized (holder) {
                if (slot.listId().equals(holder.listId) && holder.used.get(slot.index())) {
                    holder.used.clear(slot.index());
                    holder.count--;
                }
            }
        }
    }

    private StatusSlot allocate(Did issuer, StatusPurpose purpose) {
        Holder holder = holders.computeIfAbsent(key(issuer, purpose), k -> new Holder());
        synchronized (holder) {
            if (holder.listId == null) load(holder, issuer, purpose);
            if (holder.count >= length) {
                lists.markFull(holder.listId);
                open(holder, issuer, purpose, lists.lastSequence(issuer, purpose) + 1);
            }
            int index = freeIndex(holder.used);
            holder.used.set(index);
            holder.count++;
            return new StatusSlot(purpose, holder.listId, index);
        }
    }

    /** Uniformly random among free indexes while the list has room; a dense list falls back to the next free one. */
    private int freeIndex(BitSet used) {
        for (int probe = 0; probe < RANDOM_PROBES; probe++) {
            int candidate = random.nextInt(length);
            if (!used.get(candidate)) return candidate;
        }
        int from = random.nextInt(length);
        int free = used.nextClearBit(from);
        return free < length ? free : used.nextClearBit(0);
    }

    private void load(Holder holder, Did issuer, StatusPurpose purpose) {
        List<StatusList> open = new ArrayList<>(lists.open(issuer, purpose));
        open.sort(Comparator.comparingInt(StatusList::sequence));
        if (open.isEmpty()) {
            open(holder, issuer, purpose, lists.lastSequence(issuer, purpose) + 1);
            return;
        }
        StatusList list = open.get(0);
        publisher.ensurePublished(list.id());
        holder.listId = list.id();
        holder.used = credentials.allocated(purpose, list.id());
        holder.count = holder.used.cardinality();
    }

    private void open(Holder holder, Did issuer, StatusPurpose purpose, int sequence) {
        String id = baseUrl + "/" + issuer.methodSpecificId() + "-" + purpose.value() + "-" + sequence;
        lists.create(new StatusList(id, issuer, purpose, sequence, length, false, new byte[length / 8], 0, null, 0, null));
        publisher.ensurePublished(id);
        holder.listId = id;
        holder.used = credentials.allocated(purpose, id);
        holder.count = holder.used.cardinality();
    }

    /** The URL prefix of this service's lists. */
    public String baseUrl() { return baseUrl; }

    private static String key(Did issuer, StatusPurpose purpose) { return issuer + " " + purpose.value(); }
}
