package org.civitas.ops.demo;

import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NationalIdTest {

    @Test
    void of_theStandardsExample_endsWithCheckCharacterX() {
        // GB 11643-1999's worked example: 11010519491231002X
        assertEquals("11010519491231002X", NationalId.of("110105", LocalDate.of(1949, 12, 31), 2));
    }

    @Test
    void generate_isEighteenCharactersOfRegionBirthDateSequenceAndCheck() {
        String id = NationalId.generate("310115", LocalDate.of(1990, 3, 7), new SecureRandom());

        assertEquals(18, id.length());
        assertTrue(id.startsWith("31011519900307"), id);
        assertTrue(id.matches("[0-9]{17}[0-9X]"), id);
    }
}
