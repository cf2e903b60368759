package org.civitas.sample.counter.core;

import org.civitas.sdk.Reason;

import java.util.List;
import java.util.Locale;

/**
 * What the counter's screen shows after a scan: the outcome in large type, then the reasons (the failed checks
 * first, in the clerk's language) and the credentials presented.
 *
 * @param accepted    whether every check passed and the policy accepts the credentials
 * @param holder      the presenting holder's DID, empty when the input did not parse
 * @param credentials the presented credentials' types
 * @param reasons     why it was refused (failed checks), or what was checked when accepted
 */
public record CounterResult(boolean accepted, String holder, List<String> credentials, List<Reason> reasons) {

    public CounterResult {
        credentials = List.copyOf(credentials);
        reasons = List.copyOf(reasons);
    }

    /** The headline: accepted or refused. */
    public String headline(Locale locale) {
        boolean zh = "zh".equals(locale.getLanguage());
        if (accepted) return zh ? "核验通过" : "ACCEPTED";
        return zh ? "核验未通过" : "REFUSED";
    }

    /** The reasons in the clerk's language. */
    public List<String> reasonLines(Locale locale) {
        boolean zh = "zh".equals(locale.getLanguage());
        return reasons.stream().map(r -> zh ? r.zh() : r.en()).toList();
    }
}
