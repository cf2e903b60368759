package org.civitas.sample.wallet.app;

import android.content.Intent;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.civitas.sample.android.Channels;
import org.civitas.sample.fixtures.Bitmaps;
import org.civitas.sample.wallet.core.SoftwareDeviceKey;
import org.civitas.sample.wallet.core.WalletCore;
import org.civitas.sdk.qr.QrCodec;
import org.civitas.sdk.did.DidKey;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.robolectric.Robolectric;
import org.robolectric.RobolectricTestRunner;
import org.robolectric.RuntimeEnvironment;
import org.robolectric.annotation.Config;

import java.time.Clock;
import java.util.List;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

@RunWith(RobolectricTestRunner.class)
@Config(sdk = 34)
public class CredentialActivityTest {

    private CredentialActivity open() {
        Intent intent = new Intent(RuntimeEnvironment.getApplication(), CredentialActivity.class)
            .putExtra(CredentialActivity.CREDENTIAL, WalletServices.toJson(WalletActivityTest.diploma()).toString());
        return Robolectric.buildActivity(CredentialActivity.class, intent).setup().get();
    }

    @Test
    public void showsTheTypeIssuerValidityAndClaims() {
        CredentialActivity activity = open();
        assertEquals("Diploma", activity.title.getText().toString());
        String details = activity.details.getText().toString();
        assertTrue(details, details.contains("Issued by did:civitas:university"));
        assertTrue(details, details.contains("Valid until 2030-01-01T00:00:00Z"));
        assertTrue(details, details.contains("institution: Fudan University"));
    }

    @Test
    public void oneWayQrCarriesTheHolderSignedPresentation() throws Exception {
        SoftwareDeviceKey key = SoftwareDeviceKey.generateP256();
        WalletCore core = new WalletCore(Channels.open("localhost:1", true), Channels.open("localhost:1", true),
            key, Clock.systemUTC(), new WalletCore.State("did:civitas:holder", "did:civitas:holder#device-1", "device-1"));
        CredentialActivity activity = open();
        activity.showQr(core.oneWay(List.of(activity.credential)));
        ObjectNode presentation = QrCodec.decode(Bitmaps.qrText(activity.qr));
        // signed by the did:key of the device key, which counters bind to the citizen's did:civitas offline
        assertEquals(DidKey.verificationMethodId(key.publicKey()),
            presentation.path("proof").path("verificationMethod").asText());
        assertFalse(presentation.has("holder"));
        assertEquals("authentication", presentation.path("proof").path("proofPurpose").asText());
    }
}
