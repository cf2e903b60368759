package org.civitas.identity;

import io.micronaut.runtime.Micronaut;

/** Starts identity-service: the identity and online-verifier gRPC services, health, reflection and metrics. */
public final class IdentityApplication {

    private IdentityApplication() { }

    public static void main(String[] args) {
        Micronaut.build(args).mainClass(IdentityApplication.class).banner(false).start();
    }
}
