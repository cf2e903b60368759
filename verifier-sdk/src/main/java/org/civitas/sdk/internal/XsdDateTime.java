package org.civitas.sdk.internal;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Strict reading of XML Schema 1.1 Part 2 {@code dateTimeStamp} values (§3.4.28): a {@code dateTime} that must
 * carry a time zone, {@code yyyy-MM-ddTHH:mm:ss[.fraction](Z|±hh:mm)} with the offset within ±14:00. Written as a
 * character scan rather than a regular expression because it runs for every credential a counter verifies.
 * Four-digit years only (0001-9999). {@code 24:00:00} is the first instant of the next day, as in XSD.
 * Fractions beyond nanoseconds are truncated. Stateless and thread-safe.
 */
public final class XsdDateTime {

    private static final int MAX_OFFSET_MINUTES = 14 * 60;

    private XsdDateTime() { }

    /**
     * Reads a {@code dateTimeStamp}. Anything else (no time zone, missing seconds, an impossible date, a leap
     * second, trailing text) is an {@link IllegalArgumentException} whose message says what is wrong; callers
     * reading untrusted input turn it into a {@code FormatException} naming the property.
     */
    public static Instant parseStamp(String text) {
        try {
            return read(text);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** Reads a {@code dateTimeStamp}, or {@code null} when the text is not one. */
    public static Instant parseOrNull(String text) {
        try {
            return read(text);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * Writes an instant in UTC with a {@code Z}, to the second, with the fewest fractional digits, and none when the
     * instant is a whole second, e.g. {@code 2023-02-24T23:36:38Z}: the form the W3C test vectors use.
     */
    public static String format(Instant instant) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), instant.getNano(), ZoneOffset.UTC);
        if (t.getYear() < 0 || t.getYear() > 9999) {                   // signed or five-digit years: the JDK's form
            return java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(instant.atOffset(ZoneOffset.UTC));
        }
        // written by hand because every verification puts dates into its reasons; same text as ISO_OFFSET_DATE_TIME
        StringBuilder text = new StringBuilder(30);
        appendDigits(text, t.getYear(), 4).append('-');
        appendDigits(text, t.getMonthValue(), 2).append('-');
        appendDigits(text, t.getDayOfMonth(), 2).append('T');
        appendDigits(text, t.getHour(), 2).append(':');
        appendDigits(text, t.getMinute(), 2).append(':');
        appendDigits(text, t.getSecond(), 2);
        int nanos = t.getNano();
        if (nanos != 0) {
            int digits = 9;
            while (nanos % 10 == 0) {
                nanos /= 10;
                digits--;
            }
            appendDigits(text.append('.'), nanos, digits);
        }
        return text.append('Z').toString();
    }

    private static StringBuilder appendDigits(StringBuilder text, int value, int width) {
        for (int power = pow10(width - 1); power > 0; power /= 10) text.append((char) ('0' + value / power % 10));
        return text;
    }

    private static int pow10(int exponent) {
        int power = 1;
        for (int i = 0; i < exponent; i++) power *= 10;
        return power;
    }

    private static Instant read(String s) {
        // yyyy-MM-ddTHH:mm:ss is 19 characters; zone() reports a missing time zone after it
        if (s.length() < 19) throw new IllegalArgumentException("too short");
        int year = digits(s, 0, 4);
        expect(s, 4, '-');
        int month = digits(s, 5, 2);
        expect(s, 7, '-');
        int day = digits(s, 8, 2);
        expect(s, 10, 'T');
        int hour = digits(s, 11, 2);
        expect(s, 13, ':');
        int minute = digits(s, 14, 2);
        expect(s, 16, ':');
        int second = digits(s, 17, 2);
        int i = 19;
        int nanos = 0;
        boolean fractionNonZero = false;
        if (i < s.length() && s.charAt(i) == '.') {
            int start = ++i;
            while (i < s.length() && isDigit(s.charAt(i))) {
                int d = s.charAt(i) - '0';
                if (i - start < 9) nanos = nanos * 10 + d;
                if (d != 0) fractionNonZero = true;
                i++;
            }
            if (i == start) throw new IllegalArgumentException("empty fraction");
            for (int k = Math.min(i - start, 9); k < 9; k++) nanos *= 10;
        }
        ZoneOffset offset = zone(s, i);
        if (year == 0) throw new IllegalArgumentException("year 0000 does not exist");
        boolean endOfDay = hour == 24;
        if (endOfDay && (minute != 0 || second != 0 || fractionNonZero)) {
            throw new IllegalArgumentException("24:00:00 is the only time with hour 24");
        }
        if (second > 59) throw new IllegalArgumentException("seconds above 59");
        LocalDateTime local = LocalDateTime.of(year, month, day, endOfDay ? 0 : hour, minute, second, nanos);
        if (endOfDay) local = local.plusDays(1);
        return local.toInstant(offset);
    }

    private static ZoneOffset zone(String s, int i) {
        if (i >= s.length()) throw new IllegalArgumentException("no time zone");
        char c = s.charAt(i);
        if (c == 'Z') {
            if (i + 1 != s.length()) throw new IllegalArgumentException("text after the time zone");
            return ZoneOffset.UTC;
        }
        if (c != '+' && c != '-') throw new IllegalArgumentException("no time zone");
        if (i + 6 != s.length()) throw new IllegalArgumentException("time zone must be ±hh:mm");
        int hours = digits(s, i + 1, 2);
        expect(s, i + 3, ':');
        int minutes = digits(s, i + 4, 2);
        if (minutes > 59) throw new IllegalArgumentException("time zone minutes above 59");
        int total = hours * 60 + minutes;
        if (total > MAX_OFFSET_MINUTES) throw new IllegalArgumentException("time zone beyond ±14:00");
        return ZoneOffset.ofTotalSeconds((c == '-' ? -total : total) * 60);
    }

    private static int digits(String s, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (!isDigit(c)) throw new IllegalArgumentException("expected a digit at position " + i);
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static void expect(String s, int at, char c) {
        if (at >= s.length() || s.charAt(at) != c) {
            throw new IllegalArgumentException("expected '" + c + "' at position " + at);
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
