package org.civitas.identity.agency;

/** Where an accreditation request stands. */
public enum AccreditationRequestState { PENDING, APPROVED, REJECTED }
