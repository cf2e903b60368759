package org.civitas.sample.wallet.core;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** The catalogue's credential types as people call them, in English and Chinese. */
public final class CredentialLabels {

    private static final Map<String, String[]> LABELS = new HashMap<>();

    static {
        put("VaccinationCertificate", "Vaccination certificate", "疫苗接种证明");
        put("MedicalCertificate", "Medical certificate", "医疗证明");
        put("EHealthCard", "Electronic health card", "电子健康卡");
        put("PropertyOwnershipCertificate", "Property ownership certificate", "不动产权证书");
        put("ResidencePermit", "Residence permit", "居住证");
        put("Diploma", "Diploma", "毕业证书");
        put("AcademicTranscript", "Academic transcript", "成绩单");
        put("SocialSecurityCard", "Social security card", "社会保障卡");
        put("PensionEntitlement", "Pension entitlement", "养老金资格证明");
    }

    private CredentialLabels() { }

    private static void put(String type, String en, String zh) { LABELS.put(type, new String[] {en, zh}); }

    /** The label of a type; a type the wallet does not know shows its id. */
    public static String of(String type, Locale locale) {
        String[] label = LABELS.get(type);
        if (label == null) return type;
        return "zh".equals(locale.getLanguage()) ? label[1] : label[0];
    }
}
