package io.waymark.infra.network;

import io.soabase.recordbuilder.core.RecordBuilder;
import io.waymark.infra.config.Profile;
import java.util.List;
import java.util.Objects;
import software.amazon.awscdk.services.logs.RetentionDays;

/**
 * Settings of the {@link Network}.
 *
 * @param profile lean: one AZ, public subnet only; standard: two AZs with isolated private subnets
 * @param logRetention retention of the VPC flow logs
 * @param availabilityZoneIds AZ IDs the subnets are pinned to, one per AZ; empty leaves them to
 *     Fn::GetAZs
 * @param xray whether the tasks send traces to X-Ray (standard: one more interface endpoint)
 */
@RecordBuilder
@RecordBuilder.Options(useImmutableCollections = true)
public record NetworkProps(
        Profile profile,
        RetentionDays logRetention,
        List<String> availabilityZoneIds,
        boolean xray) {

    public NetworkProps {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(logRetention, "logRetention");
    }

    /**
     * A builder, as CDK's own {@code …Props.builder()}: every field must be set but the optional
     * ones, which default to empty.
     */
    public static NetworkPropsBuilder builder() {
        return NetworkPropsBuilder.builder();
    }
}
