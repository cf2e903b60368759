package org.civitas.identity.agency;

/** What an agency is, as recorded at onboarding. What it may do is what the ledger accredits it for. */
public enum AgencyKind {
    HEALTH_BUREAU, HOUSING_REGISTRY, EDUCATION_DEPARTMENT, UNIVERSITY, SOCIAL_SECURITY_BUREAU,
    /** Enrols citizens after identity proofing (once accredited for {@link TrustRegistry#CITIZEN_ENROLMENT}). */
    REGISTRAR,
    /** Accredited by the national root; onboards and accredits the other agencies. */
    PROVINCIAL_ROOT
}
