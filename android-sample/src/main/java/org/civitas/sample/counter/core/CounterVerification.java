package org.civitas.sample.counter.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.civitas.sdk.Check;
import org.civitas.sdk.FormatException;
import org.civitas.sdk.Outcome;
import org.civitas.sdk.Reason;
import org.civitas.sdk.VerificationResult;
import org.civitas.sdk.Verifier;
import org.civitas.sdk.jcs.IJson;
import org.civitas.sdk.policy.ChallengeRegistry;
import org.civitas.sdk.policy.CounterPolicies;
import org.civitas.sdk.policy.VerifierPolicy;
import org.civitas.sdk.qr.ChallengeQr;
import org.civitas.sdk.qr.QrCodec;
import org.civitas.sdk.trust.TrustView;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The counter without Android: makes the challenge QR a wallet answers, and verifies a scanned presentation offline
 * with the SDK's verifier, over the trust bundle the counter holds and the SDK's policy for the chosen counter.
 * Challenges are single-use at this counter (the verifier's registry remembers answered ones). Thread-safe.
 */
public final class CounterVerification {

    private static final Duration CHALLENGE_LIFETIME = Duration.ofMinutes(5);

    private final String domain;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final ChallengeRegistry answered;

    /** @param domain this counter's domain, which wallets sign into their answers */
    public CounterVerification(String domain, Clock clock) {
        this.domain = Objects.requireNonNull(domain, "domain");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.answered = ChallengeRegistry.inMemory(CHALLENGE_LIFETIME.multipliedBy(3), clock);
    }

    /** A fresh challenge for the wallet to answer, shown as a QR (its {@code encode()} text). */
    public ChallengeQr newChallenge(CounterPolicy policy) {
        return new ChallengeQr(ChallengeQr.newChallenge(random), domain,
            List.copyOf(CounterPolicies.named(policy.id()).acceptedTypes()), clock.instant().plus(CHALLENGE_LIFETIME));
    }

    /**
     * Verifies a scanned presentation offline.
     *
     * @param scanned   the QR text ({@code CIV1:}) or presentation JSON
     * @param trust     the trust bundle the counter holds
     * @param challenge the challenge this counter showed, or null for a one-way presentation
     */
    public CounterResult verify(String scanned, CounterPolicy policy, TrustView trust, ChallengeQr challenge) {
        VerifierPolicy chosen = CounterPolicies.named(policy.id());
        if (challenge != null) chosen = chosen.expecting(challenge.challenge(), challenge.domain());
        Verifier verifier = Verifier.builder().trust(trust).clock(clock).challenges(answered).build();
        ObjectNode presentation;
        try {
            presentation = scanned.startsWith(QrCodec.PREFIX) ? QrCodec.decode(scanned)
                : IJson.parseObject("presentation", scanned);
        } catch (FormatException e) {
            presentation = null;
        }
        // decoded once: the verifier checks it, and the screen names its types and holder
        VerificationResult result = presentation == null ? verifier.verify(scanned, chosen, clock)
            : verifier.verify(presentation, chosen, clock);
        List<String> types = new ArrayList<>();
        String holder = "";
        if (presentation != null) {
            for (JsonNode vc : presentation.path("verifiableCredential")) {
                for (JsonNode type : vc.path("type")) {
                    if (!"VerifiableCredential".equals(type.asText())) types.add(type.asText());
                }
                if (holder.isEmpty()) holder = vc.path("credentialSubject").path("id").asText("");
            }
        }
        List<Reason> reasons = new ArrayList<>();
        for (Check c : result.checks()) if (c.outcome() == Outcome.FAILED) reasons.add(c.reason());
        if (result.accepted()) for (Check c : result.checks()) if (c.outcome() == Outcome.PASSED) reasons.add(c.reason());
        return new CounterResult(result.accepted(), holder, types, reasons);
    }
}
