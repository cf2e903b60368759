package org.civitas.sample.wallet.app;

import android.widget.ListView;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.civitas.sample.fixtures.Bitmaps;
import org.civitas.sample.wallet.core.Enrolment;
import org.civitas.sample.wallet.core.HeldCredential;
import org.civitas.sample.wallet.core.WalletCore;
import org.civitas.sdk.jcs.IJson;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.robolectric.Robolectric;
import org.robolectric.RobolectricTestRunner;
import org.robolectric.RuntimeEnvironment;
import org.robolectric.annotation.Config;

import java.time.Instant;
import java.util.List;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

@RunWith(RobolectricTestRunner.class)
@Config(sdk = 34)
public class WalletActivityTest {

    @Test
    public void newWalletSaysItIsNotEnrolledAndHoldsNothing() {
        WalletActivity activity = Robolectric.buildActivity(WalletActivity.class).setup().get();
        assertEquals("This device is not enrolled yet", activity.status.getText().toString());
        assertEquals("No credentials yet", activity.list.getAdapter().getItem(0));
    }

    @Test
    @Config(qualifiers = "zh")
    public void enrolledWalletListsItsCredentialsInChinese() {
        WalletServices.saveState(RuntimeEnvironment.getApplication(),
            new WalletCore.State("did:civitas:holder", "did:civitas:holder#device-1", "device-1"));
        WalletServices.saveCredentials(RuntimeEnvironment.getApplication(), List.of(diploma()));
        WalletActivity activity = Robolectric.buildActivity(WalletActivity.class).setup().get();
        assertEquals("已登记：did:civitas:holder", activity.status.getText().toString());
        ListView list = activity.list;
        assertEquals("毕业证书", list.getAdapter().getItem(0));
    }

    @Test
    public void startedEnrolmentShowsTheRegistrarACodeWithTheChallengeAndSignature() throws Exception {
        WalletActivity activity = Robolectric.buildActivity(WalletActivity.class).setup().get();
        activity.showEnrolment(new Enrolment("challenge-7", new byte[] {1, 2, 3}, "did:civitas:x", "did:civitas:x#device-1"));
        assertEquals("CIV1E:challenge-7.AQID", Bitmaps.qrText(activity.enrolmentQr));
    }

    static HeldCredential diploma() {
        ObjectNode vc = IJson.mapper().createObjectNode();
        vc.putArray("type").add("VerifiableCredential").add("Diploma");
        vc.putObject("credentialSubject").put("id", "did:civitas:holder").put("degree", "master")
            .put("institution", "Fudan University");
        return new HeldCredential("urn:uuid:1", "Diploma", "did:civitas:university", Instant.parse("2030-01-01T00:00:00Z"), vc);
    }
}
