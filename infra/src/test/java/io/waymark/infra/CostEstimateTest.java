package io.waymark.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.waymark.infra.config.DatabaseKind;
import io.waymark.infra.config.Ingress;
import io.waymark.infra.config.Profile;
import io.waymark.infra.config.Tracing;
import io.waymark.infra.cost.CostEstimate;
import io.waymark.infra.cost.CostLine;
import io.waymark.infra.cost.PriceTable;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The estimate is read from the synthesized template, so it follows what the stacks really make.
 */
class CostEstimateTest {

    private static final PriceTable PRICES = PriceTable.usEast1();

    @SuppressWarnings("unchecked")
    private static CostEstimate estimate(int combinationIndex) {
        var template =
                (Map<String, Object>)
                        Synthesized.of(Combination.ALLOWED.get(combinationIndex))
                                .template()
                                .toJSON();
        return new CostEstimate(template, PRICES);
    }

    private static List<String> items(CostEstimate estimate, double rps) {
        return estimate.lines(rps).stream().map(CostLine::item).toList();
    }

    @Test
    void priceTableCarriesItsDateAndRegion() {
        assertThat(PRICES.asOf()).matches("\\d{4}-\\d{2}-\\d{2}");
        assertThat(PRICES.region()).isEqualTo("us-east-1");
    }

    @Test
    void leanHasNoNatLoadBalancerEndpointsOrDatabaseServerLines() {
        var items = items(estimate(0), 10);

        assertThat(items)
                .noneMatch(
                        item ->
                                item.contains("NAT")
                                        || item.contains("Load Balancer")
                                        || item.contains("endpoints")
                                        || item.contains("RDS")
                                        || item.contains("DocumentDB"));
        assertThat(items)
                .contains(
                        "EFS storage + backup",
                        "API Gateway HTTP API",
                        "Lambda authorizer",
                        "Public IPv4 addresses");
    }

    @Test
    void leanFargateLineIsOneQuarterVcpuHalfGbArmTask() {
        double expected =
                (0.25 * PRICES.get("fargate.arm64.vcpu-hour")
                                + 0.5 * PRICES.get("fargate.arm64.gb-hour"))
                        * PRICES.hoursPerMonth();
        var fargate =
                estimate(0).lines(0).stream()
                        .filter(line -> line.item().startsWith("Fargate"))
                        .toList();

        assertThat(fargate)
                .singleElement()
                .satisfies(line -> assertThat(line.monthly()).isCloseTo(expected, within(0.001)));
    }

    @Test
    void standardWithAlbPaysForTheBalancerTheMultiAzDatabaseAndEndpointsButNoHttpApi() {
        var items = items(estimate(3), 10);

        assertThat(items)
                .contains(
                        "Application Load Balancer",
                        "RDS PostgreSQL db.t4g.micro Multi-AZ",
                        "VPC interface endpoints",
                        "Container Insights metrics");
        assertThat(items)
                .doesNotContain("API Gateway HTTP API", "NAT gateways", "EFS storage + backup");
    }

    @Test
    void requestDrivenLinesAreZeroAtIdleAndGrowWithTraffic() {
        var lean = estimate(0);
        double idleApi =
                lean.lines(0).stream()
                        .filter(l -> l.item().equals("API Gateway HTTP API"))
                        .findFirst()
                        .orElseThrow()
                        .monthly();
        double busyApi =
                lean.lines(10).stream()
                        .filter(l -> l.item().equals("API Gateway HTTP API"))
                        .findFirst()
                        .orElseThrow()
                        .monthly();

        assertThat(idleApi).isZero();
        // 10 req/s for a 730-hour month is 26.28 M requests
        assertThat(busyApi)
                .isCloseTo(26.28 * PRICES.get("apigateway.http.million-requests"), within(0.01));
        assertThat(lean.total(10)).isGreaterThan(lean.total(0));
    }

    @Test
    void routeMetricsAreInEveryEstimateAndTracesOnlyWithTheCollector() {
        var lean = items(estimate(0), 10);
        int leanXray =
                Combination.ALLOWED.indexOf(
                        new Combination(
                                Profile.LEAN,
                                Ingress.APIGATEWAY,
                                DatabaseKind.SQLITE,
                                "dev",
                                false,
                                Tracing.XRAY));
        var traced = estimate(leanXray).lines(10);

        assertThat(lean)
                .contains(
                        "CloudWatch custom metrics (per route, from the service's EMF log lines)",
                        "CloudWatch Metrics Insights alarms (worst route)");
        assertThat(lean).noneMatch(item -> item.startsWith("X-Ray"));
        // 26.28 M requests, a tenth of them traced
        assertThat(traced)
                .filteredOn(line -> line.item().startsWith("X-Ray"))
                .singleElement()
                .satisfies(
                        line ->
                                assertThat(line.monthly())
                                        .isCloseTo(
                                                2.628 * PRICES.get("xray.million-traces-recorded"),
                                                within(0.01)));
    }

    @Test
    void leanIsAFewDollarsAndStandardCostsMore() {
        // 20 until issue 19 added the key-encryption key's secret ($0.40 a month).
        assertThat(estimate(0).total(0)).isLessThan(20.5);
        assertThat(estimate(1).total(0)).isGreaterThan(estimate(0).total(0) * 3);
    }
}
