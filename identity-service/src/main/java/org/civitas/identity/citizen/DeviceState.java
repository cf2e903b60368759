package org.civitas.identity.citizen;

/** Whether a device's key is in the citizen's current DID document. */
public enum DeviceState { ACTIVE, REVOKED }
