package org.civitas.sample.counter.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.civitas.sdk.Check;
import org.civitas.sdk.CheckId;
import org.civitas.sdk.FormatException;
import org.civitas.sdk.Outcome;
import org.civitas.sdk.Reason;
import org.civitas.sdk.VerificationResult;
import org.civitas.sdk.Verifier;
import org.civitas.sdk.jcs.IJson;
import org.civitas.sdk.qr.ChallengeQr;
import org.civitas.sdk.qr.QrCodec;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The counter without Android: makes the challenge QR a wallet answers, and verifies a scanned presentation offline
 * against the downloaded trust data and the chosen counter policy.
 *
 * <p>The one place that knows how verification is done: today the SDK's {@link Verifier} over the snapshot's
 * resolver and status lists, plus the policy's type check; when the SDK's trust bundle and policy verifier land,
 * {@link #verify} becomes {@code verifier.verify(input, CounterPolicies.named(policy.id()).expecting(..), clock)}.
 */
public final class CounterVerification {

    private static final Duration CHALLENGE_LIFETIME = Duration.ofMinutes(5);

    private final String domain;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    /** @param domain this counter's domain, which wallets sign into their answers */
    public CounterVerification(String domain, Clock clock) {
        this.domain = Objects.requireNonNull(domain, "domain");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A fresh challenge for the wallet to answer, shown as a QR (its {@code encode()} text). */
    public ChallengeQr newChallenge(CounterPolicy policy) {
        return new ChallengeQr(ChallengeQr.newChallenge(random), domain, List.of(),
            clock.instant().plus(CHALLENGE_LIFETIME));
    }

    /**
     * Verifies a scanned presentation offline.
     *
     * @param scanned   the QR text ({@code CIV1:}) or presentation JSON
     * @param challenge the challenge this counter showed, or null for a one-way presentation
     */
    public CounterResult verify(String scanned, CounterPolicy policy, TrustSnapshot trust, ChallengeQr challenge) {
        ObjectNode presentation;
        try {
            presentation = scanned.startsWith(QrCodec.PREFIX) ? QrCodec.decode(scanned)
                : IJson.parseObject("presentation", scanned);
        } catch (FormatException e) {
            return new CounterResult(false, "", List.of(), List.of(Reason.of(
                "Not a Civitas presentation: " + e.getMessage(), "不是有效的出示码：" + e.getMessage())));
        }
        Verifier verifier = Verifier.builder().resolver(trust.resolver()).statusLists(trust.statusLists())
            .clock(clock).build();
        Verifier.Request request = challenge == null ? Verifier.Request.none()
            : new Verifier.Request(challenge.challenge(), challenge.domain());
        VerificationResult result = verifier.verify(presentation, request);

        List<Check> checks = new ArrayList<>(result.checks());
        List<String> types = new ArrayList<>();
        for (JsonNode vc : presentation.path("verifiableCredential")) {
            for (JsonNode type : vc.path("type")) {
                if (!"VerifiableCredential".equals(type.asText())) types.add(type.asText());
            }
        }
        for (String type : types) {
            checks.add(policy.accepts(type)
                ? Check.passed(CheckId.POLICY, Reason.of("A " + policy.id() + " counter accepts " + type,
                    policy.label(java.util.Locale.CHINESE) + "接受" + type))
                : Check.failed(CheckId.POLICY, Reason.of("A " + policy.id() + " counter does not accept " + type,
                    policy.label(java.util.Locale.CHINESE) + "不接受" + type)));
        }
        if (types.isEmpty()) {
            checks.add(Check.failed(CheckId.POLICY, Reason.of("No credential was presented", "未出示任何证照")));
        }
        boolean accepted = checks.stream().noneMatch(c -> c.outcome() == Outcome.FAILED);
        List<Reason> reasons = new ArrayList<>();
        for (Check c : checks) if (c.outcome() == Outcome.FAILED) reasons.add(c.reason());
        if (accepted) for (Check c : checks) if (c.outcome() == Outcome.PASSED) reasons.add(c.reason());
        return new CounterResult(accepted, presentation.path("holder").asText(""), types, reasons);
    }
}
