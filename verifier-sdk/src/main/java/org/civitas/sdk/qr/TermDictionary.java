package org.civitas.sdk.qr;

import java.util.HashMap;
import java.util.Map;

/**
 * The fixed term dictionary of the CIV1 format (docs/qr-format.md §4): member names and common string values of
 * the VC vocabulary, written as small integers. The lists are part of the format: an entry is never changed,
 * removed or moved within a version; a new entry means a new format version. Immutable and thread-safe.
 */
final class TermDictionary {

    /** Member names: code {@code i} is written as the unsigned integer {@code i} in a map key. */
    static final String[] MEMBERS = {
        // 0-23: one byte. VC Data Model 2.0 §4 and Data Integrity 1.0 §2.1 members.
        "@context", "id", "type", "issuer", "validFrom", "validUntil", "credentialSubject", "credentialStatus",
        "proof", "cryptosuite", "created", "verificationMethod", "proofPurpose", "proofValue", "challenge", "domain",
        "statusPurpose", "statusListIndex", "statusListCredential", "holder", "verifiableCredential", "expires",
        "name", "description",
        // 24-: two bytes. The rest of the VC, Data Integrity, Bitstring Status List and DID vocabularies.
        "nonce", "previousProof", "credentialSchema", "evidence", "termsOfUse", "refreshService",
        "relatedResource", "digestMultibase", "digestSRI", "mediaType", "statusSize", "statusMessage",
        "statusReference", "status", "message", "encodedList", "ttl", "issuanceDate", "expirationDate",
        "controller", "publicKeyMultibase", "publicKeyJwk", "authentication", "assertionMethod",
        "capabilityInvocation", "capabilityDelegation", "keyAgreement", "service", "serviceEndpoint",
        "alsoKnownAs", "language", "direction", "@value", "@language", "@direction",
        // Claims of the Civitas credential types: the person.
        "nameEn", "givenName", "familyName", "birthDate", "gender", "nationality", "address", "photo",
        // VaccinationCertificate, MedicalCertificate, EHealthCard
        "vaccine", "vaccineProduct", "manufacturer", "doseNumber", "totalDoses", "vaccinationDate", "batchNumber",
        "disease", "country", "examinationDate", "conclusion", "physician", "hospital", "healthCardNumber",
        "bloodType", "allergies",
        // PropertyOwnershipCertificate, ResidencePermit
        "propertyAddress", "registrationNumber", "floorArea", "ownershipShare", "landUse", "registrationDate",
        "permitNumber", "permitType", "residenceAddress", "issuingAuthority",
        // DiplomaCredential, AcademicTranscript
        "degree", "major", "university", "conferralDate", "studentNumber", "program", "gpa", "credits",
        "graduationDate", "courses", "grade",
        // SocialSecurityCard, PensionEntitlement
        "socialSecurityNumber", "cardNumber", "issuingRegion", "pensionType", "monthlyAmount", "currency",
        "startDate", "endDate",
        // 112-: appended, codes above unchanged. The Civitas top-level member (credential-issuer's CredentialSigner):
        // the region the issuer's accreditation must cover.
        "jurisdiction",
        // Claims of the credential type catalogue (credential-issuer's type schemas) that the list above lacks.
        "holderName", "institution", "fieldOfStudy", "certificateNumber", "programme", "issueDate", "title", "code",
        "targetDisease", "administeringCentre", "sickLeaveFrom", "sickLeaveUntil", "workCapacity", "diagnosisCode",
        "dateOfBirth", "insuranceScheme", "propertyRegion", "propertyUse", "ownership", "share", "residenceRegion",
        "firstIssued", "cardGeneration", "scheme", "entitlementStart", "nextReview", "payingRegion",
    };

    /**
     * String values: code {@code c} is written as the simple value {@code c} (codes 0-19, one byte) or
     * {@code c + 12} (codes 20-243, two bytes), skipping simple values 20-31, which RFC 8949 §3.3 assigns.
     */
    static final String[] VALUES = {
        // 0-19: one byte
        "https://www.w3.org/ns/credentials/v2", "VerifiableCredential", "VerifiablePresentation",
        "DataIntegrityProof", "eddsa-jcs-2022", "sm2-jcs-2025", "ecdsa-jcs-2019", "assertionMethod",
        "authentication", "BitstringStatusListEntry", "revocation", "suspension",
        "VaccinationCertificate", "MedicalCertificate", "EHealthCard", "PropertyOwnershipCertificate",
        "ResidencePermit", "DiplomaCredential", "AcademicTranscript", "SocialSecurityCard",
        // 20-: two bytes
        "PensionEntitlement", "eddsa-rdfc-2022", "ecdsa-rdfc-2019", "ecdsa-sd-2023", "bbs-2023",
        "https://www.w3.org/2018/credentials/v1", "https://w3id.org/security/data-integrity/v2",
        "https://w3id.org/security/multikey/v1", "https://www.w3.org/ns/did/v1",
        "https://w3id.org/vc/status-list/2021/v1", "BitstringStatusListCredential", "BitstringStatusList",
        "StatusList2021Entry", "StatusList2021Credential", "message", "refresh", "Multikey", "JsonWebKey",
        "capabilityInvocation", "capabilityDelegation", "keyAgreement", "JsonSchema", "JsonSchemaCredential",
        "EnvelopedVerifiableCredential", "EnvelopedVerifiablePresentation", "CN", "CNY", "male", "female",
        // appended, codes above unchanged: the catalogue's type id Diploma, its schema ids (credentialSchema.id)
        // and the enumerated claim values of its schemas
        "Diploma",
        "urn:civitas:schema:VaccinationCertificate:1.0",
        "urn:civitas:schema:MedicalCertificate:1.0",
        "urn:civitas:schema:EHealthCard:1.0",
        "urn:civitas:schema:PropertyOwnershipCertificate:1.0",
        "urn:civitas:schema:ResidencePermit:1.0",
        "urn:civitas:schema:Diploma:1.0",
        "urn:civitas:schema:AcademicTranscript:1.0",
        "urn:civitas:schema:SocialSecurityCard:1.0",
        "urn:civitas:schema:PensionEntitlement:1.0",
        "residential", "commercial", "industrial", "mixed", "sole", "joint", "shared", "associate", "bachelor",
        "master", "doctorate", "urban-employee", "urban-rural-resident", "none", "partial", "work", "study", "family",
        "permanent", "basic-employee", "occupational",
    };

    /** Simple values 20-31 are false, true, null, undefined and reserved (RFC 8949 §3.3): value codes skip them. */
    private static final int ONE_BYTE_CODES = 20;
    private static final int SKIPPED_SIMPLE_VALUES = 12;

    private static final Map<String, Integer> MEMBER_CODES = index(MEMBERS);
    private static final Map<String, Integer> VALUE_CODES = index(VALUES);

    static {
        if (VALUES.length + SKIPPED_SIMPLE_VALUES > 256) throw new AssertionError("value codes exceed simple values");
    }

    private TermDictionary() { }

    /** The member-name code of {@code name}, or -1. */
    static int memberCode(String name) {
        Integer code = MEMBER_CODES.get(name);
        return code == null ? -1 : code;
    }

    /** The member name of a code, or null when the code is not in this version. */
    static String member(long code) {
        return code >= 0 && code < MEMBERS.length ? MEMBERS[(int) code] : null;
    }

    /** The simple value that stands for {@code value}, or -1 when it is not a dictionary value. */
    static int simpleFor(String value) {
        Integer code = VALUE_CODES.get(value);
        if (code == null) return -1;
        return code < ONE_BYTE_CODES ? code : code + SKIPPED_SIMPLE_VALUES;
    }

    /** The dictionary value a simple value stands for, or null. */
    static String valueOfSimple(long simple) {
        long code = simple < ONE_BYTE_CODES ? simple : simple - SKIPPED_SIMPLE_VALUES;
        if (simple >= ONE_BYTE_CODES && simple < ONE_BYTE_CODES + SKIPPED_SIMPLE_VALUES) return null;
        return code >= 0 && code < VALUES.length ? VALUES[(int) code] : null;
    }

    private static Map<String, Integer> index(String[] terms) {
        Map<String, Integer> codes = new HashMap<>(terms.length * 2);
        for (int i = 0; i < terms.length; i++) {
            if (codes.put(terms[i], i) != null) throw new AssertionError("duplicate term " + terms[i]);
        }
        return codes;
    }
}
