package io.waymark.infra;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.infra.config.Ingress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Item 5: the VPC link's subnets lie in AZs where HTTP API VPC links exist (not, e.g., use1-az3).
 */
@SuppressWarnings("unchecked")
class AvailabilityZonesTest {

    // AWS's list for us-east-1 (API Gateway developer guide, "Set up VPC links for HTTP APIs").
    private static final List<String> US_EAST_1_VPC_LINK_ZONES =
            List.of("use1-az1", "use1-az2", "use1-az4", "use1-az5", "use1-az6");

    static Stream<Combination> apiGateway() {
        return Combination.ALLOWED.stream().filter(c -> c.ingress() == Ingress.APIGATEWAY);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("apiGateway")
    void everySubnetOfTheVpcLinkIsPinnedToASupportedZoneId(Combination combination) {
        var synthesized = Synthesized.of(combination);
        var subnets = synthesized.resources("AWS::EC2::Subnet");
        var link = synthesized.resources("AWS::ApiGatewayV2::VpcLink").values().iterator().next();
        var linkSubnets =
                (List<Map<String, Object>>)
                        ((Map<String, Object>) link.get("Properties")).get("SubnetIds");
        assertThat(linkSubnets).hasSize(combination.lean() ? 1 : 2);
        List<Object> zones =
                linkSubnets.stream()
                        .map(ref -> properties(subnets.get((String) ref.get("Ref"))))
                        .peek(subnet -> assertThat(subnet).doesNotContainKey("AvailabilityZone"))
                        .map(subnet -> subnet.get("AvailabilityZoneId"))
                        .toList();
        assertThat(zones)
                .doesNotHaveDuplicates()
                .allSatisfy(zone -> assertThat(US_EAST_1_VPC_LINK_ZONES).contains((String) zone));
    }

    @Test
    void explicitZoneIdsWinAndNoSubnetAssignsPublicAddressesOnItsOwn() {
        Map<String, Object> context = new HashMap<>(Combination.ALLOWED.get(1).context());
        context.put("availabilityZoneIds", "use1-az6,use1-az4");
        var synthesized = Synthesized.of("zones-explicit", context, "Waymark-dev");
        var subnets =
                synthesized.resources("AWS::EC2::Subnet").values().stream()
                        .map(AvailabilityZonesTest::properties)
                        .toList();
        assertThat(subnets)
                .extracting(subnet -> subnet.get("AvailabilityZoneId"))
                .containsOnly("use1-az6", "use1-az4");
        assertThat(subnets)
                .allSatisfy(
                        subnet -> assertThat(subnet).containsEntry("MapPublicIpOnLaunch", false));
    }

    private static Map<String, Object> properties(Map<String, Object> resource) {
        return (Map<String, Object>) resource.get("Properties");
    }
}
