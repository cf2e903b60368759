package org.civitas.sdk.ledger.state;

import org.civitas.sdk.Reason;
import org.civitas.sdk.did.Did;
import org.civitas.sdk.ledger.Transaction;
import org.civitas.sdk.trust.Accreditation;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * How the ledger evaluates the three-tier accreditation chain: the national root (from genesis) grants provincial
 * roots, which grant agencies named credential types in named regions. An agency is accredited for a type and
 * region at a time when it holds an AGENCY grant covering both, in force then, from a provincial root whose own
 * grant from the national root covered both and was in force then. The ledger validates transactions with it and
 * an offline trust bundle answers verifiers with it, so both always agree. Stateless and thread-safe.
 */
public final class Accreditations {

    /**
     * The credential type whose agency accreditation makes an agency a registrar: it enrols citizens in its regions
     * and, after proofing a citizen's identity again, may authorise the recovery of that citizen's DID (revoking a
     * lost last device, binding a new one) on the ledger.
     */
    public static final String CITIZEN_ENROLMENT = "CitizenEnrolment";

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
        .withZone(ZoneOffset.UTC);

    private Accreditations() { }

    /** Whether {@code subject} was an accredited agency for the type and region at {@code time}. */
    public static boolean isAgencyAt(Iterable<Grant> grants, Did nationalRoot, Did subject, String type,
                                     String region, Instant time) {
        return agencyGrant(grants, nationalRoot, subject, type, region, time) != null;
    }

    /** Whether {@code root} held a provincial-root grant from the national root covering type and region. */
    public static boolean isProvincialRootAt(Iterable<Grant> grants, Did nationalRoot, Did root, String type,
                                             String region, Instant time) {
        return rootGrant(grants, nationalRoot, root, type, region, time) != null;
    }

    /** Whether {@code subject} held any agency grant for the type in force at {@code time}, in any region. */
    public static boolean isAccreditedForType(Iterable<Grant> grants, Did nationalRoot, Did subject, String type,
                                              Instant time) {
        for (Grant g : grants) {
            if (isAgencyGrantFor(g, subject, type, time)) {
                for (String region : g.grant().regions()) {
                    if (isProvincialRootAt(grants, nationalRoot, g.grant().accreditor(), type, region, time)) return true;
                }
            }
        }
        return false;
    }

    /**
     * The same verdict as {@link #isAgencyAt}, with a reason a clerk can read: who granted it, or what is missing
     * (no grant at all, a grant withdrawn or expired by then, or a provincial root without a grant covering it).
     *
     */
    public static Accreditation evaluate(Iterable<Grant> grants, Did nationalRoot, Did subject, String type,
                                   String region, Instant time) {
        Grant agency = agencyGrant(grants, nationalRoot, subject, type, region, time);
        String when = WHEN.format(time);
        if (agency != null) {
            Did root = agency.grant().accreditor();
            return Accreditation.granted(Reason.of(
                subject + " was accredited for " + type + " in region " + region + " on " + when + " by " + root
                    + ", itself accredited by the national root",
                subject + " 于 " + when + " 已获 " + root + " 授权签发 " + type + "（地区 " + region + "），该机构已获国家根授权"));
        }
        boolean anyGrant = false;
        boolean rootMissing = false;
        for (Grant g : grants) {
            if (!g.grant().subject().equals(subject) || g.grant().tier() != Transaction.Tier.AGENCY
                    || !g.coversType(type) || !g.coversRegion(region)) continue;
            anyGrant = true;
            if (g.activeAt(time)) rootMissing = true;
        }
        if (rootMissing) {
            return Accreditation.refused(Reason.of(
                "The provincial root that accredited " + subject + " held no grant covering " + type + " in region "
                    + region + " on " + when,
                "授权 " + subject + " 的省级根机构在 " + when + " 没有涵盖 " + type + "（地区 " + region + "）的授权"));
        }
        if (anyGrant) {
            return Accreditation.refused(Reason.of(
                subject + "'s accreditation for " + type + " in region " + region + " was withdrawn, expired or not yet "
                    + "in force on " + when,
                subject + " 签发 " + type + "（地区 " + region + "）的授权在 " + when + " 已撤销、已过期或尚未生效"));
        }
        return Accreditation.refused(Reason.of(
            subject + " has never been accredited for " + type + " in region " + region,
            subject + " 从未获授权签发 " + type + "（地区 " + region + "）"));
    }

    private static Grant agencyGrant(Iterable<Grant> grants, Did nationalRoot, Did subject, String type,
                                     String region, Instant time) {
        for (Grant g : grants) {
            if (isAgencyGrantFor(g, subject, type, time) && g.coversRegion(region)
                    && isProvincialRootAt(grants, nationalRoot, g.grant().accreditor(), type, region, time)) return g;
        }
        return null;
    }

    private static boolean isAgencyGrantFor(Grant g, Did subject, String type, Instant time) {
        return g.grant().subject().equals(subject) && g.grant().tier() == Transaction.Tier.AGENCY
            && g.activeAt(time) && g.coversType(type);
    }

    private static Grant rootGrant(Iterable<Grant> grants, Did nationalRoot, Did root, String type, String region,
                                   Instant time) {
        for (Grant g : grants) {
            if (g.grant().subject().equals(root) && g.grant().tier() == Transaction.Tier.PROVINCIAL_ROOT
                    && g.activeAt(time) && g.grant().accreditor().equals(nationalRoot)
                    && g.coversType(type) && g.coversRegion(region)) return g;
        }
        return null;
    }
}
