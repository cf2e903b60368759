package org.civitas.sdk.policy;

import org.civitas.sdk.policy.VerifierPolicy.RequiredClaim;

import java.util.List;
import java.util.Locale;

/**
 * The ready policies of the counters Civitas serves, by the type ids of the credential type catalogue. Each is a
 * {@link VerifierPolicy}, so a counter narrows it further ({@code hospital().expecting(challenge, domain)}) or
 * composes it ({@code court().and(bank())}). Stateless.
 */
public final class CounterPolicies {

    /** The policy names {@link #named} knows, in the order shown to people. */
    public static final List<String> NAMES = List.of("hospital", "school", "housing-office", "court", "bank");

    /** The holder's name, whichever name the type gives the claim. */
    public static final RequiredClaim NAME =
        new RequiredClaim("the holder's name", "持有人姓名", List.of("name", "holderName"));
    /** The holder's date of birth. */
    public static final RequiredClaim DATE_OF_BIRTH =
        new RequiredClaim("the holder's date of birth", "持有人出生日期", List.of("dateOfBirth", "birthDate"));

    private CounterPolicies() { }

    /** Health credentials: vaccination and medical certificates, the e-health card. */
    public static VerifierPolicy hospital() {
        return VerifierPolicy.standard().named("hospital")
            .acceptingTypes("VaccinationCertificate", "MedicalCertificate", "EHealthCard");
    }

    /** Education credentials: diplomas and transcripts. */
    public static VerifierPolicy school() {
        return VerifierPolicy.standard().named("school").acceptingTypes("Diploma", "AcademicTranscript");
    }

    /** Housing credentials: property ownership certificates and residence permits. */
    public static VerifierPolicy housingOffice() {
        return VerifierPolicy.standard().named("housing-office")
            .acceptingTypes("PropertyOwnershipCertificate", "ResidencePermit");
    }

    /** A court: any accredited type, as long as it names its holder. */
    public static VerifierPolicy court() { return court(NAME); }

    /** A court requiring these claims of any accredited type. */
    public static VerifierPolicy court(RequiredClaim... claims) {
        return VerifierPolicy.standard().named("court").requiringClaims(claims);
    }

    /** A bank: any accredited type that names its holder and gives the date of birth (identity at account opening). */
    public static VerifierPolicy bank() { return bank(NAME, DATE_OF_BIRTH); }

    /** A bank requiring these claims of any accredited type. */
    public static VerifierPolicy bank(RequiredClaim... claims) {
        return VerifierPolicy.standard().named("bank").requiringClaims(claims);
    }

    /**
     * The ready policy of that name ({@link #NAMES}), case-insensitive.
     *
     * @throws IllegalArgumentException for any other name, listing the known ones
     */
    public static VerifierPolicy named(String name) {
        switch (name.toLowerCase(Locale.ROOT)) {
            case "hospital": return hospital();
            case "school": return school();
            case "housing-office": return housingOffice();
            case "court": return court();
            case "bank": return bank();
            default: throw new IllegalArgumentException("no counter policy named '" + name + "'; known: " + NAMES);
        }
    }
}
