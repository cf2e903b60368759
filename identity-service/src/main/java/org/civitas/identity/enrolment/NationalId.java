package org.civitas.identity.enrolment;

import org.civitas.server.FieldProblem;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Objects;

/**
 * A citizen identity number (GB 11643-1999): six digits of the issuing region, eight of the date of birth, three
 * of sequence, and a check character (ISO 7064 MOD 11-2, {@code X} for ten). It lives only as long as it takes to
 * compute its keyed hash: it is never stored or logged, and {@link #toString} is redacted.
 */
public final class NationalId {

    /** GB 11643-1999 §8.2: the weights of the 17 digits, 2^(18-i) mod 11. */
    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    /** GB 11643-1999 §8.2: the check character for each remainder mod 11. */
    private static final String CHECK = "10X98765432";

    private final String digits;

    private NationalId(String digits) { this.digits = digits; }

    /**
     * Reads an identity number as a registrar typed it (surrounding spaces ignored, lower-case {@code x}
     * accepted). A malformed number is a {@link FieldProblem} on {@code field} that never repeats the number.
     */
    public static NationalId parse(String text, String field) throws InvalidNationalId {
        Objects.requireNonNull(text, "text");
        String normalised = text.trim().toUpperCase(java.util.Locale.ROOT);
        if (normalised.length() != 18) {
            throw new InvalidNationalId(new FieldProblem(field, "must have 18 characters (GB 11643-1999)"));
        }
        for (int i = 0; i < 17; i++) {
            if (normalised.charAt(i) < '0' || normalised.charAt(i) > '9') {
                throw new InvalidNationalId(new FieldProblem(field, "the first 17 characters must be digits"));
            }
        }
        try {
            LocalDate birth = LocalDate.of(Integer.parseInt(normalised.substring(6, 10)),
                Integer.parseInt(normalised.substring(10, 12)), Integer.parseInt(normalised.substring(12, 14)));
            if (birth.getYear() < 1800) throw new DateTimeException("too early");
        } catch (DateTimeException e) {
            throw new InvalidNationalId(new FieldProblem(field, "characters 7 to 14 are not a valid date of birth"));
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) sum += (normalised.charAt(i) - '0') * WEIGHTS[i];
        if (normalised.charAt(17) != CHECK.charAt(sum % 11)) {
            throw new InvalidNationalId(new FieldProblem(field, "the check character does not match (mistyped?)"));
        }
        return new NationalId(normalised);
    }

    /** The normalised number, for the keyed hash only. */
    String digits() { return digits; }

    /** Never the number. */
    @Override
    public String toString() { return "NationalId[redacted]"; }

    /** A malformed identity number, as a field problem that does not repeat it. */
    public static final class InvalidNationalId extends Exception {
        private final transient FieldProblem problem;

        InvalidNationalId(FieldProblem problem) {
            super(problem.field() + " " + problem.description(), null, false, false);
            this.problem = problem;
        }

        public FieldProblem problem() { return problem; }
    }
}
