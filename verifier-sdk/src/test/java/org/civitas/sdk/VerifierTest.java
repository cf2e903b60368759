package org.civitas.sdk;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.civitas.sdk.did.DidDocument;
import org.civitas.sdk.did.DidKey;
import org.civitas.sdk.did.DidResolver;
import org.civitas.sdk.did.ResolutionException;
import org.civitas.sdk.jcs.IJson;
import org.civitas.sdk.key.KeyType;
import org.civitas.sdk.key.SigningKey;
import org.civitas.sdk.proof.DataIntegrity;
import org.civitas.sdk.proof.ProofOptions;
import org.civitas.sdk.status.StatusBits;
import org.civitas.sdk.status.StatusListCredential;
import org.civitas.sdk.status.StatusListSource;
import org.civitas.sdk.status.StatusPurpose;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VerifierTest {

    private static final Instant NOW = Instant.parse("2026-12-01T09:00:00Z");
    private static final String REVOCATION_LIST = "https://bureau.example/status/r1";
    private static final String SUSPENSION_LIST = "https://bureau.example/status/s1";

    private final SigningKey issuerEd = SigningKey.generate(KeyType.ED25519).signingKey();
    private final SigningKey issuerSm2 = SigningKey.generate(KeyType.SM2).signingKey();
    private final SigningKey holder = SigningKey.generate(KeyType.P256).signingKey();
    /** An issuer with two keys, as a did:civitas agency has: Ed25519 for international, SM2 for domestic verifiers. */
    private final String issuer = "did:example:health-bureau";
    private final String issuerEdKey = issuer + "#ed25519";
    private final String issuerSm2Key = issuer + "#sm2";
    private final String holderDid = DidKey.of(holder.verificationKey()).toString();

    @Test
    void credentialWithEd25519AndSm2Proofs_andFreshStatusLists_isAccepted() {
        VerificationResult result = verifier(lists(false, false)).verify(credential(), Verifier.Request.none());

        assertTrue(result.accepted(), String.valueOf(result.failures()));
        assertEquals(2, result.checks().stream().filter(c -> c.id() == CheckId.PROOF).count(), "both proofs checked");
        assertEquals(2, result.checks().stream().filter(c -> c.id() == CheckId.STATUS
            && c.outcome() == Outcome.PASSED).count());
    }

    @Test
    void proofSet_oneProofBroken_failsThatProofOnly() {
        ObjectNode credential = credential();
        ObjectNode sm2Proof = (ObjectNode) credential.get("proof").get(1);
        sm2Proof.put("proofValue", "z" + "1".repeat(80));

        VerificationResult result = verifier(lists(false, false)).verify(credential, Verifier.Request.none());

        assertFalse(result.accepted());
        assertEquals(1, result.failures().stream().filter(c -> c.id() == CheckId.PROOF).count(),
            String.valueOf(result.failures()));
    }

    @Test
    void changedClaim_failsTheProofsWithAReason() {
        ObjectNode credential = credential();
        ((ObjectNode) credential.get("credentialSubject")).put("vaccine", "placebo");

        VerificationResult result = verifier(lists(false, false)).verify(credential, Verifier.Request.none());

        assertFalse(result.accepted());
        assertTrue(result.failures().stream().anyMatch(c -> c.id() == CheckId.PROOF), String.valueOf(result.failures()));
    }

    @Test
    void revokedCredential_failsStatusSayingRevokedInBothLanguages() {
        VerificationResult result = verifier(lists(true, false)).verify(credential(), Verifier.Request.none());

        Check status = result.failures().stream().filter(c -> c.id() == CheckId.STATUS).findFirst().orElseThrow();
        assertTrue(status.reason().en().startsWith("Revoked by the issuer"), status.reason().en());
        assertTrue(status.reason().zh().startsWith("已被签发机构撤销"), status.reason().zh());
    }

    @Test
    void suspendedCredential_failsStatus() {
        VerificationResult result = verifier(lists(false, true)).verify(credential(), Verifier.Request.none());

        assertTrue(result.failures().stream().anyMatch(c -> c.id() == CheckId.STATUS
            && c.reason().en().startsWith("Suspended")));
    }

    @Test
    void statusListNotGiven_failsBecauseRevocationCannotBeRuledOut() {
        VerificationResult result = verifier(StatusListSource.none()).verify(credential(), Verifier.Request.none());

        assertTrue(result.failures().stream().anyMatch(c -> c.id() == CheckId.STATUS
            && c.reason().en().contains("not available offline")));
    }

    @Test
    void statusListSignedBySomeoneElse_isNotTrusted() {
        SigningKey mallory = SigningKey.generate(KeyType.ED25519).signingKey();
        String malloryDid = DidKey.of(mallory.verificationKey()).toString();
        ObjectNode forged = statusList(REVOCATION_LIST, StatusPurpose.REVOCATION, false, malloryDid,
            DidKey.verificationMethodId(mallory.verificationKey()), mallory);

        VerificationResult result = verifier(StatusListSource.of(List.of(forged,
            statusList(SUSPENSION_LIST, StatusPurpose.SUSPENSION, false, issuer, issuerEdKey, issuerEd))))
            .verify(credential(), Verifier.Request.none());

        assertTrue(result.failures().stream().anyMatch(c -> c.id() == CheckId.STATUS
            && c.reason().en().contains("not issued and signed by the credential's issuer")), String.valueOf(result.failures()));
    }

    @Test
    void expiredCredential_failsTheValidityPeriod() {
        Verifier later = Verifier.builder().resolver(resolver()).statusLists(lists(false, false))
            .clock(Clock.fixed(Instant.parse("2031-06-01T00:00:00Z"), ZoneOffset.UTC))
            .maxStatusListAge(java.time.Duration.ofDays(5000)).build();

        VerificationResult result = later.verify(credential(), Verifier.Request.none());

        assertTrue(result.failures().stream().anyMatch(c -> c.id() == CheckId.VALIDITY_PERIOD
            && c.reason().en().startsWith("Expired on 2030-12-01")), String.valueOf(result.failures()));
    }

    @Test
    void presentationSignedByTheSubjectWithTheChallenge_isAccepted() {
        ObjectNode presentation = presentation(holder, holderDid, "c-123", "counter.hospital.example");

        VerificationResult result = verifier(lists(false, false))
            .verify(presentation, new Verifier.Request("c-123", "counter.hospital.example"));

        assertTrue(result.accepted(), String.valueOf(result.failures()));
        assertTrue(result.checks().stream().anyMatch(c -> c.id() == CheckId.HOLDER_BINDING
            && c.outcome() == Outcome.PASSED));
    }

    @Test
    void presentationWithAnotherChallenge_failsTheChallengeCheck() {
        ObjectNode presentation = presentation(holder, holderDid, "c-old", "counter.hospital.example");

        VerificationResult result = verifier(lists(false, false))
            .verify(presentation, new Verifier.Request("c-new", "counter.hospital.example"));

        assertTrue(result.failures().stream().anyMatch(c -> c.id() == CheckId.CHALLENGE), String.valueOf(result.failures()));
    }

    @Test
    void presentationBySomeoneWhoIsNotTheSubject_failsHolderBinding() {
        SigningKey thief = SigningKey.generate(KeyType.P256).signingKey();
        ObjectNode presentation = presentation(thief, DidKey.of(thief.verificationKey()).toString(), "c", "d");

        VerificationResult result = verifier(lists(false, false)).verify(presentation, new Verifier.Request("c", "d"));

        assertTrue(result.failures().stream().anyMatch(c -> c.id() == CheckId.HOLDER_BINDING), String.valueOf(result.failures()));
    }

    @Test
    void textThatIsNotJsonOrNotACredential_failsFormat() {
        Verifier verifier = verifier(StatusListSource.none());

        assertEquals(CheckId.FORMAT, verifier.verify("not json", Verifier.Request.none()).failures().get(0).id());
        assertEquals(CheckId.FORMAT, verifier.verify("{\"type\":\"Thing\"}", Verifier.Request.none()).failures().get(0).id());
    }

    private Verifier verifier(StatusListSource lists) {
        return Verifier.builder().resolver(resolver()).statusLists(lists).clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
    }

    private DidResolver resolver() {
        DidDocument bureau;
        try {
            bureau = DidDocument.parse("{\"id\":\"" + issuer + "\",\"verificationMethod\":["
                + "{\"id\":\"" + issuerEdKey + "\",\"type\":\"Multikey\",\"controller\":\"" + issuer
                + "\",\"publicKeyMultibase\":\"" + issuerEd.verificationKey().toMultibase() + "\"},"
                + "{\"id\":\"" + issuerSm2Key + "\",\"type\":\"Multikey\",\"controller\":\"" + issuer
                + "\",\"publicKeyMultibase\":\"" + issuerSm2.verificationKey().toMultibase() + "\"}],"
                + "\"assertionMethod\":[\"" + issuerEdKey + "\",\"" + issuerSm2Key + "\"]}");
        } catch (FormatException e) {
            throw new AssertionError(e);
        }
        DidResolver example = (did, asOf) -> {
            if (did.equals(bureau.id())) return bureau;
            throw new ResolutionException(ResolutionException.Kind.METHOD_NOT_SUPPORTED, "not the bureau");
        };
        return DidResolver.firstOf(example, DidKey.resolver());
    }

    private StatusListSource lists(boolean revoked, boolean suspended) {
        return StatusListSource.of(List.of(
            statusList(REVOCATION_LIST, StatusPurpose.REVOCATION, revoked, issuer, issuerEdKey, issuerEd),
            statusList(SUSPENSION_LIST, StatusPurpose.SUSPENSION, suspended, issuer, issuerEdKey, issuerEd)));
    }

    private ObjectNode credential() {
        ObjectNode vc = json("{\"@context\":[\"https://www.w3.org/ns/credentials/v2\"],"
            + "\"type\":[\"VerifiableCredential\",\"VaccinationCertificate\"],"
            + "\"issuer\":\"" + issuer + "\",\"validFrom\":\"2025-12-01T00:00:00Z\",\"validUntil\":\"2030-12-01T00:00:00Z\","
            + "\"credentialSubject\":{\"id\":\"" + holderDid + "\",\"vaccine\":\"MMR\",\"dose\":2},"
            + "\"credentialStatus\":["
            + "{\"type\":\"BitstringStatusListEntry\",\"statusPurpose\":\"revocation\",\"statusListIndex\":\"94567\","
            + "\"statusListCredential\":\"" + REVOCATION_LIST + "\"},"
            + "{\"type\":\"BitstringStatusListEntry\",\"statusPurpose\":\"suspension\",\"statusListIndex\":\"23\","
            + "\"statusListCredential\":\"" + SUSPENSION_LIST + "\"}]}");
        ObjectNode once = DataIntegrity.sign(vc, ProofOptions.builder("eddsa-jcs-2022", issuerEdKey)
            .created(NOW.minusSeconds(3600)).build(), issuerEd);
        return DataIntegrity.sign(once, ProofOptions.builder("sm2-jcs-2025", issuerSm2Key)
            .created(NOW.minusSeconds(3600)).build(), issuerSm2);
    }

    private ObjectNode statusList(String id, StatusPurpose purpose, boolean set, String issuerDid, String keyId,
                                  SigningKey key) {
        StatusBits.Builder bits = StatusBits.builder(131_072, 1);
        if (set) bits.set(purpose == StatusPurpose.REVOCATION ? 94567 : 23, 1);
        ObjectNode unsigned = StatusListCredential.builder().id(id).issuer(issuerDid)
            .validFrom(NOW.minusSeconds(600)).statusPurpose(purpose).bits(bits).buildUnsigned();
        return DataIntegrity.sign(unsigned, ProofOptions.builder("eddsa-jcs-2022", keyId)
            .created(NOW.minusSeconds(600)).build(), key);
    }

    private ObjectNode presentation(SigningKey signer, String signerDid, String challenge, String domain) {
        ObjectNode vp = json("{\"@context\":[\"https://www.w3.org/ns/credentials/v2\"],"
            + "\"type\":[\"VerifiablePresentation\"],\"holder\":\"" + signerDid + "\"}");
        vp.putArray("verifiableCredential").add(credential());
        return DataIntegrity.sign(vp, ProofOptions.builder("ecdsa-jcs-2019",
            DidKey.verificationMethodId(signer.verificationKey())).proofPurpose("authentication")
            .challenge(challenge).domain(domain).created(NOW.minusSeconds(5)).build(), signer);
    }

    private static ObjectNode json(String text) {
        try {
            return IJson.parseObject("test", text);
        } catch (FormatException e) {
            throw new AssertionError(e);
        }
    }
}
