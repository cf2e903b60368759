package org.civitas.sdk.holder;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.civitas.sdk.CheckId;
import org.civitas.sdk.Outcome;
import org.civitas.sdk.VerificationResult;
import org.civitas.sdk.Verifier;
import org.civitas.sdk.did.DidKey;
import org.civitas.sdk.fixtures.CivitasCredentials;
import org.civitas.sdk.fixtures.CivitasCredentials.ProofPolicy;
import org.civitas.sdk.fixtures.CivitasCredentials.Type;
import org.civitas.sdk.key.KeyType;
import org.civitas.sdk.key.SigningKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.civitas.sdk.fixtures.CivitasCredentials.CHALLENGE;
import static org.civitas.sdk.fixtures.CivitasCredentials.DOMAIN;
import static org.civitas.sdk.fixtures.CivitasCredentials.NOW;

class HolderPresentationTest {

    private final CivitasCredentials fixtures = new CivitasCredentials();

    @Test
    void interactivePresentation_isAcceptedForItsChallengeAndDomain() {
        ObjectNode vp = interactive();

        VerificationResult result = fixtures.verifier().verify(vp, new Verifier.Request(CHALLENGE, DOMAIN));

        assertTrue(result.accepted(), result::toString);
        assertEquals("authentication", vp.get("proof").get("proofPurpose").asText());
        assertEquals("ecdsa-jcs-2019", vp.get("proof").get("cryptosuite").asText());
    }

    @Test
    void interactivePresentation_failsTheChallengeCheckForAnotherChallenge() {
        VerificationResult result = fixtures.verifier().verify(interactive(), new Verifier.Request("other", DOMAIN));

        assertFalse(result.accepted());
        assertTrue(result.failures().stream().anyMatch(c -> c.id() == CheckId.CHALLENGE), result::toString);
    }

    @Test
    void oneWayPresentation_carriesItsTimeAndNoChallenge() {
        ObjectNode vp = fixtures.presentation(fixtures.credential(Type.DIPLOMA, ProofPolicy.EDDSA_AND_SM2),
            CivitasCredentials.Mode.ONE_WAY, false);

        assertFalse(vp.get("proof").has("challenge"));
        assertEquals(NOW.minusSeconds(40).toString(), vp.get("proof").get("created").asText());
        VerificationResult result = fixtures.verifier().verify(vp, Verifier.Request.none());
        assertTrue(result.accepted(), result::toString);
    }

    @ParameterizedTest
    @EnumSource(KeyType.class)
    void holderKeyOfEveryType_signsWithTheJcsSuiteOfItsType(KeyType type) {
        SigningKey key = SigningKey.generate(type).signingKey();
        String holder = DidKey.of(key.verificationKey()).toString();
        ObjectNode credential = fixtures.credential(Type.VACCINATION, ProofPolicy.EDDSA);

        ObjectNode vp = HolderPresentation.answer(List.of(credential), holder,
            DidKey.verificationMethodId(key.verificationKey()), key, CHALLENGE, DOMAIN, NOW);

        String expected = switch (type) {
            case ED25519 -> "eddsa-jcs-2022";
            case P256 -> "ecdsa-jcs-2019";
            case SM2 -> "sm2-jcs-2025";
        };
        assertEquals(expected, vp.get("proof").get("cryptosuite").asText());
        assertEquals(credential, vp.get("verifiableCredential").get(0));
        VerificationResult result = fixtures.verifier().verify(vp, new Verifier.Request(CHALLENGE, DOMAIN));
        assertTrue(result.checks().stream().filter(c -> c.id() == CheckId.PROOF)
            .allMatch(c -> c.outcome() == Outcome.PASSED), result::toString);
    }

    @Test
    void didKeyOfTheKeyACitizensDidWasCreatedWith_bindsThePresentationToThatCitizenOffline() {
        SigningKey device = fixtures.holderKey();
        ObjectNode credential = fixtures.credential(Type.VACCINATION, ProofPolicy.EDDSA_AND_SM2);

        ObjectNode vp = HolderPresentation.answer(List.of(credential), fixtures.holder(false),
            DidKey.verificationMethodId(device.verificationKey()), device, CHALLENGE, DOMAIN, NOW);

        VerificationResult result = fixtures.verifier().verify(vp, new Verifier.Request(CHALLENGE, DOMAIN));
        assertTrue(result.accepted(), result::toString);
    }

    @Test
    void didKeyOfAnyOtherKey_doesNotBindThePresentationToTheCitizen() {
        SigningKey other = SigningKey.generate(KeyType.P256).signingKey();
        ObjectNode credential = fixtures.credential(Type.VACCINATION, ProofPolicy.EDDSA_AND_SM2);

        ObjectNode vp = HolderPresentation.answer(List.of(credential), fixtures.holder(false),
            DidKey.verificationMethodId(other.verificationKey()), other, CHALLENGE, DOMAIN, NOW);

        VerificationResult result = fixtures.verifier().verify(vp, new Verifier.Request(CHALLENGE, DOMAIN));
        assertTrue(result.failures().stream().anyMatch(c -> c.id() == CheckId.HOLDER_BINDING), result::toString);
    }

    @Test
    void presentationWithoutCredentials_isRefused() {
        SigningKey key = SigningKey.generate(KeyType.P256).signingKey();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> HolderPresentation.oneWay(List.of(), "did:key:z", "did:key:z#z", key, NOW));
        assertTrue(e.getMessage().contains("at least one credential"));
    }

    private ObjectNode interactive() {
        return fixtures.presentation(fixtures.credential(Type.VACCINATION, ProofPolicy.EDDSA_AND_SM2),
            CivitasCredentials.Mode.INTERACTIVE, false);
    }
}
