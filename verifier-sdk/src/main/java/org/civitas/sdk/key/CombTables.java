package org.civitas.sdk.key;

import org.civitas.sdk.internal.Curves;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The comb tables in use: one per curve generator or base point, built on first use, and one per public key that
 * has verified {@link #USES_BEFORE_TABLE} signatures (through one key object), for at most {@link #MAX_KEYS} keys of
 * every type together: {@link CombTable}s for P-256 and SM2 keys, {@link EdwardsCombTable}s for Ed25519 keys. Keys
 * met once or twice, such as a citizen's device key at a counter, never get a table; the issuers' keys, met on every
 * credential they issued, do. Thread-safe.
 */
final class CombTables {

    /** Verifications by one key object before its table is built: a table costs a few verifications' time. */
    static final int USES_BEFORE_TABLE = 4;

    /**
     * Keys with a table, at most. A table is 255 points (about 25 KB, 45 KB for Ed25519); the first keys to earn
     * one keep it, and any further key verifies through BouncyCastle's own (smaller) precomputation.
     */
    static final int MAX_KEYS = 32;

    private static final ConcurrentMap<VerificationKey, CombTable> KEYS = new ConcurrentHashMap<>();
    private static final ConcurrentMap<VerificationKey, EdwardsCombTable> ED25519_KEYS = new ConcurrentHashMap<>();

    private CombTables() { }

    /** The table of the generator of a P-256 or SM2 key's curve. */
    static CombTable generator(KeyType type) {
        return type == KeyType.SM2 ? Sm2Generator.TABLE : P256Generator.TABLE;
    }

    /** The table of this key (or of an equal one), if one was built. */
    static CombTable existing(VerificationKey key) { return KEYS.get(key); }

    /** The key's table, or {@code null} when there is no room for another key. */
    static CombTable of(VerificationKey key) {
        CombTable table = KEYS.get(key);
        if (table != null || isFull()) return table;
        return KEYS.computeIfAbsent(key, k -> CombTable.of(field(k.type()), k.publicPoint()));
    }

    /** The table of this Ed25519 key (or of an equal one), if one was built. */
    static EdwardsCombTable existingEd25519(VerificationKey key) { return ED25519_KEYS.get(key); }

    /**
     * The table of this Ed25519 key's negation, or {@code null} when there is no room for another key or the key is
     * not a point of order L (see {@link Ed25519Combs#negatedKeyTable}).
     */
    static EdwardsCombTable ed25519Of(VerificationKey key) {
        EdwardsCombTable table = ED25519_KEYS.get(key);
        if (table != null || isFull()) return table;
        return ED25519_KEYS.computeIfAbsent(key, k -> Ed25519Combs.negatedKeyTable(k.encoded()));
    }

    /** Whether {@link #MAX_KEYS} keys have their tables; two racing keys may pass it by one. */
    static boolean isFull() { return KEYS.size() + ED25519_KEYS.size() >= MAX_KEYS; }

    private static Field256 field(KeyType type) {
        return type == KeyType.SM2 ? Field256.SM2 : Field256.P256;
    }

    /** Whether {@code key} has a table. */
    static boolean has(VerificationKey key) { return existing(key) != null || existingEd25519(key) != null; }

    /** Drops every key's table, so that tests start from none; the generators' stay. */
    static void forgetKeys() {
        KEYS.clear();
        ED25519_KEYS.clear();
    }

    /** Lazy holders: a generator's table is built when its curve first verifies through tables. */
    private static final class P256Generator {
        static final CombTable TABLE = CombTable.of(Field256.P256, Curves.P256.getG());
    }

    private static final class Sm2Generator {
        static final CombTable TABLE = CombTable.of(Field256.SM2, Curves.SM2.getG());
    }
}
