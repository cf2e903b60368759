package org.civitas.ledger.state;

import org.civitas.sdk.ledger.Digest;
import org.civitas.sdk.ledger.LedgerHash;

import java.nio.charset.StandardCharsets;

/** Accumulates tagged lines into one hash: {@code H(H(...H(tag=value\n)...))}. */
final class StateDigest {

    private final LedgerHash.Hasher hasher;
    private byte[] acc;

    StateDigest(LedgerHash hash) {
        hasher = hash.newHasher();
        acc = new byte[LedgerHash.SIZE];
    }

    void add(String tag, Object value) {
        byte[] line = (tag + "=" + value + "\n").getBytes(StandardCharsets.UTF_8);
        acc = hasher.nodeHash(acc, line);
    }

    Digest result() { return Digest.of(acc); }
}
