package org.civitas.sdk.key;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which keys hold the per-key comb tables when more keys verify than there are places. */
class CombTablesTest {

    private static final byte[] MESSAGE = "a credential".getBytes(StandardCharsets.UTF_8);

    /** A key and one valid signature of {@link #MESSAGE} by it. */
    private record Signer(VerificationKey key, byte[] signature) {
        static Signer generate(KeyType type) {
            SigningKey key = SigningKey.generate(type).signingKey();
            return new Signer(key.verificationKey(), key.sign(MESSAGE));
        }

        void verify(int times) {
            for (int i = 0; i < times; i++) assertTrue(key.verify(MESSAGE, signature), "a valid signature");
        }
    }

    @BeforeEach
    void noKeyHasATable() {
        CombTables.forgetKeys();
    }

    @Test
    void keyVerifiedOnlyAFewTimes_getsNoTable() {
        Signer citizen = Signer.generate(KeyType.P256);

        citizen.verify(CombTables.USES_BEFORE_TABLE - 1);

        assertFalse(CombTables.has(citizen.key()));
        citizen.verify(1);
        assertTrue(CombTables.has(citizen.key()));
    }

    @Test
    void equalKeysParsedAgain_shareTheirUsesAndTheirTable() throws Exception {
        Signer issuer = Signer.generate(KeyType.SM2);

        for (int i = 0; i < CombTables.USES_BEFORE_TABLE; i++) {
            VerificationKey parsedAgain = VerificationKey.fromMultibase(issuer.key().toMultibase());
            assertTrue(parsedAgain.verify(MESSAGE, issuer.signature()));
        }

        assertTrue(CombTables.has(issuer.key()));
    }

    @Test
    void whenEveryPlaceIsTaken_aKeyUsedFarMoreOftenTakesTheLeastUsedOnesPlace() {
        List<Signer> residents = fill(KeyType.P256, CombTables.USES_BEFORE_TABLE + 1);
        residents.get(7).verify(20);                                      // one resident busier than the rest
        Signer rotated = Signer.generate(KeyType.ED25519);

        rotated.verify(2 * (CombTables.USES_BEFORE_TABLE + 1));          // as often as two residents: not yet
        assertFalse(CombTables.has(rotated.key()));
        rotated.verify(2);

        assertTrue(CombTables.has(rotated.key()));
        assertEquals(CombTables.MAX_KEYS, residents.stream().filter(s -> CombTables.has(s.key())).count() + 1);
        assertTrue(CombTables.has(residents.get(7).key()), "the busy resident keeps its table");
        rotated.verify(3);                                                 // and the table verifies
    }

    @Test
    void aKeyMetOnlyAFewTimes_neverDisplacesBusyKeys() {
        List<Signer> residents = fill(KeyType.SM2, 12);
        Signer visitor = Signer.generate(KeyType.SM2);

        visitor.verify(CombTables.USES_BEFORE_TABLE + 4);

        assertFalse(CombTables.has(visitor.key()));
        assertTrue(residents.stream().allMatch(s -> CombTables.has(s.key())));
    }

    @Test
    void moreKeysThanPlacesUsedAlike_doNotTradePlaces() {
        List<Signer> keys = new ArrayList<>();
        for (int i = 0; i < 2 * CombTables.MAX_KEYS; i++) keys.add(Signer.generate(KeyType.ED25519));
        long builtBefore = CombTables.tablesBuilt();

        for (int round = 0; round < 12; round++) {
            for (Signer key : keys) key.verify(1);
        }

        assertEquals(CombTables.MAX_KEYS, CombTables.tablesBuilt() - builtBefore, "one table per place, none rebuilt");
        assertEquals(CombTables.MAX_KEYS, keys.stream().filter(s -> CombTables.has(s.key())).count());
    }

    /** Gives every place to a new key, each verified {@code uses} times. */
    private static List<Signer> fill(KeyType type, int uses) {
        List<Signer> residents = new ArrayList<>();
        for (int i = 0; i < CombTables.MAX_KEYS; i++) {
            Signer resident = Signer.generate(type);
            resident.verify(uses);
            assertTrue(CombTables.has(resident.key()));
            residents.add(resident);
        }
        return residents;
    }
}
