package io.waymark.infra.network;

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
public record NetworkProps(
        Profile profile,
        RetentionDays logRetention,
        List<String> availabilityZoneIds,
        boolean xray) {

    /** A builder: every field must be set but the optional ones, which default to empty. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link NetworkProps} field by field, as CDK's own {@code …Props.builder()}. */
    public static final class Builder {
        private Profile profile;
        private RetentionDays logRetention;
        private List<String> availabilityZoneIds = List.of();
        private boolean xray;

        private Builder() {}

        public Builder profile(Profile profile) {
            this.profile = profile;
            return this;
        }

        public Builder logRetention(RetentionDays logRetention) {
            this.logRetention = logRetention;
            return this;
        }

        public Builder availabilityZoneIds(List<String> availabilityZoneIds) {
            this.availabilityZoneIds = availabilityZoneIds;
            return this;
        }

        public Builder xray(boolean xray) {
            this.xray = xray;
            return this;
        }

        public NetworkProps build() {
            return new NetworkProps(
                    Objects.requireNonNull(profile, "profile"),
                    Objects.requireNonNull(logRetention, "logRetention"),
                    availabilityZoneIds,
                    xray);
        }
    }
}
