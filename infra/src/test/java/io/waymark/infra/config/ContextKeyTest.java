package io.waymark.infra.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.repository.RepositoryFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The keys the app reads are the ones the deployment guide lists, and each is spelled once. */
class ContextKeyTest {

    // A row of the guide's context table: "| `key`, `key` | default | meaning |".
    private static final Pattern ROW = Pattern.compile("(?m)^\\| ((?:`[a-zA-Z]+`(?:, )?)+) \\|");
    private static final Pattern QUOTED = Pattern.compile("`([a-zA-Z]+)`");

    @Test
    void theDeploymentGuideListsEveryKeyTheAppReadsAndNoOther() throws IOException {
        String guide = Files.readString(RepositoryFiles.root().resolve("docs/deploying-to-aws.md"));
        String section = guide.substring(guide.indexOf("## Context switches"));
        section = section.substring(0, section.indexOf("\n## ", 1));
        Set<String> documented = new TreeSet<>();
        Matcher row = ROW.matcher(section);
        while (row.find()) {
            Matcher key = QUOTED.matcher(row.group(1));
            while (key.find()) {
                documented.add(key.group(1));
            }
        }
        Set<String> read =
                Arrays.stream(ContextKey.values())
                        .map(ContextKey::key)
                        .collect(Collectors.toCollection(TreeSet::new));
        assertThat(documented).isEqualTo(read);
    }

    @Test
    void aCopyWithOneFieldChangedIsOneLine() {
        var config =
                DeploymentConfig.fromContext(
                        Map.<String, Object>of("region", "us-east-1", "alarmEmail", "a@b.example")
                                ::get);
        assertThat(config.toBuilder().build()).isEqualTo(config);
        var prod = config.toBuilder().envName("prod").build();
        assertThat(prod.isProd()).isTrue();
        assertThat(prod.alarmEmail()).isEqualTo(config.alarmEmail());
    }
}
