package io.waymark.infra.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The AZ IDs where API Gateway HTTP API VPC links can be created, from the "Availability by Region"
 * table of the API Gateway developer guide (Set up VPC links for HTTP APIs). A VPC link in any
 * other AZ (use1-az3, for one) fails to create, so the default subnets come from this table in the
 * listed order. Regions missing here need {@code -c availabilityZoneIds=...}; add a region only
 * from AWS's table.
 */
final class VpcLinkZones {

    private static final Map<String, List<String>> SUPPORTED =
            Map.of(
                    "us-east-1",
                            List.of("use1-az1", "use1-az2", "use1-az4", "use1-az5", "use1-az6"),
                    "us-east-2", List.of("use2-az1", "use2-az2", "use2-az3"),
                    "us-west-1", List.of("usw1-az1", "usw1-az3"),
                    "us-west-2", List.of("usw2-az1", "usw2-az2", "usw2-az3", "usw2-az4"),
                    "ap-east-1", List.of("ape1-az2", "ape1-az3"),
                    "ap-south-1", List.of("aps1-az1", "aps1-az2", "aps1-az3"),
                    "ap-northeast-2", List.of("apne2-az1", "apne2-az2", "apne2-az3"),
                    "ap-southeast-1", List.of("apse1-az1", "apse1-az2", "apse1-az3"));

    private VpcLinkZones() {}

    static Optional<List<String>> supported(String region) {
        return Optional.ofNullable(SUPPORTED.get(region));
    }
}
