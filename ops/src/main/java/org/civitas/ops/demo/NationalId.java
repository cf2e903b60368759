package org.civitas.ops.demo;

import java.security.SecureRandom;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

/** Made-up resident identity numbers in the GB 11643-1999 format, for the demo's citizens. */
final class NationalId {

    /** ISO 7064 MOD 11-2 weights of the first 17 digits (GB 11643-1999 §6.2). */
    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String CHECK_CHARACTERS = "10X98765432";

    private NationalId() { }

    /** Region code, date of birth, a random sequence number and its check character: 18 characters. */
    static String generate(String region, LocalDate birthDate, SecureRandom random) {
        return of(region, birthDate, random.nextInt(1000));
    }

    /** The number of a region, a date of birth and a sequence number (0 to 999), with its check character. */
    static String of(String region, LocalDate birthDate, int sequence) {
        String first17 = region + DateTimeFormatter.BASIC_ISO_DATE.format(birthDate)
            + String.format(java.util.Locale.ROOT, "%03d", sequence);
        int sum = 0;
        for (int i = 0; i < WEIGHTS.length; i++) sum += (first17.charAt(i) - '0') * WEIGHTS[i];
        return first17 + CHECK_CHARACTERS.charAt(sum % 11);
    }
}
