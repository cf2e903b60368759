package org.civitas.ledger.state;

import org.civitas.ledger.fixtures.Actor;
import org.civitas.ledger.fixtures.TestLedger;
import org.civitas.sdk.key.KeyType;
import org.civitas.sdk.key.SigningKey;
import org.civitas.sdk.ledger.Digest;
import org.civitas.sdk.ledger.LedgerEntry;
import org.civitas.sdk.ledger.LedgerHash;
import org.civitas.sdk.ledger.Transaction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class StateSnapshotTest {

    @TempDir Path dir;

    @Test
    void snapshot_readBack_isTheSameStateAndResolvesTheSame() throws IOException {
        try (TestLedger ledger = TestLedger.start(dir, LedgerHash.SM3)) {
            Actor province = Actor.generate(KeyType.SM2);
            Actor hospital = Actor.generate(KeyType.ED25519);
            Actor citizen = Actor.generate(KeyType.P256);
            ledger.commit(province.create());
            ledger.commit(hospital.create());
            LedgerEntry created = ledger.commit(citizen.create());
            LedgerEntry grant = ledger.commit(ledger.nationalRoot.grant(province, Transaction.Tier.PROVINCIAL_ROOT,
                List.of("*"), List.of("310000"), ledger.now()));
            ledger.commit(province.grant(hospital, Transaction.Tier.AGENCY, List.of("VaccinationCertificate"),
                List.of("310000"), ledger.now()));
            ledger.commit(hospital.sign(new Transaction.SchemaRegistration(hospital.did(), "VaccinationCertificate",
                "1.0", Digest.of(new byte[32]), "s")));
            ledger.commit(hospital.anchor("https://h/1", 1));
            ledger.commit(hospital.anchor("https://h/1", 2));
            ledger.commit(hospital.sign(new Transaction.AuditAnchoring(hospital.did(), 7, Digest.of(new byte[32]), "a")));
            SigningKey newKey = SigningKey.generate(KeyType.P256).signingKey();
            var rotated = TransactionRulesTest.documentWithKeys(citizen, Map.of("#device-2", newKey));
            ledger.commit(citizen.sign(new Transaction.DidUpdate(rotated,
                created.signedTransaction().hash(LedgerHash.SM3),
                List.of(new Transaction.KeyRevocation(citizen.keyId(), ledger.now())), "u"))
                .withSignature(citizen.did() + "#device-2", newKey));
            ledger.commit(ledger.nationalRoot.withdraw(grant.signedTransaction().hash(LedgerHash.SM3)));
            LedgerState live = ledger.node.state();

            ByteArrayOutputStream file = new ByteArrayOutputStream();
            StateSnapshot.write(live.freeze(), new byte[] {1, 2, 3}, file);
            LedgerState restored = StateSnapshot.read(new ByteArrayInputStream(file.toByteArray()));

            assertEquals(live.digest(), restored.digest());
            assertEquals(live.size(), StateSnapshot.header(new ByteArrayInputStream(file.toByteArray())).size());
            assertArrayEquals(new byte[] {1, 2, 3}, StateSnapshot.header(new ByteArrayInputStream(file.toByteArray()))
                .lastLeafHash());
            assertEquals(live.resolve(citizen.did(), ledger.now()).orElseThrow().document().json(),
                restored.resolve(citizen.did(), ledger.now()).orElseThrow().document().json());
            assertEquals(live.isAccreditedAgency(hospital.did(), "VaccinationCertificate", "310101", ledger.now()),
                restored.isAccreditedAgency(hospital.did(), "VaccinationCertificate", "310101", ledger.now()));
        }
    }

    @Test
    void damagedSnapshot_isAnIOExceptionNeverAWrongState() throws IOException {
        try (TestLedger ledger = TestLedger.start(dir, LedgerHash.SHA_256)) {
            ledger.commit(Actor.generate(KeyType.ED25519).create());
            ByteArrayOutputStream file = new ByteArrayOutputStream();
            StateSnapshot.write(ledger.node.state().freeze(), new byte[32], file);
            byte[] bytes = file.toByteArray();
            bytes[bytes.length / 2] ^= 0x55;

            assertThrows(IOException.class, () -> StateSnapshot.read(new ByteArrayInputStream(bytes)));
        }
    }
}
