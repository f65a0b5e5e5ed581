package io.waymark.infra.cost;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.repository.RepositoryFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The docs' cost figures come from this report (issue 23, item 6): every profile it names must
 * synthesize and be priced, and the table in docs/deploying-to-aws.md and the README's lean figure
 * are exactly what it computes. On a difference the failure prints the new table to paste (or
 * {@code CostReport --markdown}).
 */
class CostReportTest {

    static final String BEGIN = "<!-- cost table: CostReport --markdown 10; CostReportTest -->\n";
    static final String END = "<!-- end of cost table -->";

    static Map<String, CostEstimate> estimates;

    @BeforeAll
    static void synthesizeEveryProfileOnce() {
        estimates = new LinkedHashMap<>();
        CostReport.PROFILES.forEach(
                (label, overrides) ->
                        estimates.put(
                                label,
                                new CostEstimate(
                                        CostReport.synthesize(overrides), PriceTable.usEast1())));
    }

    @Test
    void everyProfileOfTheReportSynthesizesAndHasATotal() {
        var out = new ByteArrayOutputStream();

        CostReport.print(
                new PrintStream(out, true, StandardCharsets.UTF_8), PriceTable.usEast1(), 10);

        String report = out.toString(StandardCharsets.UTF_8);
        assertThat(CostReport.PROFILES.keySet())
                .allSatisfy(label -> assertThat(report).contains(label));
        assertThat(report.lines().filter(line -> line.strip().startsWith("TOTAL")))
                .hasSize(CostReport.PROFILES.size());
    }

    @Test
    void theAwsDocShowsTheTableTheReportComputes() throws IOException {
        String table = CostReport.markdown(estimates, 10);
        String doc = Files.readString(doc());

        int begin = doc.indexOf(BEGIN);
        int end = doc.indexOf(END);
        assertThat(begin)
                .as("docs/deploying-to-aws.md marks its cost table with %s", BEGIN.strip())
                .isNotNegative();
        assertThat(doc.substring(begin + BEGIN.length(), end))
                .as(
                        "the cost table in docs/deploying-to-aws.md differs from what CostReport"
                                + " computes; the new table is:%n%s",
                        table)
                .isEqualTo(table);
    }

    @Test
    void theReadmeQuotesTheLeanIdleTotal() throws IOException {
        String lean = CostReport.money(estimates.values().iterator().next().total(0));
        String readme = Files.readString(RepositoryFiles.root().resolve("README.md"));

        assertThat(readme)
                .as("README.md quotes the lean deployment's idle cost as CostReport computes it")
                .contains("$" + lean + " a month");
    }

    private static Path doc() {
        return RepositoryFiles.root().resolve("docs/deploying-to-aws.md");
    }
}
