package org.civitas.sdk.internal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class XsdDateTimeTest {

    @ParameterizedTest
    @CsvSource({
        "2010-01-01T19:23:24Z, 2010-01-01T19:23:24Z",
        "2010-01-01T19:23:24+01:00, 2010-01-01T18:23:24Z",
        "2024-07-12T12:00:00-08:00, 2024-07-12T20:00:00Z",
        "2010-01-01T00:00:00+14:00, 2009-12-31T10:00:00Z",
        "2010-01-01T00:00:00-14:00, 2010-01-01T14:00:00Z",
        "2010-01-01T19:23:24.5Z, 2010-01-01T19:23:24.500Z",
        "2010-01-01T19:23:24.123456789Z, 2010-01-01T19:23:24.123456789Z",
        "2010-01-01T19:23:24.1234567899999Z, 2010-01-01T19:23:24.123456789Z",
        "2010-12-31T24:00:00Z, 2011-01-01T00:00:00Z",
        "2024-02-29T00:00:00Z, 2024-02-29T00:00:00Z",
    })
    void parseStamp_validDateTimeStamp_isThatInstant(String text, String expected) {
        assertEquals(Instant.parse(expected), XsdDateTime.parseStamp(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "2010-01-01T19:23:24",          // no time zone: a dateTime, not a dateTimeStamp
        "2010-01-01T19:23Z",            // no seconds
        "2010-01-01 19:23:24Z",         // space instead of T
        "2010-01-01t19:23:24Z",
        "2010-01-01T19:23:24z",
        "2010-01-01T19:23:24+0100",
        "2010-01-01T19:23:24+01",
        "2010-01-01T19:23:24+14:01",
        "2010-01-01T19:23:24-15:00",
        "2010-01-01T19:23:24+01:60",
        "2021-02-29T00:00:00Z",         // not a leap year
        "2010-13-01T00:00:00Z",
        "2010-01-32T00:00:00Z",
        "2016-12-31T23:59:60Z",         // XSD has no leap seconds
        "2010-01-01T24:00:01Z",
        "2010-01-01T24:00:00.5Z",
        "2010-01-01T25:00:00Z",
        "2010-01-01T19:23:24.Z",
        "2010-01-01T19:23:24ZZ",
        "2010-01-01T19:23:24Z ",
        " 2010-01-01T19:23:24Z",
        "10000-01-01T00:00:00Z",
        "-0001-01-01T00:00:00Z",
        "0000-01-01T00:00:00Z",
        "2010-1-01T00:00:00Z",
        "٢٠١٠-01-01T00:00:00Z",         // Arabic-Indic digits are not XSD digits
        "",
    })
    void parseStamp_notADateTimeStamp_isRejected(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> XsdDateTime.parseStamp(text));
        assertTrue(e.getMessage() != null && !e.getMessage().isEmpty());
    }

    @Test
    void parseStamp_missingZone_saysSo() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> XsdDateTime.parseStamp("2010-01-01T19:23:24"));
        assertEquals("no time zone", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"2023-02-24T23:36:38Z", "2023-02-24T23:36:38.5Z", "2023-02-24T23:36:38.000000001Z",
        "2026-12-01T09:00:00.120Z", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z", "1970-01-01T00:00:00Z",
        "+10000-01-01T00:00:00Z", "-0001-06-30T12:00:00Z"})
    void format_isTheJdksIsoOffsetDateTimeInUtc(String text) {
        Instant instant = Instant.parse(text);

        assertEquals(jdkFormat(instant), XsdDateTime.format(instant));
    }

    @Test
    void format_ofRandomInstants_isTheJdksIsoOffsetDateTimeInUtc() {
        java.util.Random random = new java.util.Random(42);
        for (int i = 0; i < 10_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong() % 253_402_300_800L,
                i % 3 == 0 ? 0 : random.nextInt(1_000_000_000));

            assertEquals(jdkFormat(instant), XsdDateTime.format(instant));
        }
    }

    private static String jdkFormat(Instant instant) {
        return java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(instant.atOffset(java.time.ZoneOffset.UTC));
    }
}
