package org.civitas.issuer.issuance;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test hooks that stop the process dead (as a power cut would) at the dangerous points of the issuance outbox, so
 * that crash tests can restart the service and check it recovered. Inert unless the system property
 * {@code civitas.issuer.crash.after-writes} is set (only ever in a test's child JVM).
 */
final class CrashPoints {

    private static final int AFTER_WRITES = Integer.getInteger("civitas.issuer.crash.after-writes", -1);
    private static final AtomicInteger WRITES = new AtomicInteger();

    private CrashPoints() { }

    /** Credentials are durable, their audit entries and notices not yet. */
    static void afterCredentialsWritten() {
        if (AFTER_WRITES >= 0 && WRITES.incrementAndGet() > AFTER_WRITES) Runtime.getRuntime().halt(137);
    }
}
