package org.civitas.issuer.type;

/** The four domains of certificates. */
public enum Domain {
    HEALTH, HOUSING, EDUCATION, SOCIAL_SECURITY
}
