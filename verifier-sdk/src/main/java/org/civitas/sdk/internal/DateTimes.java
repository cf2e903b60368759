package org.civitas.sdk.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * XML Schema 1.1 Part 2 {@code dateTimeStamp} values (§3.4.28: a {@code dateTime} with a mandatory time zone), as
 * Data Integrity's {@code created} and {@code expires} use them.
 */
public final class DateTimes {

    /** XSD 1.1 §3.3.7.2 lexical space, restricted to a present time zone (§3.4.28.1). */
    private static final Pattern DATE_TIME_STAMP = Pattern.compile(
        "-?[0-9]{4,}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})");

    private DateTimes() { }

    /** Reads a {@code dateTimeStamp}; returns {@code null} when the text is not one. */
    public static Instant parse(String text) {
        if (!DATE_TIME_STAMP.matcher(text).matches()) return null;
        try {
            return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /**
     * Writes an instant in UTC with a {@code Z}, to the second, with the fewest fractional digits, and none when the
     * instant is a whole second, e.g. {@code 2023-02-24T23:36:38Z}: the form the W3C test vectors use.
     */
    public static String format(Instant instant) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(instant.atOffset(ZoneOffset.UTC));   // UTC prints as Z
    }
}
