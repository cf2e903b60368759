package org.civitas.ledger;

import io.micronaut.runtime.Micronaut;

/** Starts a ledger node: the gRPC ledger service, health, reflection and the HTTP health/metrics endpoints. */
public final class LedgerApplication {

    private LedgerApplication() { }

    public static void main(String[] args) {
        Micronaut.build(args).mainClass(LedgerApplication.class).banner(false).start();
    }
}
