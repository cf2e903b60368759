package org.civitas.sdk.policy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a counter accepts: which credential types, which claims must be disclosed, whether the holder must sign the
 * presentation, how the presentation is bound to this moment (an interactive challenge this counter issued, or a
 * one-way presentation made within a short window), and how old status data may be. Immutable; every
 * {@code with...}-style method returns a new policy, and {@link #and} composes two policies so that the result is
 * at least as strict as each.
 */
public final class VerifierPolicy {

    /** How long after its {@code created} a one-way presentation is accepted by default. */
    public static final Duration DEFAULT_ONE_WAY_WINDOW = Duration.ofMinutes(2);
    /** How long after its {@code created} an interactive presentation is accepted by default (the challenge's lifetime). */
    public static final Duration DEFAULT_CHALLENGE_LIFETIME = Duration.ofMinutes(5);

    /**
     * One claim a counter needs: any one of the given claim names (issuers name the same fact differently, e.g.
     * {@code name} or {@code holderName}).
     *
     * @param label     what the clerk is told is missing, e.g. "the holder's name"
     * @param labelZh   the same in Chinese
     * @param anyOf     the claim names that satisfy it
     */
    public record RequiredClaim(String label, String labelZh, List<String> anyOf) {
        public RequiredClaim {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(labelZh, "labelZh");
            anyOf = List.copyOf(anyOf);
            if (anyOf.isEmpty()) throw new IllegalArgumentException("a required claim names at least one claim");
        }

        /** A claim required under one name. */
        public static RequiredClaim of(String name) { return new RequiredClaim(name, name, List.of(name)); }
    }

    private final String name;
    private final Set<String> acceptedTypes;            // empty: any type (accreditation still applies)
    private final List<RequiredClaim> requiredClaims;
    private final boolean holderBindingRequired;
    private final String challenge;
    private final String domain;
    private final Duration oneWayWindow;                // null: one-way presentations refused
    private final Duration challengeLifetime;
    private final Map<String, Duration> maxStatusAge;   // by credential type; tightens the trust data's

    private VerifierPolicy(String name, Set<String> acceptedTypes, List<RequiredClaim> requiredClaims,
                           boolean holderBindingRequired, String challenge, String domain, Duration oneWayWindow,
                           Duration challengeLifetime, Map<String, Duration> maxStatusAge) {
        this.name = name;
        this.acceptedTypes = Collections.unmodifiableSet(new LinkedHashSet<>(acceptedTypes));
        this.requiredClaims = List.copyOf(requiredClaims);
        this.holderBindingRequired = holderBindingRequired;
        this.challenge = challenge;
        this.domain = domain;
        this.oneWayWindow = oneWayWindow;
        this.challengeLifetime = challengeLifetime;
        this.maxStatusAge = Map.copyOf(maxStatusAge);
    }

    /**
     * The base policy: any accredited type, no claim required, a presentation signed by the credential's subject,
     * one-way presentations within {@link #DEFAULT_ONE_WAY_WINDOW}, no challenge expected yet.
     */
    public static VerifierPolicy standard() {
        return new VerifierPolicy("standard", Set.of(), List.of(), true, null, null, DEFAULT_ONE_WAY_WINDOW,
            DEFAULT_CHALLENGE_LIFETIME, Map.of());
    }

    /** This policy under another name (shown in reasons, e.g. "hospital"). */
    public VerifierPolicy named(String newName) {
        return new VerifierPolicy(Objects.requireNonNull(newName, "name"), acceptedTypes, requiredClaims,
            holderBindingRequired, challenge, domain, oneWayWindow, challengeLifetime, maxStatusAge);
    }

    /** Only these credential types (the credential's second {@code type} value, e.g. {@code Diploma}). */
    public VerifierPolicy acceptingTypes(String... types) {
        if (types.length == 0) throw new IllegalArgumentException("name at least one type");
        return new VerifierPolicy(name, new LinkedHashSet<>(List.of(types)), requiredClaims, holderBindingRequired,
            challenge, domain, oneWayWindow, challengeLifetime, maxStatusAge);
    }

    /** Also requires these claims of every credential. */
    public VerifierPolicy requiringClaims(RequiredClaim... claims) {
        List<RequiredClaim> all = new ArrayList<>(requiredClaims);
        all.addAll(List.of(claims));
        return new VerifierPolicy(name, acceptedTypes, all, holderBindingRequired, challenge, domain, oneWayWindow,
            challengeLifetime, maxStatusAge);
    }

    /** Whether a bare credential (not presented and signed by its subject) is refused; true by default. */
    public VerifierPolicy requiringHolderBinding(boolean required) {
        return new VerifierPolicy(name, acceptedTypes, requiredClaims, required, challenge, domain, oneWayWindow,
            challengeLifetime, maxStatusAge);
    }

    /**
     * Expects an interactive presentation answering this challenge and domain (those the counter showed); the
     * verifier accepts each challenge once.
     */
    public VerifierPolicy expecting(String challenge, String domain) {
        Objects.requireNonNull(challenge, "challenge");
        Objects.requireNonNull(domain, "domain");
        if (challenge.isEmpty()) throw new IllegalArgumentException("the challenge is empty");
        return new VerifierPolicy(name, acceptedTypes, requiredClaims, holderBindingRequired, challenge, domain,
            oneWayWindow, challengeLifetime, maxStatusAge);
    }

    /** Accepts one-way presentations made at most {@code window} before verification (clock skew added). */
    public VerifierPolicy allowingOneWay(Duration window) {
        if (window.isNegative() || window.isZero()) throw new IllegalArgumentException("the window must be positive");
        return new VerifierPolicy(name, acceptedTypes, requiredClaims, holderBindingRequired, challenge, domain, window,
            challengeLifetime, maxStatusAge);
    }

    /** Refuses one-way presentations: only answers to this counter's challenge. */
    public VerifierPolicy interactiveOnly() {
        return new VerifierPolicy(name, acceptedTypes, requiredClaims, holderBindingRequired, challenge, domain, null,
            challengeLifetime, maxStatusAge);
    }

    /** How long after its {@code created} an interactive presentation is still accepted. */
    public VerifierPolicy challengeLifetime(Duration lifetime) {
        if (lifetime.isNegative() || lifetime.isZero()) throw new IllegalArgumentException("the lifetime must be positive");
        return new VerifierPolicy(name, acceptedTypes, requiredClaims, holderBindingRequired, challenge, domain,
            oneWayWindow, lifetime, maxStatusAge);
    }

    /** Status data for {@code type} older than {@code age} is refused, even if the trust data allows more. */
    public VerifierPolicy maxStatusAge(String type, Duration age) {
        if (age.isNegative()) throw new IllegalArgumentException("the age must not be negative");
        Map<String, Duration> ages = new HashMap<>(maxStatusAge);
        ages.put(Objects.requireNonNull(type, "type"), age);
        return new VerifierPolicy(name, acceptedTypes, requiredClaims, holderBindingRequired, challenge, domain,
            oneWayWindow, challengeLifetime, ages);
    }

    /**
     * Both policies at once: the types both accept (a policy accepting any type does not widen the other), every
     * required claim of either, holder binding if either requires it, the shorter windows and ages, and this
     * policy's challenge unless only the other has one. Named "{@code a + b}".
     */
    public VerifierPolicy and(VerifierPolicy other) {
        Set<String> types;
        if (acceptedTypes.isEmpty()) types = other.acceptedTypes;
        else if (other.acceptedTypes.isEmpty()) types = acceptedTypes;
        else {
            types = new LinkedHashSet<>(acceptedTypes);
            types.retainAll(other.acceptedTypes);
            if (types.isEmpty()) throw new IllegalArgumentException(name + " and " + other.name + " share no credential type");
        }
        List<RequiredClaim> claims = new ArrayList<>(requiredClaims);
        for (RequiredClaim c : other.requiredClaims) if (!claims.contains(c)) claims.add(c);
        Map<String, Duration> ages = new HashMap<>(maxStatusAge);
        other.maxStatusAge.forEach((t, d) -> ages.merge(t, d, (a, b) -> a.compareTo(b) <= 0 ? a : b));
        Duration window = oneWayWindow == null || other.oneWayWindow == null ? null : min(oneWayWindow, other.oneWayWindow);
        boolean mine = challenge != null;
        return new VerifierPolicy(name + " + " + other.name, types, claims,
            holderBindingRequired || other.holderBindingRequired, mine ? challenge : other.challenge,
            mine ? domain : other.domain, window, min(challengeLifetime, other.challengeLifetime), ages);
    }

    /** The policy's name, e.g. {@code hospital}. */
    public String name() { return name; }

    /** The accepted types; empty when any accredited type is accepted. */
    public Set<String> acceptedTypes() { return acceptedTypes; }

    /** Whether a credential of {@code type} is accepted by type. */
    public boolean accepts(String type) { return acceptedTypes.isEmpty() || acceptedTypes.contains(type); }

    public List<RequiredClaim> requiredClaims() { return requiredClaims; }

    public boolean holderBindingRequired() { return holderBindingRequired; }

    /** The challenge the presentation must answer, when the counter issued one. */
    public Optional<String> challenge() { return Optional.ofNullable(challenge); }

    /** The domain that goes with {@link #challenge()}. */
    public Optional<String> domain() { return Optional.ofNullable(domain); }

    /** How old a one-way presentation may be; empty when one-way presentations are refused. */
    public Optional<Duration> oneWayWindow() { return Optional.ofNullable(oneWayWindow); }

    public Duration challengeLifetime() { return challengeLifetime; }

    /** This policy's limit on status data age for {@code type}, if it sets one. */
    public Optional<Duration> maxStatusAge(String type) { return Optional.ofNullable(maxStatusAge.get(type)); }

    private static Duration min(Duration a, Duration b) { return a.compareTo(b) <= 0 ? a : b; }

    @Override public String toString() {
        return "VerifierPolicy[" + name + (acceptedTypes.isEmpty() ? ", any type" : ", " + acceptedTypes)
            + (requiredClaims.isEmpty() ? "" : ", claims " + requiredClaims)
            + (challenge != null ? ", interactive" : oneWayWindow != null ? ", one-way within " + oneWayWindow : "")
            + "]";
    }
}
