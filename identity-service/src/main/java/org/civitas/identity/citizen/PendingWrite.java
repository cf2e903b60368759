package org.civitas.identity.citizen;

import org.civitas.sdk.ledger.SignedTransaction;

import java.time.Instant;
import java.util.Objects;

/**
 * A ledger write recorded on the citizen before it is submitted, so that a crash between the ledger commit and the
 * record's update can be completed from the ledger later: the fully signed transaction is resubmitted (the
 * ledger is idempotent on its hash) and the effect applied. At most one per citizen at a time.
 *
 * @param operation  what the write does
 * @param requestKey the request that started it (rpc scope and request_id): only that request, or recovery, may
 *                   finish it
 * @param transaction the signed transaction, exactly as it goes to the ledger
 * @param since      when it was recorded
 * @param device     ENROL and BIND_DEVICE: the new device; ROTATE_DEVICE_KEY: the device with its new key;
 *                   REVOKE_DEVICE: the device revoked
 */
public record PendingWrite(Operation operation, String requestKey, SignedTransaction transaction, Instant since,
                           Device device) {

    /** The kinds of citizen ledger writes. */
    public enum Operation { ENROL, BIND_DEVICE, ROTATE_DEVICE_KEY, REVOKE_DEVICE }

    public PendingWrite {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(requestKey, "requestKey");
        Objects.requireNonNull(transaction, "transaction");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(device, "device");
    }
}
