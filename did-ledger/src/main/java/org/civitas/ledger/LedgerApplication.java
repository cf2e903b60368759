package org.civitas.ledger;

import io.micronaut.runtime.Micronaut;
import org.civitas.server.CommonPool;

/** Starts a ledger node: the gRPC ledger service, health, reflection and the HTTP health/metrics endpoints. */
public final class LedgerApplication {

    private LedgerApplication() { }

    public static void main(String[] args) {
        CommonPool.ensureParallelism();
        Micronaut.build(args).mainClass(LedgerApplication.class).banner(false).start();
    }
}
