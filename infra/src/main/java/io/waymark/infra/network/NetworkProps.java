package io.waymark.infra.network;

import io.waymark.infra.config.Profile;
import java.util.List;
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
        boolean xray) {}
