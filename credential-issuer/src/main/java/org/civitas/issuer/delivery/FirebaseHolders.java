package org.civitas.issuer.delivery;

import com.google.firebase.auth.FirebaseAuth;
import com.google.firebase.auth.FirebaseAuthException;
import com.google.firebase.auth.FirebaseToken;
import org.civitas.issuer.IssuerException;
import org.civitas.issuer.IssuerException.Reason;
import org.civitas.sdk.FormatException;
import org.civitas.sdk.did.Did;

/**
 * Citizens signed in with Firebase: a Firebase ID token verified by firebase-admin (signature, issuer, audience,
 * expiry) whose custom claim {@code did} names the citizen's DID. identity-service sets that claim only once the
 * citizen proved control of one of the DID's device keys, so the token stands for that DID. Thread-safe.
 */
public final class FirebaseHolders {

    /** The custom claim carrying the citizen's DID. */
    public static final String DID_CLAIM = "did";

    private final FirebaseAuth auth;

    /** @param auth Firebase Auth, or {@code null} when Firebase is not configured (every token is refused) */
    public FirebaseHolders(FirebaseAuth auth) {
        this.auth = auth;
    }

    /** @throws IssuerException NOT_AUTHENTICATED with the reason */
    public Did holder(String idToken) {
        if (auth == null) {
            throw IssuerException.of(Reason.NOT_AUTHENTICATED, "Firebase sign-in is not configured on this service; "
                + "authenticate with an AuthToken signed by a device key");
        }
        FirebaseToken token;
        try {
            token = auth.verifyIdToken(idToken);
        } catch (FirebaseAuthException | IllegalArgumentException e) {
            throw IssuerException.of(Reason.NOT_AUTHENTICATED, "the Firebase ID token does not verify ("
                + (e instanceof FirebaseAuthException f ? f.getAuthErrorCode() : "malformed") + "); sign in again");
        }
        Object did = token.getClaims().get(DID_CLAIM);
        if (!(did instanceof String text)) {
            throw IssuerException.of(Reason.NOT_AUTHENTICATED, "the Firebase account is not linked to a citizen DID "
                + "yet; bind a device in the wallet first");
        }
        try {
            return Did.parse(text);
        } catch (FormatException e) {
            throw IssuerException.of(Reason.NOT_AUTHENTICATED, "the Firebase token's did claim is not a DID");
        }
    }
}
