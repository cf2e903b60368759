package org.civitas.identity.device;

import com.google.firebase.auth.FirebaseAuth;
import com.google.firebase.auth.FirebaseAuthException;
import com.google.firebase.auth.FirebaseToken;
import org.civitas.identity.IdentityException;
import org.civitas.identity.IdentityException.Reason;
import org.civitas.identity.citizen.CitizenStore;
import org.civitas.sdk.FormatException;
import org.civitas.sdk.did.Did;

import java.time.Duration;
import java.util.Map;

/**
 * Citizens' Firebase accounts: an account is linked to a DID once the citizen proves control of a current device
 * key, by setting the account's custom claim {@code did} with firebase-admin; from then on the account's verified ID
 * tokens name the citizen. identity-service owns the custom claims of citizens' accounts. Thread-safe.
 */
public final class FirebaseAccounts {

    /** The custom claim that names a citizen's DID. */
    public static final String DID_CLAIM = "did";

    /** A verified Firebase user, with the DID its claim names (null until linked). */
    public record FirebaseUser(String uid, Did did) { }

    private final FirebaseAuth auth;
    private final DeviceService devices;
    private final CitizenStore citizens;

    /** @param auth null when Firebase is not configured */
    public FirebaseAccounts(FirebaseAuth auth, DeviceService devices, CitizenStore citizens) {
        this.auth = auth;
        this.devices = devices;
        this.citizens = citizens;
    }

    public boolean enabled() { return auth != null; }

    /**
     * Verifies an ID token with firebase-admin (signature by Google's current keys, project, expiry).
     *
     * @throws IdentityException FIREBASE_TOKEN_INVALID, FIREBASE_NOT_CONFIGURED
     */
    public FirebaseUser verify(String idToken) {
        if (auth == null) {
            throw IdentityException.of(Reason.FIREBASE_NOT_CONFIGURED, "this deployment has no Firebase project; "
                + "sign in with a device key instead");
        }
        FirebaseToken token;
        try {
            token = auth.verifyIdToken(idToken);
        } catch (FirebaseAuthException e) {
            throw IdentityException.of(Reason.FIREBASE_TOKEN_INVALID, "the Firebase ID token does not verify ("
                + e.getAuthErrorCode() + "); sign in again");
        } catch (IllegalArgumentException e) {
            throw IdentityException.of(Reason.FIREBASE_TOKEN_INVALID, "the Firebase ID token is malformed");
        }
        Object claim = token.getClaims().get(DID_CLAIM);
        if (claim == null) return new FirebaseUser(token.getUid(), null);
        try {
            return new FirebaseUser(token.getUid(), Did.parse(claim.toString()));
        } catch (FormatException e) {
            throw IdentityException.of(Reason.FIREBASE_TOKEN_INVALID, "the token's did claim is not a DID");
        }
    }

    /** Links the account of {@code idToken} to the DID whose device signed the SIGN_IN challenge. */
    public String link(String requestKey, String challengeId, Did did, DeviceSignature signature, String idToken) {
        FirebaseUser user = verify(idToken);
        if (user.did() != null && !user.did().equals(did)) {
            throw IdentityException.of(Reason.FIREBASE_ACCOUNT_LINKED_ELSEWHERE, "this Firebase account is linked to "
                + "another DID; unlink it there first");
        }
        devices.proveControl(requestKey, challengeId, did, signature);
        try {
            auth.setCustomUserClaims(user.uid(), Map.of(DID_CLAIM, did.toString()));
        } catch (FirebaseAuthException e) {
            throw IdentityException.retryable(Reason.FIREBASE_UNAVAILABLE, "Firebase cannot set the account's claim "
                + "now (" + e.getAuthErrorCode() + "); retry with the same request_id", Duration.ofSeconds(2));
        }
        citizens.linkFirebaseUid(did, user.uid());
        return user.uid();
    }
}
