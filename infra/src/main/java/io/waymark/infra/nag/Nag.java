package io.waymark.infra.nag;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import io.github.cdklabs.cdknag.RegexAppliesTo;
import java.util.Arrays;
import java.util.List;
import software.constructs.IConstruct;

/**
 * cdk-nag suppressions, always attached to the narrowest construct (children included) and always
 * with the reason a reviewer reads in the nag report.
 */
public final class Nag {

    private Nag() {}

    /** A suppression of one rule for every finding on the construct. */
    public static NagPackSuppression rule(String id, String reason) {
        return NagPackSuppression.builder().id("AwsSolutions-" + id).reason(reason).build();
    }

    /**
     * A suppression of one rule limited to the listed findings (e.g. {@code Resource::*} of IAM5).
     */
    public static NagPackSuppression rule(String id, String reason, String... appliesTo) {
        return NagPackSuppression.builder()
                .id("AwsSolutions-" + id)
                .reason(reason)
                .appliesTo(Arrays.asList(appliesTo))
                .build();
    }

    /**
     * A suppression limited to findings matching a regular expression (logical IDs carry hashes).
     */
    public static NagPackSuppression ruleMatching(String id, String reason, String regex) {
        return NagPackSuppression.builder()
                .id("AwsSolutions-" + id)
                .reason(reason)
                .appliesTo(List.of(RegexAppliesTo.builder().regex(regex).build()))
                .build();
    }

    /** Suppresses on {@code construct} and everything below it. */
    public static void suppress(IConstruct construct, NagPackSuppression... suppressions) {
        NagSuppressions.addResourceSuppressions(construct, List.of(suppressions), true);
    }
}
