package org.civitas.identity.config;

/**
 * Named points where a crash is most harmful, for the crash tests: when the JVM runs with
 * {@code -Dcivitas.crash-point=<name>}, reaching that point halts the process at once (no shutdown hooks, as a
 * power cut would). Without the property every point is a no-op.
 */
public final class CrashPoint {

    /** After a citizen's did.create is committed on the ledger, before the citizen's record is completed. */
    public static final String ENROLMENT_AFTER_LEDGER = "enrolment-after-ledger";

    private static final String ARMED = System.getProperty("civitas.crash-point", "");

    private CrashPoint() { }

    /** Halts the JVM when {@code name} is the armed point. */
    public static void reach(String name) {
        if (ARMED.equals(name)) Runtime.getRuntime().halt(137);
    }
}
