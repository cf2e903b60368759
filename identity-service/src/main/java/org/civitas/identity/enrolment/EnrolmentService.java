package org.civitas.identity.enrolment;

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
import org.civitas.identity.citizen.DeviceState;
import org.civitas.identity.citizen.EnrolmentRecord;
import org.civitas.identity.citizen.PendingWrite;
import org.civitas.identity.did.CitizenDocuments;
import org.civitas.identity.did.LedgerWriter;
import org.civitas.sdk.FormatException;
import org.civitas.sdk.did.Did;
import org.civitas.sdk.did.DidDocument;
import org.civitas.sdk.key.VerificationKey;
import org.civitas.sdk.ledger.LedgerEntry;
import org.civitas.sdk.ledger.SignedTransaction;
import org.civitas.sdk.ledger.Transaction;
import org.civitas.sdk.ledger.TransactionSignature;
import org.civitas.server.idempotency.IdempotentRequests;

import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Citizen enrolment. The wallet asks for an ENROL challenge with its device key and gets the did.create transaction
 * of its first DID document with the challenge as nonce; it signs it once (proof of possession and the ledger
 * signature at the same time). A registrar (an agency accredited for {@link TrustRegistry#CITIZEN_ENROLMENT} in the
 * region) then enrols the person with that signature and its identity proofing: the DID goes to the ledger and a
 * minimal record is kept, the national id only as a keyed hash, one citizen per person. The record is written as
 * pending before the ledger commit and completed after ({@link CitizenWrites}), so a crash in between is completed
 * from the ledger. Thread-safe.
 */
public final class EnrolmentService {

    /** The device id and method number of an enrolment's device. */
    static final String FIRST_DEVICE = "device-1";

    /** What an enrolment produced. */
    public record Enrolled(Did did, String deviceId, String verificationMethod, LedgerEntry didEntry) { }

    private final ChallengeStore challenges;
    private final CitizenStore citizens;
    private final CitizenWrites writes;
    private final LedgerWriter ledger;
    private final TrustRegistry registry;
    private final NationalIdKey nationalIdKey;
    private final IdempotentRequests idempotency;
    private final Clock clock;

    public EnrolmentService(ChallengeStore challenges, CitizenStore citizens, CitizenWrites writes, LedgerWriter ledger,
                            TrustRegistry registry, NationalIdKey nationalIdKey, IdempotentRequests idempotency,
                            Clock clock) {
        this.challenges = challenges;
        this.citizens = citizens;
        this.writes = writes;
        this.ledger = ledger;
        this.registry = registry;
        this.nationalIdKey = nationalIdKey;
        this.idempotency = idempotency;
        this.clock = clock;
    }

    /** An ENROL challenge: the did.create of the key's first document, the challenge id as its nonce. */
    public Challenge challenge(VerificationKey deviceKey) {
        DidDocument document = CitizenDocuments.initial(deviceKey);
        Did did = document.id();
        Optional<Citizen> existing = citizens.find(did);
        if (existing.isPresent() && existing.get().state() == CitizenState.ACTIVE) {
            throw IdentityException.about(Reason.DID_ALREADY_ENROLLED, "citizen", did.toString(),
                "this device key's DID " + did + " is already enrolled; bind a new key as another device instead");
        }
        String id = ChallengeStore.newId();
        byte[] payload = new Transaction.DidCreate(document, id).payload();
        Challenge challenge = new Challenge(id, ChallengePurpose.ENROL, did, FIRST_DEVICE,
            CitizenDocuments.methodId(did, 1, 1), deviceKey.toMultibase(), payload, clock.instant(),
            challenges.expiry(), null);
        challenges.issue(challenge, deviceKey.toMultibase());
        return challenge;
    }

    /** What stands for the national id in a request's idempotency fingerprint: its keyed hash, never the number. */
    public String fingerprint(NationalId nationalId) {
        return nationalIdKey.hash(nationalId).toString();
    }

    /**
     * Enrols the person the registrar (the caller) proofed, once per request: the citizen record is the request's
     * idempotency record ({@link CitizenStore#insertPending}), so a retry with the same fingerprint gets the first
     * answer (or finishes the first attempt's write), and the request key with another fingerprint is
     * REQUEST_ID_REUSED. A challenge named by such a reuse is spent all the same.
     *
     * @param fingerprint what tells a retry of the request from another use of its request_id
     */
    public Enrolled enrol(Did registrar, Enrolment order, byte[] fingerprint) {
        Challenge challenge;
        try {
            if (!registry.isRegistrar(registrar, order.region())) {
                throw IdentityException.withMetadata(Reason.REGISTRAR_NOT_ACCREDITED, registrar + " is not accredited "
                    + "for " + TrustRegistry.CITIZEN_ENROLMENT + " in region " + order.region(),
                    java.util.Map.of("region", order.region(), "credentialType", TrustRegistry.CITIZEN_ENROLMENT));
            }
            challenge = challenges.consume(order.challengeId(), ChallengePurpose.ENROL, order.requestKey());
        } catch (IdentityException e) {
            // a retry may come after its challenge expired or the accreditation lapsed: its record still answers it
            EnrolmentRecord earlier = citizens.findEnrolment(order.requestKey()).orElse(null);
            if (earlier == null) throw e;
            return answer(earlier, order.requestKey(), fingerprint);
        }
        // The device's signature is the did.create's only signature: the ledger verifies it (it must, on every node),
        // and its refusal is answered as SIGNATURE_INVALID on device_signature; checking it here as well would
        // double the most expensive step of an enrolment.
        SignedTransaction transaction = signed(challenge, order.deviceSignature());
        NationalIdHash person = nationalIdKey.hash(order.nationalId());
        Device device = new Device(FIRST_DEVICE, challenge.verificationMethod(), challenge.publicKeyMultibase(), 1,
            DeviceState.ACTIVE, order.device(), null, null, null);
        PendingWrite write = new PendingWrite(PendingWrite.Operation.ENROL, order.requestKey(), transaction,
            clock.instant(), device);
        Citizen pending = new Citizen(challenge.did(), CitizenState.PENDING, person, order.region(), registrar,
            order.assuranceLevel(), order.proofingMethod(), order.proofedAt(), null, List.of(), write, List.of(),
            List.of());
        LedgerEntry entry = recordAndCommit(pending, write, fingerprint);
        return new Enrolled(challenge.did(), FIRST_DEVICE, challenge.verificationMethod(), entry);
    }

    /** The answer to a request whose record exists: the first answer, or the first attempt's write finished. */
    private Enrolled answer(EnrolmentRecord earlier, String requestKey, byte[] fingerprint) {
        if (!Arrays.equals(earlier.fingerprint(), fingerprint)) {
            // the key is rpc|caller DID|request_id, and neither of the first two holds a '|'
            throw idempotency.reused(requestKey.substring(requestKey.indexOf('|', requestKey.indexOf('|') + 1) + 1));
        }
        PendingWrite write = earlier.write();
        LedgerEntry entry = earlier.complete() ? earlier.didEntry() : commit(earlier.did(), write);
        return new Enrolled(earlier.did(), write.device().id(), write.device().verificationMethod(), entry);
    }

    private LedgerEntry recordAndCommit(Citizen pending, PendingWrite write, byte[] fingerprint) {
        for (int attempt = 0; attempt < 2; attempt++) {
            switch (citizens.insertPending(pending, fingerprint)) {
                case NONE:
                    return commit(pending.did(), write);
                case REQUEST: {
                    EnrolmentRecord earlier = citizens.findEnrolment(write.requestKey()).orElse(null);
                    if (earlier != null) return answer(earlier, write.requestKey(), fingerprint).didEntry();
                    // dropped meanwhile, or completed without its answer: settled as a conflict on the DID
                }
                // fall through
                case DID: {
                    Citizen existing = citizens.find(pending.did()).orElse(null);
                    if (existing == null) continue;
                    if (existing.pending() != null && existing.pending().requestKey().equals(write.requestKey())) {
                        return commit(pending.did(), write);                  // this request, retried after a crash
                    }
                    if (existing.pending() != null && writes.settle(existing)
                            && citizens.find(pending.did()).isEmpty()) {
                        continue;                                             // the other enrolment was refused
                    }
                    if (existing.state() == CitizenState.ACTIVE && existing.nationalIdHash().equals(pending.nationalIdHash())
                            && existing.registrar().equals(pending.registrar())) {
                        // the challenge is claimed by this request, so this is its retry after the answer was lost
                        return ledger.submit(write.transaction());
                    }
                    throw IdentityException.about(Reason.DID_ALREADY_ENROLLED, "citizen", pending.did().toString(),
                        "the device key's DID " + pending.did() + " is already enrolled");
                }
                case NATIONAL_ID: {
                    Citizen existing = citizens.findByNationalId(pending.nationalIdHash()).orElse(null);
                    if (existing == null) continue;
                    if (existing.state() == CitizenState.PENDING) {
                        if (!writes.settle(existing)) {
                            throw IdentityException.retryable(Reason.OPERATION_IN_PROGRESS, "an enrolment of this "
                                + "person is in progress; retry shortly", Duration.ofSeconds(1));
                        }
                        if (citizens.findByNationalId(pending.nationalIdHash()).isEmpty()) continue;
                    }
                    throw IdentityException.of(Reason.PERSON_ALREADY_ENROLLED, "this person is already enrolled "
                        + "(one citizen per national id); to use a new phone, bind it as a device of the existing DID");
                }
                default:
                    throw new AssertionError();
            }
        }
        throw IdentityException.retryable(Reason.OPERATION_IN_PROGRESS, "the enrolment raced with another; retry",
            Duration.ofSeconds(1));
    }

    private LedgerEntry commit(Did did, PendingWrite write) {
        try {
            return writes.commit(did, write);
        } catch (IdentityException e) {
            if (e.identityReason() == Reason.LEDGER_REJECTED
                    && "SIGNATURE_INVALID".equals(e.metadata().get("ledgerReason"))) {
                throw IdentityException.field(Reason.SIGNATURE_INVALID, "device_signature",
                    "does not verify with the device key over the challenge's payload_to_sign");
            }
            if (e.identityReason() == Reason.LEDGER_CONFLICT) {
                throw IdentityException.about(Reason.DID_ALREADY_ENROLLED, "did", did.toString(),
                    did + " already exists on the ledger: " + e.getMessage());
            }
            throw e;
        }
    }

    private static SignedTransaction signed(Challenge challenge, byte[] signature) {
        try {
            return SignedTransaction.of(challenge.payload(),
                List.of(new TransactionSignature(challenge.verificationMethod(), signature)));
        } catch (FormatException e) {
            throw new IllegalStateException("a challenge's payload is always a transaction", e);
        }
    }
}
