package org.civitas.ledger.state;

import org.civitas.sdk.ledger.state.DidHistory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.civitas.ledger.LedgerException;
import org.civitas.ledger.LedgerException.Reason;
import org.civitas.ledger.fixtures.Actor;
import org.civitas.ledger.fixtures.TestLedger;
import org.civitas.sdk.did.DidDocument;
import org.civitas.sdk.did.Relationship;
import org.civitas.sdk.key.KeyType;
import org.civitas.sdk.key.SigningKey;
import org.civitas.sdk.ledger.Digest;
import org.civitas.sdk.ledger.LedgerEntry;
import org.civitas.sdk.ledger.LedgerHash;
import org.civitas.sdk.ledger.SignedTransaction;
import org.civitas.sdk.ledger.Transaction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TransactionRulesTest {

    private static final List<String> HEALTH = List.of("VaccinationCertificate", "MedicalCertificate");
    private static final String SHANGHAI = "310000";

    @TempDir Path dir;
    TestLedger ledger;
    Actor province;
    Actor hospital;

    @BeforeEach
    void start() {
        ledger = TestLedger.start(dir, LedgerHash.SHA_256);
        province = Actor.generate(KeyType.SM2);
        hospital = Actor.generate(KeyType.ED25519);
        ledger.commit(province.create());
        ledger.commit(hospital.create());
    }

    @AfterEach
    void stop() { ledger.close(); }

    @Test
    void didCreate_signedByItsGenesisKey_isCommittedAndResolvable() {
        Actor citizen = Actor.generate(KeyType.P256);

        LedgerEntry entry = ledger.commit(citizen.create());

        DidHistory history = ledger.node.state().did(citizen.did()).orElseThrow();
        assertEquals(entry.index(), history.current().entryIndex());
    }

    @Test
    void didCreate_twice_isAConflictAndAnotherKeysSignatureIsRefused() {
        Actor citizen = Actor.generate(KeyType.P256);
        ledger.commit(citizen.create());

        assertEquals(Reason.CONFLICT, ledger.refuse(citizen.create()).ledgerReason());
        Actor impostor = Actor.generate(KeyType.ED25519);
        SignedTransaction forged = SignedTransaction.sign(new Transaction.DidCreate(
            Actor.generate(KeyType.ED25519).document(), "n"), Map.of(impostor.keyId(), impostor.key()));
        assertEquals(Reason.SIGNER_NOT_AUTHORIZED, ledger.refuse(forged).ledgerReason());
    }

    @Test
    void didCreate_documentNotDerivedFromTheSigningKey_isRefused() {
        Actor citizen = Actor.generate(KeyType.ED25519);
        SigningKey other = SigningKey.generate(KeyType.ED25519).signingKey();
        DidDocument swapped = documentWithKeys(citizen, Map.of("#key-0", other));

        LedgerException e = ledger.refuse(SignedTransaction.sign(new Transaction.DidCreate(swapped, "n"),
            Map.of(citizen.keyId(), other)));

        assertEquals(Reason.SIGNER_NOT_AUTHORIZED, e.ledgerReason());
        assertTrue(e.getMessage().contains("derivation"), e.getMessage());
    }

    @Test
    void didUpdate_addingADevice_needsTheControllerAndTheNewKeysSignature() {
        Actor citizen = Actor.generate(KeyType.P256);
        LedgerEntry created = ledger.commit(citizen.create());
        SigningKey phone2 = SigningKey.generate(KeyType.P256).signingKey();
        DidDocument two = documentWithKeys(citizen, orderedKeys("#key-0", citizen.key(), "#device-2", phone2));
        Digest previous = created.signedTransaction().hash(LedgerHash.SHA_256);
        Transaction.DidUpdate update = new Transaction.DidUpdate(two, previous, List.of(), "n");

        LedgerException withoutPossession = ledger.refuse(citizen.sign(update));
        LedgerEntry updated = ledger.commit(citizen.sign(update).withSignature(citizen.did() + "#device-2", phone2));

        assertEquals(Reason.SIGNER_NOT_AUTHORIZED, withoutPossession.ledgerReason());
        assertTrue(withoutPossession.getMessage().contains("proof of possession"));
        assertEquals(updated.index(), ledger.node.state().did(citizen.did()).orElseThrow().current().entryIndex());
    }

    @Test
    void didUpdate_onAStaleVersion_isAbortedToBeRedone() {
        Actor citizen = Actor.generate(KeyType.ED25519);
        ledger.commit(citizen.create());
        Digest wrong = Digest.of(new byte[32]);

        LedgerException e = ledger.refuse(citizen.sign(new Transaction.DidUpdate(citizen.document(), wrong,
            List.of(), "n")));

        assertEquals(Reason.STALE_VERSION, e.ledgerReason());
        assertEquals(io.grpc.Status.Code.ABORTED, e.reason().code());
    }

    @Test
    void keyRotation_keepsOldVersionForPastTimesAndCutsACompromisedKeyFromItsCompromise() {
        Actor citizen = Actor.generate(KeyType.ED25519);
        LedgerEntry created = ledger.commit(citizen.create());
        Instant beforeRotation = ledger.now();
        SigningKey newKey = SigningKey.generate(KeyType.ED25519).signingKey();
        DidDocument rotated = documentWithKeys(citizen, Map.of("#key-1", newKey));
        Instant compromise = beforeRotation.minusMillis(500);
        Transaction.DidUpdate update = new Transaction.DidUpdate(rotated,
            created.signedTransaction().hash(LedgerHash.SHA_256),
            List.of(new Transaction.KeyRevocation(citizen.keyId(), compromise)), "n");

        ledger.commit(citizen.sign(update).withSignature(citizen.did() + "#key-1", newKey));

        DidHistory history = ledger.node.state().did(citizen.did()).orElseThrow();
        assertTrue(history.versionAt(beforeRotation).document().verificationMethod(citizen.keyId()).isPresent(),
            "the version before the rotation still has the old key");
        assertFalse(history.keyValidAt(citizen.keyId(), beforeRotation), "but it is cut off from its compromise");
        assertTrue(history.keyValidAt(citizen.keyId(), compromise.minusMillis(1)));
        assertTrue(history.current().document().authorizes(citizen.did() + "#key-1", Relationship.CAPABILITY_INVOCATION));
        assertEquals(Reason.SIGNER_NOT_AUTHORIZED, ledger.refuse(citizen.anchor("https://l/1", 1)).ledgerReason(),
            "the rotated-out key signs nothing any more");
    }

    @Test
    void registrarRecovery_revokesALostLastDevice_andLaterBindsTheCitizensNewOne() {
        Actor registrar = accreditedRegistrar();
        Actor citizen = Actor.generate(KeyType.P256);
        LedgerEntry created = ledger.commit(citizen.create());
        Instant lost = ledger.now().minusMillis(200);

        LedgerEntry revoked = ledger.commit(registrar.sign(new Transaction.DidUpdate(documentWithKeys(citizen,
            Map.of()), hashOf(created), List.of(new Transaction.KeyRevocation(citizen.keyId(), lost)), "n")));

        DidHistory history = ledger.node.state().did(citizen.did()).orElseThrow();
        assertFalse(history.keyValidAt(citizen.keyId(), lost), "the lost key is cut off from when it was lost");
        assertTrue(history.keyValidAt(citizen.keyId(), lost.minusMillis(1)), "what it signed before still verifies");
        assertEquals(Reason.SIGNER_NOT_AUTHORIZED, ledger.refuse(citizen.sign(new Transaction.DidUpdate(
            citizen.document(), hashOf(revoked), List.of(), "n"))).ledgerReason(), "whoever found the phone");

        SigningKey newPhone = SigningKey.generate(KeyType.P256).signingKey();
        Transaction.DidUpdate rebind = new Transaction.DidUpdate(documentWithKeys(citizen,
            Map.of("#device-2", newPhone)), hashOf(revoked), List.of(), "n");
        LedgerException withoutPossession = ledger.refuse(registrar.sign(rebind));
        ledger.commit(registrar.sign(rebind).withSignature(citizen.did() + "#device-2", newPhone));

        assertEquals(Reason.SIGNER_NOT_AUTHORIZED, withoutPossession.ledgerReason());
        assertTrue(ledger.node.state().did(citizen.did()).orElseThrow().current().document()
            .authorizes(citizen.did() + "#device-2", Relationship.CAPABILITY_INVOCATION));
    }

    @Test
    void registrarRecovery_byAnUnaccreditedAgency_isRefused_andACitizensOwnUpdateMustKeepAKey() {
        Actor citizen = Actor.generate(KeyType.P256);
        LedgerEntry created = ledger.commit(citizen.create());
        Transaction.DidUpdate emptied = new Transaction.DidUpdate(documentWithKeys(citizen, Map.of()),
            hashOf(created), List.of(), "n");

        LedgerException byHospital = ledger.refuse(hospital.sign(emptied));
        LedgerException byCitizen = ledger.refuse(citizen.sign(emptied));

        assertEquals(Reason.NOT_ACCREDITED, byHospital.ledgerReason());
        assertTrue(byHospital.getMessage().contains("CitizenEnrolment"), byHospital.getMessage());
        assertEquals(Reason.MALFORMED, byCitizen.ledgerReason());
    }

    @Test
    void registrarRecovery_mayOnlyRemoveAndAddKeys_andNeverTouchesAnAgency() {
        Actor registrar = accreditedRegistrar();
        Actor citizen = Actor.generate(KeyType.P256);
        LedgerEntry created = ledger.commit(citizen.create());
        ObjectNode withService = documentWithKeys(citizen, Map.of()).json();
        withService.putArray("service").addObject().put("id", citizen.did() + "#inbox").put("type", "Inbox")
            .put("serviceEndpoint", "https://attacker.example/inbox");
        ledger.commit(province.grant(hospital, Transaction.Tier.AGENCY, HEALTH, List.of(SHANGHAI), ledger.now()));
        LedgerEntry hospitalVersion = ledger.node.entry(ledger.node.state().did(hospital.did()).orElseThrow()
            .current().entryIndex());

        LedgerException changedService = ledger.refuse(registrar.sign(new Transaction.DidUpdate(
            document(withService), hashOf(created), List.of(), "n")));
        LedgerException agency = ledger.refuse(registrar.sign(new Transaction.DidUpdate(
            documentWithKeys(hospital, Map.of()), hashOf(hospitalVersion), List.of(), "n")));

        assertEquals(Reason.SIGNER_NOT_AUTHORIZED, changedService.ledgerReason());
        assertTrue(changedService.getMessage().contains("only remove keys"), changedService.getMessage());
        assertEquals(Reason.SIGNER_NOT_AUTHORIZED, agency.ledgerReason());
        assertTrue(agency.getMessage().contains("accredited agency"), agency.getMessage());
    }

    @Test
    void accreditationChain_nationalToProvinceToAgency_accreditsForTypeAndRegion() {
        LedgerEntry provincial = ledger.commit(ledger.nationalRoot.grant(province, Transaction.Tier.PROVINCIAL_ROOT,
            List.of("*"), List.of(SHANGHAI), ledger.now()));
        ledger.commit(province.grant(hospital, Transaction.Tier.AGENCY, HEALTH, List.of("310101"), ledger.now()));

        LedgerState state = ledger.node.state();
        assertTrue(state.isAccreditedAgency(hospital.did(), "VaccinationCertificate", "310101", ledger.now()));
        assertFalse(state.isAccreditedAgency(hospital.did(), "DiplomaCredential", "310101", ledger.now()));
        assertFalse(state.isAccreditedAgency(hospital.did(), "VaccinationCertificate", "310102", ledger.now()));

        ledger.commit(ledger.nationalRoot.withdraw(provincial.signedTransaction().hash(LedgerHash.SHA_256)));
        assertFalse(state.isAccreditedAgency(hospital.did(), "VaccinationCertificate", "310101", ledger.now()),
            "withdrawing the provincial root's grant withdraws what it accredited");
    }

    @Test
    void accreditation_byTheWrongTier_isRefused() {
        LedgerException provinceByProvince = ledger.refuse(province.grant(hospital, Transaction.Tier.PROVINCIAL_ROOT,
            HEALTH, List.of(SHANGHAI), ledger.now()));
        LedgerException agencyByUnaccredited = ledger.refuse(province.grant(hospital, Transaction.Tier.AGENCY,
            HEALTH, List.of(SHANGHAI), ledger.now()));

        assertEquals(Reason.SIGNER_NOT_AUTHORIZED, provinceByProvince.ledgerReason());
        assertEquals(Reason.NOT_ACCREDITED, agencyByUnaccredited.ledgerReason());
    }

    @Test
    void accreditation_outsideTheProvincesRegionOrWithBadRegion_isRefused() {
        ledger.commit(ledger.nationalRoot.grant(province, Transaction.Tier.PROVINCIAL_ROOT, List.of("*"),
            List.of(SHANGHAI), ledger.now()));

        assertEquals(Reason.NOT_ACCREDITED, ledger.refuse(province.grant(hospital, Transaction.Tier.AGENCY, HEALTH,
            List.of("110000"), ledger.now())).ledgerReason());
        assertEquals(Reason.MALFORMED, ledger.refuse(province.grant(hospital, Transaction.Tier.AGENCY, HEALTH,
            List.of("Shanghai"), ledger.now())).ledgerReason());
    }

    @Test
    void withdrawal_twiceOrByAStranger_isRefused() {
        LedgerEntry grant = ledger.commit(ledger.nationalRoot.grant(province, Transaction.Tier.PROVINCIAL_ROOT,
            List.of("*"), List.of(SHANGHAI), ledger.now()));
        Digest grantHash = grant.signedTransaction().hash(LedgerHash.SHA_256);

        assertEquals(Reason.SIGNER_NOT_AUTHORIZED, ledger.refuse(hospital.withdraw(grantHash)).ledgerReason());
        ledger.commit(ledger.nationalRoot.withdraw(grantHash));
        assertEquals(Reason.CONFLICT, ledger.refuse(ledger.nationalRoot.withdraw(grantHash)).ledgerReason());
    }

    @Test
    void schemaRegistration_needsAccreditationForTheTypeAndIsWriteOnce() {
        Transaction.SchemaRegistration schema = new Transaction.SchemaRegistration(hospital.did(),
            "VaccinationCertificate", "1.0", Digest.of(LedgerHash.SHA_256.digest(new byte[] {1})), "n");
        assertEquals(Reason.NOT_ACCREDITED, ledger.refuse(hospital.sign(schema)).ledgerReason());

        ledger.commit(ledger.nationalRoot.grant(province, Transaction.Tier.PROVINCIAL_ROOT, List.of("*"),
            List.of(SHANGHAI), ledger.now()));
        ledger.commit(province.grant(hospital, Transaction.Tier.AGENCY, HEALTH, List.of(SHANGHAI), ledger.now()));
        ledger.commit(hospital.sign(schema));

        assertNotNull(ledger.node.state().schema("VaccinationCertificate", "1.0").orElse(null));
        assertEquals(Reason.CONFLICT, ledger.refuse(hospital.sign(new Transaction.SchemaRegistration(hospital.did(),
            "VaccinationCertificate", "1.0", Digest.of(new byte[32]), "other"))).ledgerReason());
    }

    @Test
    void statusListAnchors_mustIncreaseByOne() {
        ledger.commit(hospital.anchor("https://hospital.example/status/1", 1));

        LedgerException gap = ledger.refuse(hospital.anchor("https://hospital.example/status/1", 3));
        LedgerException stale = ledger.refuse(hospital.anchor("https://hospital.example/status/1", 1));
        ledger.commit(hospital.anchor("https://hospital.example/status/1", 2));

        assertEquals(Reason.CONFLICT, gap.ledgerReason());
        assertEquals(Reason.STALE_VERSION, stale.ledgerReason());
        assertEquals(2, ledger.node.state().anchors(hospital.did(), "https://hospital.example/status/1").size());
    }

    @Test
    void deactivatedDid_canNeitherSignNorBeUpdated() {
        Actor agency = Actor.generate(KeyType.ED25519);
        LedgerEntry created = ledger.commit(agency.create());
        ledger.commit(agency.sign(new Transaction.DidDeactivate(agency.did(),
            created.signedTransaction().hash(LedgerHash.SHA_256), "n")));

        LedgerException e = ledger.refuse(agency.anchor("https://l/1", 1));

        assertEquals(Reason.CONFLICT, e.ledgerReason());
        assertTrue(e.getMessage().contains("deactivated"));
    }

    @Test
    void retryOfACommittedTransaction_returnsTheFirstEntry() {
        SignedTransaction anchor = hospital.anchor("https://l/1", 1);
        LedgerEntry first = ledger.commit(anchor);

        LedgerEntry again = ledger.commit(anchor);

        assertEquals(first, again);
        assertEquals(first.index() + 1, ledger.node.size());
    }

    @Test
    void secondGenesis_isRefused() {
        assertEquals(Reason.CONFLICT, ledger.refuse(ledger.genesis(LedgerHash.SHA_256)).ledgerReason());
    }

    private Actor accreditedRegistrar() {
        Actor registrar = Actor.generate(KeyType.ED25519);
        ledger.commit(registrar.create());
        ledger.commit(ledger.nationalRoot.grant(province, Transaction.Tier.PROVINCIAL_ROOT, List.of("*"),
            List.of(SHANGHAI), ledger.now()));
        ledger.commit(province.grant(registrar, Transaction.Tier.AGENCY, List.of("CitizenEnrolment"),
            List.of(SHANGHAI), ledger.now()));
        return registrar;
    }

    private static Digest hashOf(LedgerEntry entry) {
        return entry.signedTransaction().hash(LedgerHash.SHA_256);
    }

    private static DidDocument document(ObjectNode json) {
        try {
            return DidDocument.of(json);
        } catch (org.civitas.sdk.FormatException e) {
            throw new AssertionError(e);
        }
    }

    private static Map<String, SigningKey> orderedKeys(String f1, SigningKey k1, String f2, SigningKey k2) {
        Map<String, SigningKey> keys = new LinkedHashMap<>();
        keys.put(f1, k1);
        keys.put(f2, k2);
        return keys;
    }

    /** The actor's DID with these keys (fragment → key), all authorised for every relationship. */
    static DidDocument documentWithKeys(Actor actor, Map<String, SigningKey> keys) {
        String did = actor.did().toString();
        ObjectNode json = actor.document().json();
        json.remove("verificationMethod");
        var methods = json.putArray("verificationMethod");
        for (Relationship r : new Relationship[] {Relationship.AUTHENTICATION, Relationship.ASSERTION_METHOD,
                Relationship.CAPABILITY_INVOCATION, Relationship.CAPABILITY_DELEGATION}) {
            json.putArray(r.property());
        }
        keys.forEach((fragment, key) -> {
            methods.addObject().put("id", did + fragment).put("type", "Multikey").put("controller", did)
                .put("publicKeyMultibase", key.verificationKey().toMultibase());
            for (Relationship r : new Relationship[] {Relationship.AUTHENTICATION, Relationship.ASSERTION_METHOD,
                    Relationship.CAPABILITY_INVOCATION, Relationship.CAPABILITY_DELEGATION}) {
                ((com.fasterxml.jackson.databind.node.ArrayNode) json.get(r.property())).add(did + fragment);
            }
        });
        try {
            return DidDocument.of(json);
        } catch (org.civitas.sdk.FormatException e) {
            throw new AssertionError(e);
        }
    }
}
