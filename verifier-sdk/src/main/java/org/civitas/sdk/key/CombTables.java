package org.civitas.sdk.key;

import org.civitas.sdk.internal.Curves;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The comb tables in use: one per curve generator or base point, built on first use, and one per public key that
 * verifies often, for at most {@link #MAX_KEYS} keys of every type together: {@link CombTable}s for P-256 and SM2
 * keys, {@link EdwardsCombTable}s for Ed25519 keys. Keys met once or twice, such as a citizen's device key at a
 * counter, never get a table; the issuers' keys, met on every credential they issued, do.
 *
 * <p>Which keys hold the tables follows how often each key verifies lately (a frequency sketch whose counts halve
 * every {@link UseSketch#SAMPLE} verifications): when every place is taken, a key takes the place of the least
 * used one only when it is used more than twice as often. A counter that meets a thousand issuers thus keeps
 * tables for the busy ones, a rotated key's table goes to its successor, and keys used alike never trade places
 * (a table costs a few verifications' time to build). Thread-safe.
 */
final class CombTables {

    /** Verifications of a key (lately) before it gets a table: a table costs a few verifications' time. */
    static final int USES_BEFORE_TABLE = 4;

    /**
     * Keys with tables, at most. A key's tables are 510 points (about 60 KB, 90 KB for Ed25519, so 3 MB at most);
     * any further key verifies through BouncyCastle's own (smaller) precomputation.
     */
    static final int MAX_KEYS = 32;

    /** A built table for a key that never gets one (an Ed25519 key not of order L). */
    private static final Object INELIGIBLE = new Object();

    /** Keys with their tables: {@link CombTable} or {@link EdwardsCombTable} by the key's type. */
    private static final ConcurrentMap<VerificationKey, Object> TABLES = new ConcurrentHashMap<>();
    private static final UseSketch USES = new UseSketch();
    private static final AtomicLong BUILT = new AtomicLong();

    private CombTables() { }

    /** The table of the generator of a P-256 or SM2 key's curve. */
    static CombTable generator(KeyType type) {
        return type == KeyType.SM2 ? Sm2Generator.TABLE : P256Generator.TABLE;
    }

    /**
     * Counts a verification by this P-256 or SM2 key and answers its table (or an equal key's), building one when
     * the key has earned it; {@code null} when it has not.
     */
    static CombTable forVerification(VerificationKey key) {
        return (CombTable) table(key, k -> CombTable.of(field(k.type()), k.publicPoint()));
    }

    /**
     * Counts a verification by this Ed25519 key and answers the table of its negation, building one when the key
     * has earned it; {@code null} when it has not, and when the key is not a point of order L (see
     * {@link Ed25519Combs#negatedKeyTable}), which {@code notOfOrderL} is then told.
     */
    static EdwardsCombTable forEd25519Verification(VerificationKey key, Runnable notOfOrderL) {
        Object table = table(key, k -> {
            EdwardsCombTable built = Ed25519Combs.negatedKeyTable(k.encoded());
            return built == null ? INELIGIBLE : built;
        });
        if (table == INELIGIBLE) {
            notOfOrderL.run();
            return null;
        }
        return (EdwardsCombTable) table;
    }

    private static Object table(VerificationKey key, Function<VerificationKey, Object> build) {
        USES.add(key);
        Object table = TABLES.get(key);
        if (table != null) return table;
        int uses = USES.frequency(key);
        if (uses < USES_BEFORE_TABLE) return null;
        // Rare: a key has earned a table it lacks. One at a time, so that two keys never race for the last place.
        synchronized (TABLES) {
            table = TABLES.get(key);
            if (table != null) return table;
            VerificationKey victim = null;
            if (TABLES.size() >= MAX_KEYS) {
                victim = leastUsed();
                if (uses <= 2 * USES.frequency(victim)) return null;
            }
            Object built = build.apply(key);
            if (built == INELIGIBLE) return INELIGIBLE;
            if (victim != null) TABLES.remove(victim);
            TABLES.put(key, built);
            BUILT.incrementAndGet();
            return built;
        }
    }

    private static VerificationKey leastUsed() {
        VerificationKey least = null;
        int fewest = Integer.MAX_VALUE;
        for (VerificationKey resident : TABLES.keySet()) {
            int uses = USES.frequency(resident);
            if (uses < fewest) {
                least = resident;
                fewest = uses;
            }
        }
        return least;
    }

    private static Field52 field(KeyType type) {
        return type == KeyType.SM2 ? Field52.SM2 : Field52.P256;
    }

    /** The table of this Ed25519 key (or of an equal one), if it has one; not counted as a use. */
    static EdwardsCombTable existingEd25519(VerificationKey key) {
        Object table = TABLES.get(key);
        return table instanceof EdwardsCombTable edwards ? edwards : null;
    }

    /** Whether {@code key} has a table. */
    static boolean has(VerificationKey key) { return TABLES.containsKey(key); }

    /** Tables built for keys since the class was loaded (tests: places traded, not only held). */
    static long tablesBuilt() { return BUILT.get(); }

    /** Drops every key's table and use count, so that tests start from none; the generators' stay. */
    static void forgetKeys() {
        synchronized (TABLES) {
            TABLES.clear();
            USES.clear();
        }
    }

    /**
     * How often keys verified lately: a count-min sketch (four rows of {@link #WIDTH} counters, a key's count the
     * least of its four), every count halved each {@link #SAMPLE} verifications so that old use fades. Counts may
     * be a little high (keys sharing counters) or low (racing increments, which are not atomic); both only move a
     * table a little earlier or later.
     */
    static final class UseSketch {
        static final int WIDTH = 4096;
        static final int SAMPLE = 10 * WIDTH;
        private static final int[] SEEDS = {0x9E3779B1, 0x85EBCA6B, 0xC2B2AE35, 0x27D4EB2F};

        private final int[][] counts = new int[SEEDS.length][WIDTH];
        private final AtomicInteger additions = new AtomicInteger();

        void add(Object key) {
            int hash = key.hashCode();
            for (int row = 0; row < SEEDS.length; row++) counts[row][index(hash, row)]++;
            if (additions.incrementAndGet() % SAMPLE == 0) halve();
        }

        int frequency(Object key) {
            int hash = key.hashCode();
            int least = Integer.MAX_VALUE;
            for (int row = 0; row < SEEDS.length; row++) least = Math.min(least, counts[row][index(hash, row)]);
            return least;
        }

        void clear() {
            for (int[] row : counts) java.util.Arrays.fill(row, 0);
            additions.set(0);
        }

        private void halve() {
            for (int[] row : counts) {
                for (int i = 0; i < row.length; i++) row[i] >>>= 1;
            }
        }

        private static int index(int hash, int row) {
            return (hash * SEEDS[row]) >>> (32 - 12);              // the top 12 bits: WIDTH = 4096
        }
    }

    /** Lazy holders: a generator's table is built when its curve first verifies through tables. */
    private static final class P256Generator {
        static final CombTable TABLE = CombTable.of(Field52.P256, Curves.P256.getG());
    }

    private static final class Sm2Generator {
        static final CombTable TABLE = CombTable.of(Field52.SM2, Curves.SM2.getG());
    }
}
