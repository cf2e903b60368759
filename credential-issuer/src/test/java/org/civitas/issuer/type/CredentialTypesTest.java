package org.civitas.issuer.type;

import com.fasterxml.jackson.databind.JsonNode;
import org.civitas.sdk.jcs.IJson;
import org.civitas.sdk.jcs.Jcs;
import org.civitas.sdk.ledger.LedgerHash;
import org.civitas.server.FieldProblem;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CredentialTypesTest {

    private final CredentialTypes catalogue = CredentialTypes.load(LedgerHash.SHA_256, Map.of());

    @Test
    void catalogue_coversTheFourDomainsWithTheRequiredTypes() {
        Set<String> ids = catalogue.all().stream().map(CredentialType::id).collect(Collectors.toSet());
        assertTrue(ids.containsAll(Set.of("VaccinationCertificate", "MedicalCertificate", "EHealthCard",
            "PropertyOwnershipCertificate", "ResidencePermit", "Diploma", "AcademicTranscript", "SocialSecurityCard",
            "PensionEntitlement")), ids.toString());
        for (Domain domain : Domain.values()) {
            assertTrue(catalogue.all().stream().anyMatch(t -> t.domain() == domain), domain.name());
        }
        assertFalse(catalogue.version().isEmpty());
    }

    @Test
    void everyType_hasBilingualLabelsTwoProofsAndADigestOfItsCanonicalSchema() {
        for (CredentialType type : catalogue.all()) {
            assertFalse(type.labelEn().isEmpty(), type.id());
            assertTrue(type.labelZh().codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN),
                type.id());
            assertEquals(List.of("eddsa-jcs-2022", "sm2-jcs-2025"), type.proofSuites(), type.id());
            assertTrue(type.defaultValidity().compareTo(Duration.ofDays(1)) > 0, type.id());
            assertArrayEquals(LedgerHash.SHA_256.digest(Jcs.canonicalize(type.schema())), type.schemaDigest().bytes());
        }
    }

    @Test
    void find_withoutVersion_isTheCurrentVersion() {
        assertEquals("1.0", catalogue.find("Diploma", "").orElseThrow().version());
        assertTrue(catalogue.find("Diploma", "9.9").isEmpty());
        assertTrue(catalogue.find("BirthCertificate", "").isEmpty());
    }

    @Test
    void proofPolicy_isConfigurablePerType() {
        CredentialTypes configured = CredentialTypes.load(LedgerHash.SM3,
            Map.of("Diploma", List.of("sm2-jcs-2025")));
        assertEquals(List.of("sm2-jcs-2025"), configured.find("Diploma", "").orElseThrow().proofSuites());
        assertEquals(2, configured.find("EHealthCard", "").orElseThrow().proofSuites().size());
    }

    @Test
    void compareVersions_readsDottedNumbers() {
        assertTrue(CredentialTypes.compareVersions("1.10", "1.9") > 0);
        assertTrue(CredentialTypes.compareVersions("2.0", "10.0") < 0);
        assertEquals(0, CredentialTypes.compareVersions("1.0", "1.0"));
    }

    @Test
    void validClaims_haveNoProblems() throws Exception {
        assertEquals(List.of(), problems("Diploma", """
            {"holderName":"Li Hua","institution":"Fudan University","degree":"master","fieldOfStudy":"Physics",
             "graduationDate":"2024-06-30","certificateNumber":"1024612024000123"}"""));
        assertEquals(List.of(), problems("AcademicTranscript", """
            {"holderName":"Li Hua","institution":"Fudan University","programme":"Physics MSc","issueDate":"2024-07-01",
             "courses":[{"code":"PHY601","title":"Quantum Field Theory","credits":4,"grade":"A"}],"gpa":3.8}"""));
    }

    @Test
    void invalidClaims_haveOneFieldViolationPerProblem_withoutTheirValues() throws Exception {
        List<FieldProblem> problems = problems("Diploma", """
            {"holderName":"Li Hua","institution":"Fudan University","degree":"wizard","fieldOfStudy":"Physics",
             "graduationDate":"2024-02-30","certificateNumber":"secret-42","shoeSize":42}""");

        Map<String, String> byField = problems.stream()
            .collect(Collectors.toMap(FieldProblem::field, FieldProblem::description));
        assertEquals(Set.of("claims_json.degree", "claims_json.graduationDate", "claims_json.certificateNumber",
            "claims_json.shoeSize"), byField.keySet());
        assertTrue(byField.get("claims_json.degree").contains("bachelor"), byField.toString());
        assertTrue(byField.get("claims_json.graduationDate").contains("date"), byField.toString());
        for (String description : byField.values()) {
            assertFalse(description.contains("wizard") || description.contains("2024-02-30")
                || description.contains("secret-42"), description);
        }
    }

    @Test
    void missingRequiredClaimsAndWrongNestedTypes_areNamedByPath() throws Exception {
        List<FieldProblem> problems = problems("AcademicTranscript", """
            {"holderName":"Li Hua","institution":"Fudan University","issueDate":"2024-07-01",
             "courses":[{"code":"PHY601","title":"QFT","credits":"four","grade":"A"}]}""");

        Set<String> fields = problems.stream().map(FieldProblem::field).collect(Collectors.toSet());
        assertEquals(Set.of("claims_json.programme", "claims_json.courses[0].credits"), fields);
    }

    private List<FieldProblem> problems(String typeId, String claims) throws Exception {
        JsonNode json = IJson.parse("claims", claims);
        return catalogue.schema(catalogue.find(typeId, "").orElseThrow()).problems(json);
    }
}
