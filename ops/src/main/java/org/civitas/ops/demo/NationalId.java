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
        String first17 = region + DateTimeFormatter.BASIC_ISO_DATE.format(birthDate)
            + String.format("%03d", random.nextInt(1000));
        int sum = 0;
        for (int i = 0; i < WEIGHTS.length; i++) sum += (first17.charAt(i) - '0') * WEIGHTS[i];
        return first17 + CHECK_CHARACTERS.charAt(sum % 11);
    }
}
