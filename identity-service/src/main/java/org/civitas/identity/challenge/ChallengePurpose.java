package org.civitas.identity.challenge;

/** What a device challenge is for; each rpc accepts only its own purpose. */
public enum ChallengePurpose { ENROL, BIND_DEVICE, ROTATE_DEVICE_KEY, REVOKE_DEVICE, SIGN_IN }
