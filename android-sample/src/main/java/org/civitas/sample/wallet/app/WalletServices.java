package org.civitas.sample.wallet.app;

import android.content.Context;
import android.content.SharedPreferences;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.civitas.sample.android.Channels;
import org.civitas.sample.wallet.core.HeldCredential;
import org.civitas.sample.wallet.core.WalletCore;
import org.civitas.sdk.FormatException;
import org.civitas.sdk.jcs.IJson;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The wallet's wiring: where the deployment is, the core over OkHttp channels and the keystore key, and what is kept
 * between runs (the enrolment and the credentials) in the app's private preferences.
 */
final class WalletServices {

    static final String PREFERENCES = "civitas-wallet";
    /** Intent extras (and preference keys) that point the app at a deployment. */
    static final String IDENTITY = "identity";
    static final String ISSUER = "issuer";
    static final String PLAINTEXT = "plaintext";
    /**
     * This device's Firebase Cloud Messaging token, registered once the enrolment is confirmed. An app that ships the
     * Firebase SDK passes what {@code FirebaseMessaging.getToken()} gives (the SDK is an AndroidX/Play services aar
     * that this build does not link).
     */
    static final String FCM_TOKEN = "fcmToken";

    private static WalletCore core;

    private WalletServices() { }

    static SharedPreferences preferences(Context context) {
        return context.getSharedPreferences(PREFERENCES, Context.MODE_PRIVATE);
    }

    /** The core, made on first use (the keystore key is made then too). */
    static synchronized WalletCore core(Context context) {
        if (core == null) {
            SharedPreferences p = preferences(context);
            boolean plaintext = p.getBoolean(PLAINTEXT, false);
            core = new WalletCore(Channels.open(p.getString(IDENTITY, "localhost:7200"), plaintext),
                Channels.open(p.getString(ISSUER, "localhost:7300"), plaintext),
                KeystoreDeviceKey.loadOrCreate(context.getPackageManager()), Clock.systemUTC(), state(p));
        }
        return core;
    }

    /** Replaces the core, e.g. with one on a software key where no keystore exists. */
    static synchronized void use(WalletCore replacement) { core = replacement; }

    static WalletCore.State state(SharedPreferences p) {
        String did = p.getString("did", null);
        return did == null ? null : new WalletCore.State(did, p.getString("verificationMethod", ""),
            p.getString("deviceId", ""));
    }

    static void saveState(Context context, WalletCore.State state) {
        preferences(context).edit().putString("did", state.did())
            .putString("verificationMethod", state.verificationMethod()).putString("deviceId", state.deviceId()).apply();
    }

    static void saveCredentials(Context context, List<HeldCredential> credentials) {
        ArrayNode array = IJson.mapper().createArrayNode();
        for (HeldCredential c : credentials) array.add(toJson(c));
        preferences(context).edit().putString("credentials", array.toString()).apply();
    }

    static List<HeldCredential> credentials(Context context) {
        List<HeldCredential> held = new ArrayList<>();
        String text = preferences(context).getString("credentials", "[]");
        try {
            for (JsonNode c : IJson.parse("stored credentials", text)) held.add(fromJson((ObjectNode) c));
        } catch (FormatException | ClassCastException e) {
            // a damaged cache is refetched on the next refresh
        }
        return held;
    }

    static ObjectNode toJson(HeldCredential c) {
        ObjectNode json = IJson.mapper().createObjectNode();
        json.put("id", c.id()).put("type", c.type()).put("issuer", c.issuer());
        if (c.validUntil() != null) json.put("validUntil", c.validUntil().toString());
        json.set("credential", c.json());
        return json;
    }

    static HeldCredential fromJson(ObjectNode json) {
        String validUntil = json.path("validUntil").asText(null);
        return new HeldCredential(json.path("id").asText(), json.path("type").asText(), json.path("issuer").asText(),
            validUntil == null ? null : Instant.parse(validUntil), (ObjectNode) json.get("credential"));
    }
}
