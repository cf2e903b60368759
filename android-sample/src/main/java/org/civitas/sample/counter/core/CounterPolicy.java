package org.civitas.sample.counter.core;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The counters a clerk can choose, with the credential types each accepts. Stand-in for the SDK's
 * {@code CounterPolicies} (same names) until that lands; {@link CounterVerification} is the one place to swap.
 */
public enum CounterPolicy {
    HOSPITAL("hospital", "Hospital", "医院", "VaccinationCertificate", "MedicalCertificate", "EHealthCard"),
    SCHOOL("school", "School", "学校", "Diploma", "AcademicTranscript"),
    HOUSING_OFFICE("housing-office", "Housing office", "住房办", "PropertyOwnershipCertificate", "ResidencePermit"),
    COURT("court", "Court", "法院"),
    BANK("bank", "Bank", "银行");

    private final String id;
    private final String en;
    private final String zh;
    private final List<String> types;

    CounterPolicy(String id, String en, String zh, String... types) {
        this.id = id;
        this.en = en;
        this.zh = zh;
        this.types = Arrays.asList(types);
    }

    /** The policy's stable name, e.g. "housing-office". */
    public String id() { return id; }

    public String label(Locale locale) { return "zh".equals(locale.getLanguage()) ? zh : en; }

    /** Whether a credential of this type is accepted here; court and bank accept any accredited type. */
    public boolean accepts(String credentialType) { return types.isEmpty() || types.contains(credentialType); }

    /** The policy of a name. */
    public static CounterPolicy named(String id) {
        for (CounterPolicy p : values()) if (p.id.equals(id)) return p;
        throw new IllegalArgumentException("no counter policy named " + id);
    }
}
