package org.civitas.sample;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import io.grpc.ManagedChannel;
import org.civitas.proto.identity.v1.DeviceInfo;
import org.civitas.proto.identity.v1.EnrolCitizenRequest;
import org.civitas.proto.identity.v1.IdentityGrpc;
import org.civitas.proto.identity.v1.IdentityProofing;
import org.civitas.proto.issuer.v1.CredentialIssuerGrpc;
import org.civitas.proto.issuer.v1.IssueCredentialRequest;
import org.civitas.sample.counter.core.CounterPolicy;
import org.civitas.sample.counter.core.CounterResult;
import org.civitas.sample.counter.core.CounterVerification;
import org.civitas.sample.counter.core.TrustDownload;
import org.civitas.sdk.trust.BundleAnchors;
import org.civitas.sdk.trust.TrustBundle;
import org.civitas.sdk.did.DidKey;
import org.civitas.sample.fixtures.Deployment;
import org.civitas.sample.wallet.core.Enrolment;
import org.civitas.sample.wallet.core.HeldCredential;
import org.civitas.sample.wallet.core.SoftwareDeviceKey;
import org.civitas.sample.wallet.core.WalletCore;
import org.civitas.sdk.did.Did;
import org.civitas.sdk.qr.ChallengeQr;
import org.civitas.server.firebase.HolderTopics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The wallet core enrols, receives a credential and presents it; the counter core downloads its trust data and
 * verifies the presentation offline; against identity-service, credential-issuer and the ledger, all real.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WalletAndCounterTest {

    Deployment deployment;
    WalletCore wallet;
    HeldCredential vaccination;
    TrustBundle trust;
    CounterVerification counter;

    @BeforeAll
    void enrolIssueAndDownload() throws Exception {
        deployment = Deployment.start();
        ManagedChannel identity = deployment.okHttpChannel(deployment.identityPort);
        ManagedChannel issuer = deployment.okHttpChannel(deployment.issuerPort);
        wallet = new WalletCore(identity, issuer, SoftwareDeviceKey.generateP256(), Clock.systemUTC(), null);

        Enrolment enrolment = wallet.startEnrolment();
        // the registrar's desk, after checking the person's identity document
        IdentityGrpc.newBlockingStub(identity).withCallCredentials(deployment.agencyBearer("identity-service"))
            .withDeadlineAfter(30, TimeUnit.SECONDS)
            .enrolCitizen(EnrolCitizenRequest.newBuilder().setRequestId(UUID.randomUUID().toString())
                .setChallengeId(enrolment.challengeId()).setDeviceSignature(ByteString.copyFrom(enrolment.signature()))
                .setProofing(IdentityProofing.newBuilder().setNationalIdNumber("11010519491231002X")
                    .setMethod("in-person-document-check").setAssuranceLevel(2)
                    .setProofedAt(Timestamp.newBuilder().setSeconds(Instant.now().getEpochSecond())))
                .setDevice(DeviceInfo.newBuilder().setDisplayName("Li Wei's phone").setPlatform("android")
                    .setKeyStorage("software"))
                .setRegion(Deployment.REGION).build());
        wallet.confirmEnrolment();

        CredentialIssuerGrpc.newBlockingStub(issuer).withCallCredentials(deployment.agencyBearer("credential-issuer"))
            .withDeadlineAfter(30, TimeUnit.SECONDS)
            .issueCredential(IssueCredentialRequest.newBuilder().setRequestId(UUID.randomUUID().toString())
                .setCredentialType("VaccinationCertificate").setSubjectDid(wallet.state().did())
                .setRegion(Deployment.DISTRICT).setClaimsJson("""
                    {"targetDisease":"COVID-19","vaccine":"BBIBP-CorV","doseNumber":2,"totalDoses":2,
                     "vaccinationDate":"2025-03-01","country":"CN"}""").build());
        vaccination = wallet.fetchCredentials().get(0);

        List<String> statusLists = new ArrayList<>();
        for (JsonNode entry : vaccination.json().path("credentialStatus")) {
            statusLists.add(entry.path("statusListCredential").asText());
        }
        // the counter pins the ledger and the publisher, then downloads the bundle; the publisher builds a new one
        // when the ledger head moves (at most every second here), so the new certificate's lists may take a moment
        BundleAnchors anchors = BundleAnchors.of(deployment.ledger.trust(),
            DidKey.key(Did.parse(Files.readString(deployment.publisherDidFile).trim())));
        TrustDownload download = new TrustDownload(issuer, Clock.systemUTC());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        trust = download.download(anchors).bundle();
        while (!statusLists.stream().allMatch(url -> trust.statusList(url).isPresent())) {
            assertTrue(System.nanoTime() < deadline, "the trust bundle never carried the certificate's status lists");
            Thread.sleep(500);
            trust = download.download(anchors).bundle();
        }
        counter = new CounterVerification("counter.hospital.example", Clock.systemUTC());
    }

    @AfterAll
    void stop() {
        if (deployment != null) deployment.close();
    }

    @Test
    void enrolledWalletKnowsItsDidAndDevice() {
        assertTrue(wallet.state().did().startsWith("did:civitas:"));
        assertFalse(wallet.state().deviceId().isEmpty());
    }

    @Test
    void walletListsTheIssuedCredentialWithChineseAndEnglishLabels() {
        assertEquals("VaccinationCertificate", vaccination.type());
        assertEquals(deployment.agency.toString(), vaccination.issuer());
        assertEquals("疫苗接种证明", vaccination.label(Locale.CHINESE));
        assertEquals("Vaccination certificate", vaccination.label(Locale.ENGLISH));
        assertEquals("COVID-19", vaccination.claims().path("targetDisease").asText());
    }

    @Test
    void registeredPushTokenSubscribesTheDeviceToTheHoldersTopic() throws Exception {
        wallet.registerPushToken("fcm-token-of-the-phone");
        assertTrue(deployment.firebase.subscribers(HolderTopics.of(Did.parse(wallet.state().did())))
            .contains("fcm-token-of-the-phone"));
    }

    @Test
    void hospitalCounterAcceptsAnAnswerToItsChallengeOffline() throws Exception {
        ChallengeQr challenge = counter.newChallenge(CounterPolicy.HOSPITAL);
        String qr = wallet.answerChallenge(challenge.encode(), List.of(vaccination));
        CounterResult result = counter.verify(qr, CounterPolicy.HOSPITAL, trust, challenge);
        assertTrue(result.accepted(), () -> result.reasonLines(Locale.ENGLISH).toString());
        assertEquals(wallet.state().did(), result.holder());
        assertEquals("ACCEPTED", result.headline(Locale.ENGLISH));
    }

    @Test
    void theSameAnswerScannedTwice_isRefusedTheSecondTime() throws Exception {
        ChallengeQr challenge = counter.newChallenge(CounterPolicy.HOSPITAL);
        String qr = wallet.answerChallenge(challenge.encode(), List.of(vaccination));

        assertTrue(counter.verify(qr, CounterPolicy.HOSPITAL, trust, challenge).accepted());
        CounterResult replayed = counter.verify(qr, CounterPolicy.HOSPITAL, trust, challenge);
        assertFalse(replayed.accepted(), "a challenge answers once");
    }

    @Test
    void answerToAnotherChallengeIsRefused() throws Exception {
        String qr = wallet.answerChallenge(counter.newChallenge(CounterPolicy.HOSPITAL).encode(), List.of(vaccination));
        CounterResult result = counter.verify(qr, CounterPolicy.HOSPITAL, trust,
            counter.newChallenge(CounterPolicy.HOSPITAL));
        assertFalse(result.accepted());
        assertEquals("核验未通过", result.headline(Locale.CHINESE));
    }

    @Test
    void schoolCounterRefusesAVaccinationCertificateWithThePolicyAsReason() throws Exception {
        ChallengeQr challenge = counter.newChallenge(CounterPolicy.SCHOOL);
        CounterResult result = counter.verify(wallet.answerChallenge(challenge.encode(), List.of(vaccination)),
            CounterPolicy.SCHOOL, trust, challenge);
        assertFalse(result.accepted());
        assertTrue(result.reasonLines(Locale.ENGLISH).stream().anyMatch(line -> line.contains(
            "The school counter does not accept a VaccinationCertificate")), () -> result.reasonLines(Locale.ENGLISH)
            .toString());
    }

    @Test
    void oneWayPresentationIsAcceptedWithoutAChallenge() {
        CounterResult result = counter.verify(wallet.oneWay(List.of(vaccination)), CounterPolicy.HOSPITAL, trust, null);
        assertTrue(result.accepted(), () -> result.reasonLines(Locale.ENGLISH).toString());
    }

    @Test
    void textThatIsNoPresentationIsRefusedWithAReason() {
        CounterResult result = counter.verify("CIV1:not-base45!", CounterPolicy.HOSPITAL, trust, null);
        assertFalse(result.accepted());
        assertTrue(result.reasonLines(Locale.ENGLISH).get(0).startsWith("The QR code cannot be read"));
    }
}
