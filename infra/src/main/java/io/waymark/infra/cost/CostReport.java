package io.waymark.infra.cost;

import static io.waymark.infra.config.ContextKey.AUTHORIZER_JAR;
import static io.waymark.infra.config.ContextKey.CERTIFICATE_ARN;
import static io.waymark.infra.config.ContextKey.DOMAIN;
import static io.waymark.infra.config.ContextKey.ENV;
import static io.waymark.infra.config.ContextKey.IMAGE_TAG;
import static io.waymark.infra.config.ContextKey.INGRESS;
import static io.waymark.infra.config.ContextKey.PROFILE;
import static io.waymark.infra.config.ContextKey.REGION;

import io.waymark.infra.WaymarkApp;
import io.waymark.infra.config.DeploymentConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awscdk.App;

/**
 * Prints the monthly estimate of each profile's synthesized stack at idle and at a steady request
 * rate: {@code ./mvnw -q -pl infra -am compile exec:java
 * -Dexec.mainClass=io.waymark.infra.cost.CostReport [-Dexec.args=10]}.
 */
public final class CostReport {

    /** The deployments the README compares, by label. */
    static final Map<String, Map<String, Object>> PROFILES = new LinkedHashMap<>();

    static {
        PROFILES.put("lean (apigateway, sqlite)", Map.of(PROFILE.key(), "lean"));
        PROFILES.put("standard (apigateway, postgres)", Map.of(PROFILE.key(), "standard"));
        // An ALB serves HTTPS on a domain (synth refuses plain HTTP); the certificate does not
        // change the price.
        PROFILES.put(
                "standard (alb, postgres)",
                Map.of(
                        PROFILE.key(),
                        "standard",
                        INGRESS.key(),
                        "alb",
                        DOMAIN.key(),
                        "api.example.com",
                        CERTIFICATE_ARN.key(),
                        "arn:aws:acm:us-east-1:123456789012:certificate/cost-estimate"));
    }

    private CostReport() {}

    public static void main(String[] args) {
        boolean markdown = args.length > 0 && args[0].equals("--markdown");
        int first = markdown ? 1 : 0;
        double rps = args.length > first ? Double.parseDouble(args[first]) : 10;
        if (markdown) {
            System.out.print(markdown(PriceTable.usEast1(), rps));
        } else {
            print(System.out, PriceTable.usEast1(), rps);
        }
    }

    /**
     * The table docs/deploying-to-aws.md shows: one row per item, idle and busy columns per
     * profile, "–" where a profile has no such item. {@code CostTableTest} fails when the doc's
     * copy differs.
     */
    static String markdown(PriceTable prices, double rps) {
        Map<String, CostEstimate> estimates = new LinkedHashMap<>();
        PROFILES.forEach(
                (label, overrides) ->
                        estimates.put(label, new CostEstimate(synthesize(overrides), prices)));
        return markdown(estimates, rps);
    }

    static String markdown(Map<String, CostEstimate> estimates, double rps) {
        String busy = String.format(Locale.ROOT, "%.0f req/s", rps);
        Map<String, double[]> rows = new LinkedHashMap<>();
        List<String> labels = List.copyOf(estimates.keySet());
        for (int p = 0; p < labels.size(); p++) {
            CostEstimate estimate = estimates.get(labels.get(p));
            List<CostLine> idle = estimate.lines(0);
            List<CostLine> loaded = estimate.lines(rps);
            for (int i = 0; i < idle.size(); i++) {
                double[] cells =
                        rows.computeIfAbsent(idle.get(i).item(), item -> absent(labels.size()));
                cells[2 * p] = idle.get(i).monthly();
                cells[2 * p + 1] = loaded.get(i).monthly();
            }
        }
        StringBuilder table = new StringBuilder("| item |");
        StringBuilder rule = new StringBuilder("|---|");
        for (String label : labels) {
            table.append(' ').append(label).append(" idle | ").append(label);
            table.append(' ').append(busy).append(" |");
            rule.append("---:|---:|");
        }
        table.append('\n').append(rule).append('\n');
        rows.forEach(
                (item, cells) -> {
                    table.append("| ").append(item).append(" |");
                    for (double cell : cells) {
                        table.append(' ').append(money(cell)).append(" |");
                    }
                    table.append('\n');
                });
        table.append("| **total** |");
        for (CostEstimate estimate : estimates.values()) {
            table.append(" **").append(money(estimate.total(0))).append("** |");
            table.append(" **").append(money(estimate.total(rps))).append("** |");
        }
        return table.append('\n').toString();
    }

    // NaN marks a profile without the item: its cell shows "–".
    private static double[] absent(int profiles) {
        double[] cells = new double[profiles * 2];
        Arrays.fill(cells, Double.NaN);
        return cells;
    }

    static String money(double amount) {
        return Double.isNaN(amount) ? "–" : String.format(Locale.ROOT, "%.2f", amount);
    }

    static void print(PrintStream out, PriceTable prices, double rps) {
        out.printf(
                Locale.ROOT,
                "Waymark monthly estimate, %s on-demand list prices as of %s (USD, data transfer out excluded)%n%n",
                prices.region(),
                prices.asOf());
        for (var profile : PROFILES.entrySet()) {
            CostEstimate estimate = new CostEstimate(synthesize(profile.getValue()), prices);
            out.printf(Locale.ROOT, "%s%n", profile.getKey());
            out.printf(
                    Locale.ROOT,
                    "  %-40s %10s %12s%n",
                    "item",
                    "idle",
                    String.format(Locale.ROOT, "%.0f req/s", rps));
            List<CostLine> idle = estimate.lines(0);
            List<CostLine> busy = estimate.lines(rps);
            for (int i = 0; i < idle.size(); i++) {
                out.printf(
                        Locale.ROOT,
                        "  %-40s %10.2f %12.2f%n",
                        idle.get(i).item(),
                        idle.get(i).monthly(),
                        busy.get(i).monthly());
            }
            out.printf(
                    Locale.ROOT,
                    "  %-40s %10.2f %12.2f%n%n",
                    "TOTAL",
                    estimate.total(0),
                    estimate.total(rps));
        }
    }

    /**
     * The template of the service stack for {@code overrides}, synthesized exactly as {@code cdk
     * synth} would.
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> synthesize(Map<String, Object> overrides) {
        Map<String, Object> context =
                new HashMap<>(
                        Map.of(
                                IMAGE_TAG.key(),
                                "cost-estimate",
                                ENV.key(),
                                "dev",
                                REGION.key(),
                                "us-east-1"));
        context.put(AUTHORIZER_JAR.key(), authorizerAsset().toString());
        context.putAll(overrides);
        try {
            Path outdir = Files.createTempDirectory("waymark-cost");
            App app = WaymarkApp.appWithContext(context, outdir.toString());
            String stackName = "Waymark-dev";
            WaymarkApp.build(app);
            return (Map<String, Object>) app.synth().getStackByName(stackName).getTemplate();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // The estimate never runs the authorizer: without a built jar an empty stand-in keeps the asset
    // step happy.
    private static Path authorizerAsset() {
        Path jar = Path.of(DeploymentConfig.DEFAULT_AUTHORIZER_JAR);
        if (Files.exists(jar)) {
            return jar;
        }
        try {
            Path dir = Files.createTempDirectory("waymark-authorizer-stand-in");
            Files.writeString(dir.resolve("README.txt"), "stand-in for the cost estimate\n");
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
