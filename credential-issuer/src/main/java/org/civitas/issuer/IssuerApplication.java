package org.civitas.issuer;

import io.micronaut.runtime.Micronaut;
import org.civitas.server.CommonPool;

/** Starts credential-issuer: the issuer gRPC service, health, reflection and the HTTP health/metrics endpoints. */
public final class IssuerApplication {

    private IssuerApplication() { }

    public static void main(String[] args) {
        CommonPool.ensureParallelism();
        Micronaut.build(args).mainClass(IssuerApplication.class).banner(false).start();
    }
}
