package org.civitas.identity.device;

import org.civitas.identity.IdentityException;
import org.civitas.identity.IdentityException.Reason;
import org.civitas.identity.agency.TrustRegistry;
import org.civitas.identity.challenge.Challenge;
import org.civitas.identity.challenge.ChallengePurpose;
import org.civitas.identity.challenge.ChallengeStore;
import org.civitas.identity.citizen.Citizen;
import org.civitas.identity.citizen.CitizenState;
import org.civitas.identity.citizen.CitizenStore;
import org.civitas.identity.citizen.CitizenWrites;
import org.civitas.identity.citizen.Device;
import org.civitas.identity.citizen.DeviceInfo;
import org.civitas.identity.citizen.DeviceState;
import org.civitas.identity.citizen.PendingWrite;
import org.civitas.identity.did.CitizenDocuments;
import org.civitas.identity.did.ProvenDocument;
import org.civitas.identity.did.ResolutionService;
import org.civitas.sdk.FormatException;
import org.civitas.sdk.did.Did;
import org.civitas.sdk.did.DidDocument;
import org.civitas.sdk.did.DidUrl;
import org.civitas.sdk.did.Relationship;
import org.civitas.sdk.did.VerificationMethod;
import org.civitas.sdk.jcs.IJson;
import org.civitas.sdk.jcs.Jcs;
import org.civitas.sdk.key.VerificationKey;
import org.civitas.sdk.ledger.LedgerEntry;
import org.civitas.sdk.ledger.LedgerHash;
import org.civitas.sdk.ledger.SignedTransaction;
import org.civitas.sdk.ledger.Transaction;
import org.civitas.sdk.ledger.TransactionSignature;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A citizen's devices: bind another device, rotate a device's key, revoke a lost or compromised device, and the
 * SIGN_IN challenge. Each change is a did.update of the citizen's DID document, built on its current version when
 * the challenge is made (so a concurrent change makes it fail as DOCUMENT_CHANGED instead of overwriting), signed by
 * the keys the ledger requires: a current device key (capabilityInvocation) and every added key (possession).
 * Rotated and revoked keys leave the current document, but resolution as of an earlier time still finds them, so
 * what they signed while valid stays verifiable; a compromise time cuts a key off from that time instead
 * ({@code revokedKeys}). Thread-safe.
 */
public final class DeviceService {

    /** The audience of a SIGN_IN payload. */
    public static final String SIGN_IN_AUDIENCE = "identity-service";
    /** Accepted clock difference for a compromise time just ahead of ours. */
    private static final Duration SKEW = Duration.ofSeconds(60);

    /** A bound or rotated device key. */
    public record Bound(String deviceId, String verificationMethod, LedgerEntry didEntry) { }

    private final ChallengeStore challenges;
    private final CitizenStore citizens;
    private final CitizenWrites writes;
    private final ResolutionService resolutions;
    private final TrustRegistry registry;
    private final LedgerHash hash;
    private final Clock clock;

    public DeviceService(ChallengeStore challenges, CitizenStore citizens, CitizenWrites writes,
                         ResolutionService resolutions, TrustRegistry registry, LedgerHash hash, Clock clock) {
        this.challenges = challenges;
        this.citizens = citizens;
        this.writes = writes;
        this.resolutions = resolutions;
        this.registry = registry;
        this.hash = hash;
        this.clock = clock;
    }

    // --- challenges ---

    /** BIND_DEVICE: the did.update adding {@code key} as the next device. */
    public Challenge bindChallenge(Did did, VerificationKey key) {
        Citizen citizen = settledCitizen(did);
        ProvenDocument current = currentDocument(did);
        if (CitizenDocuments.holdsKey(current.document(), key)) throw alreadyBound(did);
        int number = Math.max(citizen.highestDeviceNumber(), highestInDocument(current.document())) + 1;
        String method = CitizenDocuments.methodId(did, number, 1);
        DidDocument next = CitizenDocuments.withDevice(current.document(), method, key);
        return issue(ChallengePurpose.BIND_DEVICE, did, "device-" + number, method, key, next, current, List.of(),
            null);
    }

    /** ROTATE_DEVICE_KEY: the did.update replacing the device's key by {@code key} under a new method id. */
    public Challenge rotateChallenge(Did did, String deviceId, VerificationKey key) {
        Citizen citizen = settledCitizen(did);
        Device device = activeDevice(citizen, deviceId);
        ProvenDocument current = currentDocument(did);
        requireInDocument(current.document(), device);
        if (CitizenDocuments.holdsKey(current.document(), key)) throw alreadyBound(did);
        String method = CitizenDocuments.methodId(did, device.number(), device.keyVersion() + 1);
        DidDocument next = CitizenDocuments.withKeyReplaced(current.document(), device.verificationMethod(), method, key);
        return issue(ChallengePurpose.ROTATE_DEVICE_KEY, did, deviceId, method, key, next, current, List.of(), null);
    }

    /** REVOKE_DEVICE: the did.update removing the device's key, cut off from {@code compromisedSince} if given. */
    public Challenge revokeChallenge(Did did, String deviceId, Instant compromisedSince) {
        Instant now = clock.instant();
        if (compromisedSince != null && compromisedSince.isAfter(now.plus(SKEW))) {
            throw IdentityException.invalid("compromised_since", "is in the future");
        }
        Instant since = compromisedSince == null || !compromisedSince.isAfter(now) ? compromisedSince : now;
        Citizen citizen = settledCitizen(did);
        Device device = activeDevice(citizen, deviceId);
        ProvenDocument current = currentDocument(did);
        requireInDocument(current.document(), device);
        DidDocument next = CitizenDocuments.withoutMethod(current.document(), device.verificationMethod());
        List<Transaction.KeyRevocation> revoked = since == null ? List.of()
            : List.of(new Transaction.KeyRevocation(device.verificationMethod(), since));
        return issue(ChallengePurpose.REVOKE_DEVICE, did, deviceId, null, null, next, current, revoked, since);
    }

    /** SIGN_IN: canonical JSON a current device key signs to prove control (LinkFirebaseAccount). */
    public Challenge signInChallenge(Did did) {
        activeCitizen(did);
        String id = ChallengeStore.newId();
        Instant expires = challenges.expiry();
        var json = IJson.mapper().createObjectNode().put("audience", SIGN_IN_AUDIENCE).put("did", did.toString())
            .put("expiresAt", expires.toString()).put("nonce", id).put("type", "civitas.sign-in");
        Challenge challenge = new Challenge(id, ChallengePurpose.SIGN_IN, did, null, null, null,
            Jcs.canonicalize(json), clock.instant(), expires, null);
        challenges.issue(challenge, did.toString());
        return challenge;
    }

    private Challenge issue(ChallengePurpose purpose, Did did, String deviceId, String method, VerificationKey key,
                            DidDocument next, ProvenDocument current, List<Transaction.KeyRevocation> revoked,
                            Instant compromisedSince) {
        String id = ChallengeStore.newId();
        byte[] payload = new Transaction.DidUpdate(next, current.head(hash), revoked, id).payload();
        Challenge challenge = new Challenge(id, purpose, did, deviceId, method, key == null ? null : key.toMultibase(),
            payload, clock.instant(), challenges.expiry(), compromisedSince);
        challenges.issue(challenge, did.toString());
        return challenge;
    }

    // --- the operations ---

    /**
     * Binds the device of a BIND_DEVICE challenge: signed by the new key and authorised by a current device, or by
     * the calling registrar after proofing the citizen's identity again (a citizen whose last device was lost).
     */
    public Bound bind(Did caller, String requestKey, String challengeId, Did did, byte[] newDeviceSignature,
                      DeviceSignature authorising, DeviceInfo info) {
        Citizen citizen = activeCitizen(did);
        boolean byRegistrar = requireRegistrarIfNotDevice(caller, citizen, authorising);
        Challenge challenge = consume(challengeId, ChallengePurpose.BIND_DEVICE, requestKey, did, null);
        requirePossession(challenge, newDeviceSignature, "new_device_signature");
        TransactionSignature authorisation = authorisation(caller, citizen, authorising, challenge, byRegistrar);
        SignedTransaction tx = signed(challenge, List.of(
            new TransactionSignature(challenge.verificationMethod(), newDeviceSignature), authorisation));
        Device device = new Device(challenge.deviceId(), challenge.verificationMethod(),
            challenge.publicKeyMultibase(), 1, DeviceState.ACTIVE, info, null, null, null);
        LedgerEntry entry = writes.run(did, new PendingWrite(PendingWrite.Operation.BIND_DEVICE, requestKey, tx,
            clock.instant(), device));
        return new Bound(device.id(), device.verificationMethod(), entry);
    }

    /** Rotates the key of a ROTATE_DEVICE_KEY challenge: signed by the new key and by the device's current key. */
    public Bound rotate(String requestKey, String challengeId, Did did, String deviceId, byte[] newKeySignature,
                        byte[] currentKeySignature) {
        Challenge challenge = consume(challengeId, ChallengePurpose.ROTATE_DEVICE_KEY, requestKey, did, deviceId);
        requirePossession(challenge, newKeySignature, "new_key_signature");
        Citizen citizen = activeCitizen(did);
        Device device = activeDevice(citizen, deviceId);
        if (!keyOf(device).verify(challenge.payload(), currentKeySignature)) {
            throw IdentityException.field(Reason.SIGNATURE_INVALID, "current_key_signature",
                "does not verify with the current key of " + deviceId);
        }
        SignedTransaction tx = signed(challenge, List.of(
            new TransactionSignature(challenge.verificationMethod(), newKeySignature),
            new TransactionSignature(device.verificationMethod(), currentKeySignature)));
        Device rotated = new Device(deviceId, challenge.verificationMethod(), challenge.publicKeyMultibase(),
            device.keyVersion() + 1, DeviceState.ACTIVE, device.info(), device.boundAt(), null, device.pushToken());
        LedgerEntry entry = writes.run(did, new PendingWrite(PendingWrite.Operation.ROTATE_DEVICE_KEY, requestKey, tx,
            clock.instant(), rotated));
        return new Bound(deviceId, rotated.verificationMethod(), entry);
    }

    /**
     * Revokes the device of a REVOKE_DEVICE challenge, authorised by a current device (itself while another
     * remains), or by the calling registrar after proofing the citizen's identity again: the only way to revoke a
     * lost last device. The DID then has no device until the registrar authorises binding the citizen's new one.
     */
    public LedgerEntry revoke(Did caller, String requestKey, String challengeId, Did did, String deviceId,
                              DeviceSignature authorising, Instant compromisedSince) {
        if (authorising == null) {
            Citizen citizen = activeCitizen(did);
            requireRegistrar(caller, citizen);
            throw IdentityException.of(Reason.DEVICE_SIGNATURE_REQUIRED, "the ledger records a change to " + did
                + " only when it is signed: as the registrar, sign the challenge's payload_to_sign with a "
                + "capabilityInvocation key of " + caller + " and send it as authorising_signature");
        }
        Citizen citizen = activeCitizen(did);
        boolean byRegistrar = requireRegistrarIfNotDevice(caller, citizen, authorising);
        Challenge challenge = consume(challengeId, ChallengePurpose.REVOKE_DEVICE, requestKey, did, deviceId);
        if (compromisedSince != null && !compromisedSince.equals(challenge.compromisedSince())) {
            throw IdentityException.invalid("compromised_since", "must be unset or the time given to CreateChallenge "
                + "(it is part of the signed payload)");
        }
        activeDevice(citizen, deviceId);
        TransactionSignature authorisation = authorisation(caller, citizen, authorising, challenge, byRegistrar);
        if (!byRegistrar && citizen.activeDevices().size() < 2) {
            throw IdentityException.about(Reason.LAST_DEVICE, "device", deviceId, deviceId + " is the last active "
                + "device of " + did + ": bind another device first, or have a registrar revoke it after proofing "
                + "the citizen's identity");
        }
        SignedTransaction tx = signed(challenge, List.of(authorisation));
        Device revoked = citizen.device(deviceId).orElseThrow();
        return writes.run(did, new PendingWrite(PendingWrite.Operation.REVOKE_DEVICE, requestKey, tx, clock.instant(),
            revoked));
    }

    /** Checks a SIGN_IN answer: a current device's signature over the challenge. Answers the device. */
    public Device proveControl(String requestKey, String challengeId, Did did, DeviceSignature signature) {
        Challenge challenge = consume(challengeId, ChallengePurpose.SIGN_IN, requestKey, did, null);
        return authorisingDevice(activeCitizen(did), signature, "device_signature", challenge);
    }

    // --- checks ---

    private Challenge consume(String id, ChallengePurpose purpose, String requestKey, Did did, String deviceId) {
        Challenge challenge = challenges.consume(id, purpose, requestKey);
        if (!challenge.did().equals(did) || (deviceId != null && !deviceId.equals(challenge.deviceId()))) {
            throw IdentityException.about(Reason.CHALLENGE_MISMATCH, "challenge", id, "the challenge was made for "
                + challenge.did() + (challenge.deviceId() == null ? "" : " " + challenge.deviceId())
                + ", not for this request");
        }
        return challenge;
    }

    private static void requirePossession(Challenge challenge, byte[] signature, String field) {
        VerificationKey key;
        try {
            key = VerificationKey.fromMultibase(challenge.publicKeyMultibase());
        } catch (FormatException e) {
            throw new IllegalStateException("a challenge holds a valid key", e);
        }
        if (!key.verify(challenge.payload(), signature)) {
            throw IdentityException.field(Reason.SIGNATURE_INVALID, field,
                "does not verify with the new key over the challenge's payload_to_sign");
        }
    }

    /**
     * The signature authorising a change of {@code citizen}'s DID: by one of its current devices, or, when
     * {@code byRegistrar} ({@link #requireRegistrarIfNotDevice} checked the caller), by the calling registrar (a
     * verification method of the caller's own DID, listed under capabilityInvocation). Either must verify over the
     * challenge's payload.
     */
    private TransactionSignature authorisation(Did caller, Citizen citizen, DeviceSignature signature,
                                               Challenge challenge, boolean byRegistrar) {
        String field = "authorising_signature";
        if (!byRegistrar) {
            Device device = authorisingDevice(citizen, signature, field, challenge);
            return new TransactionSignature(device.verificationMethod(), signature.signature());
        }
        DidDocument registrar = currentDocument(caller).document();
        VerificationMethod method = registrar.verificationMethod(signature.verificationMethod())
            .filter(m -> registrar.authorizes(m.id(), Relationship.CAPABILITY_INVOCATION) && m.key() != null)
            .orElseThrow(() -> IdentityException.invalid(field + ".verification_method", "is not a "
                + "capabilityInvocation key in the current DID document of " + caller));
        if (!method.key().verify(challenge.payload(), signature.signature())) {
            throw IdentityException.field(Reason.SIGNATURE_INVALID, field + ".signature",
                "does not verify with " + method.id() + " over the challenge's payload_to_sign");
        }
        return new TransactionSignature(method.id(), signature.signature());
    }

    /**
     * Whether {@code signature} is a registrar's rather than one of the citizen's devices; if so, the caller must be
     * that registrar and accredited for the citizen's region. Checked before the challenge is claimed, so an
     * unauthorised caller cannot use it up.
     */
    private boolean requireRegistrarIfNotDevice(Did caller, Citizen citizen, DeviceSignature signature) {
        Did signer;
        try {
            signer = DidUrl.parse(signature.verificationMethod()).did();
        } catch (FormatException e) {
            throw IdentityException.invalid("authorising_signature.verification_method", "is not a DID URL: "
                + e.getMessage());
        }
        if (signer.equals(citizen.did())) return false;
        if (!signer.equals(caller)) {
            throw IdentityException.invalid("authorising_signature.verification_method", "is not a device key of "
                + citizen.did() + (caller == null ? " (a registrar authorising the change calls with its own service "
                + "token and signs with its own key)" : " nor a key of the calling registrar " + caller));
        }
        requireRegistrar(caller, citizen);
        return true;
    }

    private void requireRegistrar(Did caller, Citizen citizen) {
        if (caller == null) {
            throw IdentityException.of(Reason.CALLER_UNAUTHENTICATED, "without a signature by one of the citizen's "
                + "devices, an accredited registrar must call (with its service token) and sign");
        }
        if (!registry.isRegistrar(caller, citizen.region())) {
            throw IdentityException.of(Reason.REGISTRAR_NOT_ACCREDITED, caller + " is not accredited for "
                + TrustRegistry.CITIZEN_ENROLMENT + " in region " + citizen.region());
        }
    }

    /** The current device that made {@code signature}, which must verify over the challenge. */
    private static Device authorisingDevice(Citizen citizen, DeviceSignature signature, String field,
                                            Challenge challenge) {
        Device device = citizen.deviceByMethod(signature.verificationMethod()).orElseThrow(() ->
            IdentityException.invalid(field + ".verification_method", "is not a device key of " + citizen.did()));
        if (device.state() != DeviceState.ACTIVE) {
            throw IdentityException.about(Reason.DEVICE_REVOKED, "device", device.id(), device.id()
                + " was revoked and cannot authorise anything");
        }
        if (!keyOf(device).verify(challenge.payload(), signature.signature())) {
            throw IdentityException.field(Reason.SIGNATURE_INVALID, field + ".signature",
                "does not verify with " + device.verificationMethod() + " over the challenge's payload_to_sign");
        }
        return device;
    }

    private Citizen activeCitizen(Did did) {
        Citizen citizen = citizens.find(did).orElseThrow(() -> IdentityException.about(Reason.CITIZEN_NOT_FOUND,
            "citizen", did.toString(), did + " is not an enrolled citizen"));
        if (citizen.state() != CitizenState.ACTIVE) {
            throw IdentityException.retryable(Reason.OPERATION_IN_PROGRESS, "the enrolment of " + did
                + " is being completed; retry shortly", Duration.ofSeconds(1));
        }
        return citizen;
    }

    /** The citizen with any pending write settled first, so the challenge builds on the ledger's latest version. */
    private Citizen settledCitizen(Did did) {
        Citizen citizen = activeCitizen(did);
        if (citizen.pending() == null) return citizen;
        if (!writes.settle(citizen)) {
            throw IdentityException.retryable(Reason.OPERATION_IN_PROGRESS, "another device operation of " + did
                + " is in progress; retry shortly", Duration.ofSeconds(1));
        }
        return activeCitizen(did);
    }

    private static Device activeDevice(Citizen citizen, String deviceId) {
        Device device = citizen.device(deviceId).orElseThrow(() -> IdentityException.about(Reason.DEVICE_NOT_FOUND,
            "device", deviceId, citizen.did() + " has no device " + deviceId));
        if (device.state() != DeviceState.ACTIVE) {
            throw IdentityException.about(Reason.DEVICE_REVOKED, "device", deviceId, deviceId + " was revoked at "
                + device.revokedAt());
        }
        return device;
    }

    private ProvenDocument currentDocument(Did did) {
        ProvenDocument current = resolutions.current(did);
        if (current.deactivated()) {
            throw IdentityException.about(Reason.DID_DEACTIVATED, "did", did.toString(), did + " is deactivated");
        }
        return current;
    }

    private static void requireInDocument(DidDocument document, Device device) {
        if (document.verificationMethod(device.verificationMethod()).isEmpty()) {
            throw IdentityException.about(Reason.DEVICE_REVOKED, "device", device.id(), device.verificationMethod()
                + " is no longer in the DID document on the ledger (it was changed without this service)");
        }
    }

    private static int highestInDocument(DidDocument document) {
        int highest = 0;
        for (VerificationMethod method : document.verificationMethods()) {
            String fragment = method.id().substring(method.id().indexOf('#') + 1);
            int dash = fragment.indexOf("-key-");
            highest = Math.max(highest, Device.numberOf(dash < 0 ? fragment : fragment.substring(0, dash)));
        }
        return highest;
    }

    private static SignedTransaction signed(Challenge challenge, List<TransactionSignature> signatures) {
        try {
            return SignedTransaction.of(challenge.payload(), new ArrayList<>(signatures));
        } catch (FormatException e) {
            throw new IllegalStateException("a challenge's payload is always a transaction", e);
        }
    }

    private static VerificationKey keyOf(Device device) {
        try {
            return VerificationKey.fromMultibase(device.publicKeyMultibase());
        } catch (FormatException e) {
            throw new IllegalStateException("a stored device key is always valid", e);
        }
    }

    private static IdentityException alreadyBound(Did did) {
        return IdentityException.about(Reason.DEVICE_ALREADY_BOUND, "citizen", did.toString(),
            "this key is already bound to " + did);
    }
}
