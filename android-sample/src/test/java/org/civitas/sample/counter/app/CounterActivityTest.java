package org.civitas.sample.counter.app;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.robolectric.Robolectric;
import org.robolectric.RobolectricTestRunner;
import org.robolectric.RuntimeEnvironment;
import org.robolectric.annotation.Config;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

@RunWith(RobolectricTestRunner.class)
@Config(sdk = 34)
public class CounterActivityTest {

    @Test
    public void withoutTrustDataTheCounterAsksForARefreshAndOffersEveryPolicy() {
        CounterActivity activity = Robolectric.buildActivity(CounterActivity.class).setup().get();
        assertEquals("No trust data yet: refresh while online", activity.trustStatus.getText().toString());
        assertEquals(5, activity.policies.getAdapter().getCount());
        assertEquals("Hospital", activity.policies.getAdapter().getItem(0));
    }

    @Test
    public void scannedTextThatIsNoPresentationIsRefusedInLargeTypeWithTheReason() throws Exception {
        Files.write(new File(RuntimeEnvironment.getApplication().getFilesDir(), CounterActivity.TRUST_FILE).toPath(),
            "{\"asOf\":\"2026-12-01T08:00:00Z\",\"didDocuments\":[],\"statusLists\":[]}".getBytes(StandardCharsets.UTF_8));
        CounterActivity activity = Robolectric.buildActivity(CounterActivity.class).setup().get();
        assertEquals("Trust data as of 2026-12-01T08:00:00Z", activity.trustStatus.getText().toString());
        activity.onScanned("CIV1:not-base45!");
        assertEquals("REFUSED", activity.headline.getText().toString());
        assertTrue(activity.headline.getTextSize() >= 56);
        assertTrue(activity.reasons.getText().toString().startsWith("Not a Civitas presentation"));
    }

    @Test
    @Config(qualifiers = "zh")
    public void chineseCounterShowsTheOutcomeInChinese() throws Exception {
        Files.write(new File(RuntimeEnvironment.getApplication().getFilesDir(), CounterActivity.TRUST_FILE).toPath(),
            "{\"asOf\":\"2026-12-01T08:00:00Z\",\"didDocuments\":[],\"statusLists\":[]}".getBytes(StandardCharsets.UTF_8));
        CounterActivity activity = Robolectric.buildActivity(CounterActivity.class).setup().get();
        assertEquals("医院", activity.policies.getAdapter().getItem(0));
        activity.onScanned("{}");
        assertEquals("核验未通过", activity.headline.getText().toString());
    }
}
