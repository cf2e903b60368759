package org.civitas.sdk;

import java.util.Objects;

/**
 * Why a check came out as it did, in words a counter clerk can read, in English and Chinese, e.g.
 * {@code Reason.of("Revoked by the issuer on 2026-03-02", "已被签发机构于2026-03-02撤销")}. Immutable.
 *
 * @param en the English text
 * @param zh the Chinese (简体中文) text
 */
public record Reason(String en, String zh) {

    public Reason {
        Objects.requireNonNull(en, "en");
        Objects.requireNonNull(zh, "zh");
    }

    public static Reason of(String en, String zh) { return new Reason(en, zh); }

    @Override public String toString() { return en; }
}
