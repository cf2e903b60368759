package org.civitas.sample.wallet.app;

import android.os.Looper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.civitas.sample.android.Channels;
import org.civitas.sample.fixtures.Bitmaps;
import org.civitas.sample.wallet.core.SoftwareDeviceKey;
import org.civitas.sample.wallet.core.WalletCore;
import org.civitas.sdk.qr.ChallengeQr;
import org.civitas.sdk.qr.QrCodec;
import org.junit.After;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.robolectric.Robolectric;
import org.robolectric.RobolectricTestRunner;
import org.robolectric.RuntimeEnvironment;
import org.robolectric.annotation.Config;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import static org.junit.Assert.assertEquals;
import static org.robolectric.Shadows.shadowOf;

@RunWith(RobolectricTestRunner.class)
@Config(sdk = 34)
public class ScanChallengeActivityTest {

    @After
    public void forgetCore() { WalletServices.use(null); }

    @Test
    public void withoutTheCameraPermissionItAsksAndWaits() {
        ScanChallengeActivity activity = Robolectric.buildActivity(ScanChallengeActivity.class).setup().get();
        assertEquals("Point the camera at the counter's code", activity.status.getText().toString());
        assertEquals(List.of("android.permission.CAMERA"),
            List.of(shadowOf(activity).getLastRequestedPermission().requestedPermissions));
    }

    @Test
    public void scannedChallengeIsAnsweredWithAPresentationQrForThatCounter() throws Exception {
        WalletServices.use(new WalletCore(Channels.open("localhost:1", true), Channels.open("localhost:1", true),
            SoftwareDeviceKey.generateP256(), Clock.systemUTC(),
            new WalletCore.State("did:civitas:holder", "did:civitas:holder#device-1", "device-1")));
        WalletServices.saveCredentials(RuntimeEnvironment.getApplication(), List.of(WalletActivityTest.diploma()));
        ScanChallengeActivity activity = Robolectric.buildActivity(ScanChallengeActivity.class).setup().get();
        ChallengeQr challenge = new ChallengeQr("q1w2e3r4t5y6u7i8o9p0aa", "counter.school.example", List.of(),
            Instant.now().plusSeconds(300));

        activity.onScanned(challenge.encode());
        long deadline = System.currentTimeMillis() + 10_000;
        while (activity.qr.getDrawable() == null && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
            shadowOf(Looper.getMainLooper()).idle();
        }

        assertEquals("Show this code to the counter", activity.status.getText().toString());
        ObjectNode presentation = QrCodec.decode(Bitmaps.qrText(activity.qr));
        assertEquals("q1w2e3r4t5y6u7i8o9p0aa", presentation.path("proof").path("challenge").asText());
        assertEquals("counter.school.example", presentation.path("proof").path("domain").asText());
        assertEquals("Diploma", presentation.path("verifiableCredential").path(0).path("type").path(1).asText());
    }
}
