package org.civitas.sdk.ledger.state;

import org.civitas.sdk.did.Did;
import org.civitas.sdk.ledger.Digest;
import org.civitas.sdk.ledger.LedgerEntry;
import org.civitas.sdk.ledger.Transaction;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * How a committed entry changes the DID histories and the accreditation grants: the one fold the ledger's state
 * and an offline trust bundle both apply, entry by entry in ledger order, so both reach the same DID documents,
 * key cut-offs and grants. Not thread-safe: the maps are the caller's.
 */
public final class StateFold {

    private StateFold() { }

    /**
     * Folds one entry into {@code dids} and {@code grants}; other transaction kinds leave them alone.
     *
     * @param transactionHash the entry's transaction hash under the ledger's hash (grants are named by it)
     */
    public static void apply(LedgerEntry entry, Digest transactionHash, Map<Did, DidHistory> dids,
                             Map<Digest, Grant> grants) {
        long index = entry.index();
        Instant at = entry.committedAt();
        Transaction tx = entry.transaction();
        if (tx instanceof Transaction.Genesis g) {
            dids.put(g.nationalRoot().id(), DidHistory.created(
                new DidHistory.Version(g.nationalRoot(), transactionHash, index, at)));
        } else if (tx instanceof Transaction.DidCreate c) {
            dids.put(c.did(), DidHistory.created(new DidHistory.Version(c.document(), transactionHash, index, at)));
        } else if (tx instanceof Transaction.DidUpdate u) {
            Map<String, Instant> compromised = new HashMap<>();
            u.revokedKeys().forEach(k -> compromised.put(k.verificationMethod(), k.compromisedSince()));
            dids.computeIfPresent(u.did(), (did, history) -> history.updated(
                new DidHistory.Version(u.document(), transactionHash, index, at), compromised));
        } else if (tx instanceof Transaction.DidDeactivate d) {
            dids.computeIfPresent(d.did(), (did, history) -> history.deactivated(
                new DidHistory.Version(history.current().document(), transactionHash, index, at)));
        } else if (tx instanceof Transaction.AccreditationGrant g) {
            grants.put(transactionHash, Grant.of(g, transactionHash, index, at));
        } else if (tx instanceof Transaction.AccreditationWithdrawal w) {
            grants.computeIfPresent(w.grant(), (h, grant) -> grant.withdrawn(transactionHash, index, at));
        }
    }
}
