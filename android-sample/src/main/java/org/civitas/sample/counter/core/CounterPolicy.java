package org.civitas.sample.counter.core;

import org.civitas.sdk.policy.CounterPolicies;

import java.util.Locale;

/**
 * The counters a clerk can choose, with their labels for the screen. What each accepts is the SDK's
 * {@link CounterPolicies} of the same name; this enum only names them for the Android layer.
 */
public enum CounterPolicy {
    HOSPITAL("hospital", "Hospital", "医院"),
    SCHOOL("school", "School", "学校"),
    HOUSING_OFFICE("housing-office", "Housing office", "住房办"),
    COURT("court", "Court", "法院"),
    BANK("bank", "Bank", "银行");

    private final String id;
    private final String en;
    private final String zh;

    CounterPolicy(String id, String en, String zh) {
        this.id = id;
        this.en = en;
        this.zh = zh;
    }

    /** The policy's stable name, e.g. "housing-office" ({@link CounterPolicies#named}). */
    public String id() { return id; }

    public String label(Locale locale) { return "zh".equals(locale.getLanguage()) ? zh : en; }

}
