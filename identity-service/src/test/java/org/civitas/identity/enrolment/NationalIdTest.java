package org.civitas.identity.enrolment;

import org.civitas.identity.fixtures.Requests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** GB 11643-1999 identity numbers and their keyed hash. */
class NationalIdTest {

    /** The standard's own example (GB 11643-1999 Annex A): 11010519491231002X. */
    static final String STANDARD_EXAMPLE = "11010519491231002X";

    @Test
    void parse_theStandardsExample_isAccepted_withALowerCaseCheckCharacterToo() throws Exception {
        NationalId upper = NationalId.parse(STANDARD_EXAMPLE, "f");
        NationalId lower = NationalId.parse(" 11010519491231002x ", "f");

        NationalIdKey key = NationalIdKey.of(new byte[32]);
        assertEquals(key.hash(upper), key.hash(lower));
    }

    @ParameterizedTest
    @ValueSource(strings = {"110105194912310021", "11010519491231002", "1101051949123100X2", "110105194913310023",
        "A10105194912310021"})
    void parse_tamperedOrMalformed_isAProblemThatNeverRepeatsTheNumber(String text) {
        NationalId.InvalidNationalId e = assertThrows(NationalId.InvalidNationalId.class,
            () -> NationalId.parse(text, "proofing.national_id_number"));

        assertEquals("proofing.national_id_number", e.problem().field());
        assertFalse(e.getMessage().contains(text.substring(0, 10)));
    }

    @Test
    void toString_neverShowsTheNumber() throws Exception {
        assertFalse(NationalId.parse(STANDARD_EXAMPLE, "f").toString().contains("110105"));
        assertFalse(NationalIdKey.of(new byte[32]).toString().contains("AAAA"));
    }

    @Test
    void hash_dependsOnTheKey() throws Exception {
        NationalId id = NationalId.parse(Requests.nationalId(), "f");
        byte[] other = new byte[32];
        other[0] = 1;

        assertNotEquals(NationalIdKey.of(new byte[32]).hash(id), NationalIdKey.of(other).hash(id));
        assertThrows(IllegalArgumentException.class, () -> NationalIdKey.of(new byte[16]));
    }

    @Test
    void fromFile_absent_createsAnOwnerOnlyKeyThatIsReadBackTheSame(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("keys/national-id.key");
        NationalId id = NationalId.parse(STANDARD_EXAMPLE, "f");

        NationalIdHash first = NationalIdKey.fromFile(file).hash(id);
        NationalIdHash again = NationalIdKey.fromFile(file).hash(id);

        assertEquals(first, again);
        assertTrue(Files.getPosixFilePermissions(file).equals(PosixFilePermissions.fromString("rw-------")));
    }
}
