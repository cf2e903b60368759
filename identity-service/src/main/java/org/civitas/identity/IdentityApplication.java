package org.civitas.identity;

import io.micronaut.runtime.Micronaut;
import org.civitas.server.CommonPool;

/** Starts identity-service: the identity and online-verifier gRPC services, health, reflection and metrics. */
public final class IdentityApplication {

    private IdentityApplication() { }

    public static void main(String[] args) {
        CommonPool.ensureParallelism();
        Micronaut.build(args).mainClass(IdentityApplication.class).banner(false).start();
    }
}
