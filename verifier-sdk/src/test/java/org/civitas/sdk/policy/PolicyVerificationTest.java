package org.civitas.sdk.policy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.civitas.sdk.Check;
import org.civitas.sdk.CheckId;
import org.civitas.sdk.Outcome;
import org.civitas.sdk.VerificationResult;
import org.civitas.sdk.Verifier;
import org.civitas.sdk.fixtures.CivitasCredentials;
import org.civitas.sdk.fixtures.CivitasCredentials.Mode;
import org.civitas.sdk.fixtures.CivitasCredentials.ProofPolicy;
import org.civitas.sdk.fixtures.CivitasCredentials.Type;
import org.civitas.sdk.fixtures.FixtureTrust;
import org.civitas.sdk.fixtures.FixtureTrust.Grant;
import org.civitas.sdk.jcs.IJson;
import org.civitas.sdk.qr.QrCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.civitas.sdk.fixtures.CivitasCredentials.CHALLENGE;
import static org.civitas.sdk.fixtures.CivitasCredentials.DOMAIN;
import static org.civitas.sdk.fixtures.CivitasCredentials.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PolicyVerificationTest {

    private static final Clock AT_NOW = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final Map<String, Set<Type>> ACCEPTED = Map.of(
        "hospital", EnumSet.of(Type.VACCINATION, Type.MEDICAL, Type.E_HEALTH_CARD),
        "school", EnumSet.of(Type.DIPLOMA, Type.TRANSCRIPT),
        "housing-office", EnumSet.of(Type.PROPERTY, Type.RESIDENCE));

    private final CivitasCredentials fixtures = new CivitasCredentials();
    private final FixtureTrust trust = fixtures.trust();

    @ParameterizedTest
    @EnumSource(Type.class)
    void everyTypeFromAnAccreditedIssuer_isAcceptedByAPolicyForAnyType_asJsonAndAsQr(Type type) {
        ObjectNode presentation = oneWay(type);
        VerificationResult json = verifier().verify(presentation.toString(), VerifierPolicy.standard(), AT_NOW);
        assertTrue(json.accepted(), json.failures().toString());
        for (CheckId id : List.of(CheckId.PROOF, CheckId.HOLDER_BINDING, CheckId.REPLAY, CheckId.STATUS,
                CheckId.ISSUER_ACCREDITED, CheckId.SCHEMA, CheckId.POLICY)) {
            assertTrue(json.checks().stream().anyMatch(c -> c.id() == id && c.outcome() == Outcome.PASSED), id.name());
        }
        for (Check check : json.checks()) assertFalse(check.reason().zh().isEmpty(), check.toString());

        VerificationResult qr = verifier().verify(QrCodec.encode(presentation), VerifierPolicy.standard(), AT_NOW);
        assertTrue(qr.accepted(), qr.failures().toString());
        assertEquals(json.checks(), qr.checks());
    }

    @Test
    void eachCounterPolicy_acceptsItsTypes_andRefusesOthersWithAReason() {
        for (Map.Entry<String, Set<Type>> counter : ACCEPTED.entrySet()) {
            VerifierPolicy policy = CounterPolicies.named(counter.getKey());
            for (Type type : Type.values()) {
                VerificationResult result = verifier().verify(oneWay(type), policy, AT_NOW);
                if (counter.getValue().contains(type)) {
                    assertTrue(result.accepted(), counter.getKey() + " " + type + ": " + result.failures());
                } else {
                    assertEquals(List.of(CheckId.POLICY), ids(result.failures()), counter.getKey() + " " + type);
                    String en = result.failures().get(0).reason().en();
                    assertTrue(en.contains("The " + counter.getKey() + " counter does not accept a " + type.typeName()), en);
                }
            }
        }
    }

    @Test
    void courtAndBank_acceptAnyAccreditedType_thatDisclosesTheClaimsTheyNeed() {
        Set<Type> named = EnumSet.of(Type.E_HEALTH_CARD, Type.RESIDENCE, Type.DIPLOMA, Type.TRANSCRIPT, Type.SOCIAL_SECURITY);
        Set<Type> namedWithBirthDate = EnumSet.of(Type.E_HEALTH_CARD, Type.SOCIAL_SECURITY);
        for (Type type : Type.values()) {
            VerificationResult court = verifier().verify(oneWay(type), CounterPolicies.court(), AT_NOW);
            VerificationResult bank = verifier().verify(oneWay(type), CounterPolicies.bank(), AT_NOW);
            assertEquals(named.contains(type), court.accepted(), "court " + type + court.failures());
            assertEquals(namedWithBirthDate.contains(type), bank.accepted(), "bank " + type + bank.failures());
            if (!court.accepted()) {
                assertEquals(List.of(CheckId.POLICY), ids(court.failures()));
                assertTrue(court.failures().get(0).reason().en().contains("needs the holder's name (name or holderName)"),
                    court.failures().toString());
            }
        }
        VerificationResult custom = verifier().verify(oneWay(Type.PROPERTY),
            CounterPolicies.court(VerifierPolicy.RequiredClaim.of("propertyAddress")), AT_NOW);
        assertTrue(custom.accepted(), custom.failures().toString());
    }

    @Test
    void policies_compose_intoTheStricterOfBoth() {
        VerifierPolicy both = CounterPolicies.hospital().and(CounterPolicies.bank());
        assertEquals(Set.of("VaccinationCertificate", "MedicalCertificate", "EHealthCard"), both.acceptedTypes());
        assertTrue(verifier().verify(oneWay(Type.E_HEALTH_CARD), both, AT_NOW).accepted());
        assertFalse(verifier().verify(oneWay(Type.VACCINATION), both, AT_NOW).accepted());   // no name
        assertFalse(both.and(CounterPolicies.hospital().interactiveOnly()).oneWayWindow().isPresent());
        assertThrows(IllegalArgumentException.class, () -> CounterPolicies.hospital().and(CounterPolicies.school()));
        assertThrows(IllegalArgumentException.class, () -> CounterPolicies.named("pharmacy"));
        assertEquals("housing-office", CounterPolicies.named("Housing-Office").name());
    }

    @Test
    void accreditation_isRefusedForTheWrongRegion() {
        Verifier verifier = verifier(trust.withGrants(replaceGrant(Type.DIPLOMA, "110000", null)));
        VerificationResult result = verifier.verify(oneWay(Type.DIPLOMA), CounterPolicies.school(), AT_NOW);
        assertEquals(List.of(CheckId.ISSUER_ACCREDITED), ids(result.failures()));
        assertTrue(result.failures().get(0).reason().en().contains("in region 310115"), result.failures().toString());
    }

    @Test
    void accreditation_isRefusedWhenWithdrawnBeforeIssuance_butNotWhenWithdrawnAfter() {
        Instant issued = CivitasCredentials.ISSUED;
        VerificationResult withdrawnBefore = verifier(trust.withGrants(replaceGrant(Type.DIPLOMA, "310000",
            issued.minusSeconds(1)))).verify(oneWay(Type.DIPLOMA), CounterPolicies.school(), AT_NOW);
        assertEquals(List.of(CheckId.ISSUER_ACCREDITED), ids(withdrawnBefore.failures()));

        VerificationResult withdrawnAfter = verifier(trust.withGrants(replaceGrant(Type.DIPLOMA, "310000",
            issued.plusSeconds(1)))).verify(oneWay(Type.DIPLOMA), CounterPolicies.school(), AT_NOW);
        assertTrue(withdrawnAfter.accepted(), "accredited when it issued: " + withdrawnAfter.failures());
    }

    @Test
    void accreditation_isRefusedWhenGrantedOnlyAfterIssuance() {
        List<Grant> grants = trust.grants().stream()
            .map(g -> g.type().equals("Diploma") ? new Grant(g.issuer(), g.type(), g.region(),
                CivitasCredentials.ISSUED.plus(Duration.ofDays(1)), null) : g)
            .collect(Collectors.toList());
        VerificationResult result = verifier(trust.withGrants(grants))
            .verify(oneWay(Type.DIPLOMA), CounterPolicies.school(), AT_NOW);
        assertEquals(List.of(CheckId.ISSUER_ACCREDITED), ids(result.failures()));
    }

    @Test
    void schemaViolations_areRefusedFieldByField() throws Exception {
        ObjectNode strict = IJson.parseObject("schema", """
            {"type":"object","properties":{"holderName":{"type":"string"},"institution":{"type":"string"},
             "degree":{"enum":["master","doctorate"]},"fieldOfStudy":{"type":"string"},
             "graduationDate":{"type":"string","format":"date"},"certificateNumber":{"type":"string","maxLength":10}},
             "required":["holderName","degree","thesis"],"additionalProperties":false}""");
        VerificationResult result = verifier(trust.withSchema("Diploma", "1.0", strict))
            .verify(oneWay(Type.DIPLOMA), CounterPolicies.school(), AT_NOW);

        assertEquals(List.of(CheckId.SCHEMA), ids(result.failures()));
        String en = result.failures().get(0).reason().en();
        assertTrue(en.contains("thesis is required"), en);
        assertTrue(en.contains("degree must be one of [\"master\",\"doctorate\"]"), en);
        assertTrue(en.contains("certificateNumber must have at most 10 characters"), en);
        assertFalse(en.contains("1000321202405001234"), "never quotes a claim's value: " + en);
    }

    @Test
    void aSchemaThatIsNotRegistered_isRefused_withRefreshTheTrustData() {
        ObjectNode credential = fixtures.credential(Type.DIPLOMA, ProofPolicy.EDDSA_AND_SM2);
        // a later version of the type that this counter's trust data does not know yet (the issuer's proof then
        // fails too, which is fine: the SCHEMA check is what is asserted)
        credential.with("credentialSchema").put("id", "urn:civitas:schema:Diploma:2.0");
        VerificationResult result = verifier().verify(credential, VerifierPolicy.standard().requiringHolderBinding(false),
            AT_NOW);
        Check schema = result.checks().stream().filter(c -> c.id() == CheckId.SCHEMA).findFirst().orElseThrow();
        assertEquals(Outcome.FAILED, schema.outcome());
        assertTrue(schema.reason().en().contains("Diploma version 2.0") && schema.reason().en().contains("refresh the trust data"),
            schema.reason().en());
    }

    @Test
    void staleStatusData_isRefused_withRefreshTheTrustData() {
        FixtureTrust stale = trust.withStatusLists(fixtures.statusLists(NOW.minus(Duration.ofHours(30)), Set.of(), Set.of()));
        VerificationResult result = verifier(stale).verify(oneWay(Type.VACCINATION), CounterPolicies.hospital(), AT_NOW);
        assertEquals(List.of(CheckId.STATUS, CheckId.STATUS), ids(result.failures()));
        assertTrue(result.failures().get(0).reason().en().contains("refresh the trust data"), result.failures().toString());

        // the policy may tighten the trust data's limit, per type
        VerificationResult tightened = verifier().verify(oneWay(Type.VACCINATION),
            CounterPolicies.hospital().maxStatusAge("VaccinationCertificate", Duration.ofMinutes(5)), AT_NOW);
        assertEquals(List.of(CheckId.STATUS, CheckId.STATUS), ids(tightened.failures()));
        assertTrue(verifier().verify(oneWay(Type.MEDICAL),
            CounterPolicies.hospital().maxStatusAge("VaccinationCertificate", Duration.ofMinutes(5)), AT_NOW).accepted());
    }

    @Test
    void revokedAndSuspendedCredentials_areRefusedWithTheirReason() {
        FixtureTrust revoked = trust.withStatusLists(fixtures.statusLists(NOW.minusSeconds(600), Set.of(Type.PROPERTY), Set.of()));
        VerificationResult r = verifier(revoked).verify(oneWay(Type.PROPERTY), CounterPolicies.housingOffice(), AT_NOW);
        assertEquals(List.of(CheckId.STATUS), ids(r.failures()));
        assertTrue(r.failures().get(0).reason().en().contains("Revoked by the issuer"), r.failures().toString());

        FixtureTrust suspended = trust.withStatusLists(fixtures.statusLists(NOW.minusSeconds(600), Set.of(), Set.of(Type.PROPERTY)));
        VerificationResult s = verifier(suspended).verify(oneWay(Type.PROPERTY), CounterPolicies.housingOffice(), AT_NOW);
        assertEquals(List.of(CheckId.STATUS), ids(s.failures()));
        assertTrue(s.failures().get(0).reason().en().contains("Suspended by the issuer"), s.failures().toString());
    }

    @Test
    void anInteractiveAnswer_isAcceptedOnce_andItsReplayRefused() {
        Verifier verifier = verifier();
        ObjectNode answer = interactiveAnswer();
        VerifierPolicy policy = CounterPolicies.hospital().interactiveOnly().expecting(CHALLENGE, DOMAIN);

        VerificationResult first = verifier.verify(QrCodec.encode(answer), policy, AT_NOW);
        assertTrue(first.accepted(), first.failures().toString());
        VerificationResult replay = verifier.verify(QrCodec.encode(answer), policy, AT_NOW);
        assertEquals(List.of(CheckId.REPLAY), ids(replay.failures()));
        assertTrue(replay.failures().get(0).reason().en().contains("answered before"), replay.failures().toString());
    }

    @Test
    void anAnswerToAnotherChallenge_isRefused_withoutUsingUpTheCountersChallenge() {
        Verifier verifier = verifier();
        ObjectNode answer = interactiveAnswer();
        VerificationResult wrong = verifier.verify(answer, CounterPolicies.hospital().expecting("another", DOMAIN), AT_NOW);
        assertTrue(ids(wrong.failures()).contains(CheckId.CHALLENGE), wrong.failures().toString());
        assertTrue(verifier.verify(answer, CounterPolicies.hospital().expecting(CHALLENGE, DOMAIN), AT_NOW).accepted());
    }

    @Test
    void aSharedRegistry_refusesAReplayAtAnotherVerifierOfTheCounter() {
        ChallengeRegistry shared = ChallengeRegistry.inMemory(Duration.ofMinutes(15), AT_NOW);
        ObjectNode answer = interactiveAnswer();
        VerifierPolicy policy = CounterPolicies.hospital().expecting(CHALLENGE, DOMAIN);
        assertTrue(Verifier.builder().trust(trust).challenges(shared).build().verify(answer, policy, AT_NOW).accepted());
        assertFalse(Verifier.builder().trust(trust).challenges(shared).build().verify(answer, policy, AT_NOW).accepted());
    }

    @Test
    void oneWayPresentations_areAcceptedOnlyInsideTheWindow() {
        ObjectNode presentation = oneWay(Type.VACCINATION);   // made 40 s before NOW
        VerifierPolicy hospital = CounterPolicies.hospital();
        assertTrue(verifier().verify(presentation, hospital, AT_NOW).accepted());

        Clock later = Clock.fixed(NOW.plus(Duration.ofMinutes(8)), ZoneOffset.UTC);   // 2 min window + 5 min skew passed
        VerificationResult late = verifier().verify(presentation, hospital, later);
        assertEquals(List.of(CheckId.REPLAY), ids(late.failures()));
        assertTrue(late.failures().get(0).reason().en().contains("outside the 2 min a one-way code is accepted"),
            late.failures().toString());
        assertTrue(verifier().verify(presentation, hospital.allowingOneWay(Duration.ofMinutes(10)), later).accepted());

        VerificationResult interactiveOnly = verifier().verify(presentation, hospital.interactiveOnly(), AT_NOW);
        assertEquals(List.of(CheckId.REPLAY), ids(interactiveOnly.failures()));
    }

    @Test
    void aBareCredential_isRefusedByDefault_asItProvesNothingAboutWhoShowsIt() {
        ObjectNode credential = fixtures.credential(Type.VACCINATION, ProofPolicy.EDDSA_AND_SM2);
        VerificationResult bare = verifier().verify(credential, CounterPolicies.hospital(), AT_NOW);
        assertEquals(List.of(CheckId.HOLDER_BINDING), ids(bare.failures()));
        assertTrue(verifier().verify(credential, CounterPolicies.hospital().requiringHolderBinding(false), AT_NOW).accepted());
    }

    @Test
    void unreadableInput_isAFormatFailure_notAnException() {
        assertEquals(List.of(CheckId.FORMAT), ids(verifier().verify("CIV1:%%%", VerifierPolicy.standard(), AT_NOW).failures()));
        assertEquals(List.of(CheckId.FORMAT), ids(verifier().verify("{\"a\":", VerifierPolicy.standard(), AT_NOW).failures()));
        assertThrows(IllegalStateException.class,
            () -> Verifier.builder().build().verify("{}", VerifierPolicy.standard(), AT_NOW));
    }

    @Test
    void aPresentationWithoutCredentials_isRefused() {
        ObjectNode presentation = oneWay(Type.VACCINATION);
        presentation.remove("verifiableCredential");
        VerificationResult result = verifier().verify(presentation, VerifierPolicy.standard(), AT_NOW);
        assertFalse(result.accepted());
        assertTrue(result.failures().stream().anyMatch(c -> c.id() == CheckId.POLICY
            && c.reason().en().contains("holds no credential")), result.failures().toString());
    }

    private ObjectNode interactiveAnswer() {
        return fixtures.presentation(fixtures.credential(Type.VACCINATION, ProofPolicy.EDDSA_AND_SM2), Mode.INTERACTIVE,
            false);
    }

    private ObjectNode oneWay(Type type) {
        return fixtures.presentation(fixtures.credential(type, ProofPolicy.EDDSA_AND_SM2), Mode.ONE_WAY, false);
    }

    private List<Grant> replaceGrant(Type type, String region, Instant until) {
        return trust.grants().stream()
            .map(g -> g.type().equals(type.typeName()) ? new Grant(g.issuer(), g.type(), region, g.from(), until) : g)
            .collect(Collectors.toList());
    }

    private Verifier verifier() { return verifier(trust); }

    private static Verifier verifier(FixtureTrust view) { return Verifier.builder().trust(view).build(); }

    private static List<CheckId> ids(List<Check> checks) {
        return checks.stream().map(Check::id).collect(Collectors.toList());
    }
}
