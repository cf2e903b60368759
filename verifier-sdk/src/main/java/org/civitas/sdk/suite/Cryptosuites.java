package org.civitas.sdk.suite;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The cryptosuites a signer or verifier accepts, by {@code cryptosuite} name (the "Instantiate Cryptosuite"
 * algorithm of vc-di-eddsa §3.1 and vc-di-ecdsa §3.1). A name not in the set is an unsupported suite: verification
 * fails that proof rather than guessing. Immutable and thread-safe.
 */
public final class Cryptosuites {

    private static final Cryptosuites STANDARD = of(new EddsaJcs2022(), new EddsaRdfc2022(), new EcdsaJcs2019(),
        new EcdsaRdfc2019(), new Sm2Jcs2025());

    private final Map<String, Cryptosuite> suites;

    private Cryptosuites(Map<String, Cryptosuite> suites) {
        this.suites = Collections.unmodifiableMap(suites);
    }

    /**
     * The five suites of the SDK: {@code eddsa-jcs-2022}, {@code eddsa-rdfc-2022}, {@code ecdsa-jcs-2019},
     * {@code ecdsa-rdfc-2019} (P-256) and {@code sm2-jcs-2025}, the RDFC ones with the bundled contexts (loaded
     * when an RDFC proof is first made or checked).
     */
    public static Cryptosuites standard() { return STANDARD; }

    /** The five suites, the RDFC ones with these contexts (e.g. the bundled ones plus a deployment's own). */
    public static Cryptosuites withContexts(JsonLdContexts contexts) {
        return of(new EddsaJcs2022(), new EddsaRdfc2022(contexts), new EcdsaJcs2019(), new EcdsaRdfc2019(contexts),
            new Sm2Jcs2025());
    }

    /**
     * Exactly these suites, e.g. to accept only the JCS ones.
     *
     * @throws IllegalArgumentException two suites share a name
     */
    public static Cryptosuites of(Cryptosuite... suites) {
        Map<String, Cryptosuite> byName = new LinkedHashMap<>();
        for (Cryptosuite suite : suites) {
            if (byName.putIfAbsent(suite.name(), suite) != null) {
                throw new IllegalArgumentException("two cryptosuites are named " + suite.name());
            }
        }
        return new Cryptosuites(byName);
    }

    /** The suite of this name, if accepted. */
    public Optional<Cryptosuite> find(String name) {
        return Optional.ofNullable(suites.get(name));
    }

    /**
     * The suite of this name.
     *
     * @throws IllegalArgumentException no such suite is accepted
     */
    public Cryptosuite get(String name) {
        Cryptosuite suite = suites.get(name);
        if (suite == null) throw new IllegalArgumentException("unsupported cryptosuite " + name + "; supported: " + names());
        return suite;
    }

    /** The accepted names, in order. */
    public Set<String> names() { return suites.keySet(); }

    @Override
    public String toString() { return "Cryptosuites" + names(); }
}
