package io.waymark.infra;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The CDK app's packages depend on each other in one direction only: the app composes, constructs
 * are leaves.
 */
class ArchitectureTest {

    private static final JavaClasses INFRA =
            new ClassFileImporter()
                    .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                    .importPackages("io.waymark.infra");

    private static final Path SOURCES = Path.of("src/main/java");

    // A name of ours in the source: an import (static or not), a fully qualified name or a link.
    private static final Pattern REFERENCE =
            Pattern.compile("\\b(io\\.waymark\\.infra(?:\\.[a-z][a-z0-9]*)*)\\.[A-Z*]");
    private static final Pattern PACKAGE = Pattern.compile("(?m)^package ([\\w.]+);");

    @Test
    void noPackageCycles() {
        // Every package its own slice, the root package included (where WaymarkApp lives).
        slices().assignedFrom(EACH_PACKAGE).should().beFreeOfCycles().check(INFRA);
    }

    /**
     * The bytecode misses a use of another package's {@code static final String}: javac copies the
     * constant's value into the user, so ArchUnit never sees the reference. The source still names
     * it, so the same rule is checked on the imports and qualified names of the source files.
     */
    @Test
    void noPackageCyclesInTheSource() {
        Map<String, Map<String, Set<String>>> graph = sourceDependencies();
        assertThat(graph).as("packages read from %s", SOURCES.toAbsolutePath()).isNotEmpty();
        assertThat(cycles(graph))
                .as("package cycles in the source (package -> package: files that refer)")
                .isEmpty();
    }

    /** Package → the packages its files name → the files that name each. */
    private static Map<String, Map<String, Set<String>>> sourceDependencies() {
        Map<String, Map<String, Set<String>>> graph = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String text = Files.readString(file);
                Matcher declared = PACKAGE.matcher(text);
                if (!declared.find()) {
                    continue;
                }
                String from = declared.group(1);
                var edges = graph.computeIfAbsent(from, p -> new TreeMap<>());
                Matcher reference = REFERENCE.matcher(text.substring(declared.end()));
                while (reference.find()) {
                    String to = reference.group(1);
                    if (!to.equals(from)) {
                        edges.computeIfAbsent(to, p -> new TreeSet<>())
                                .add(SOURCES.relativize(file).toString());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return graph;
    }

    /** Each cycle once, as its edges with the files that make them. */
    private static Set<String> cycles(Map<String, Map<String, Set<String>>> graph) {
        Set<String> found = new TreeSet<>();
        for (String start : graph.keySet()) {
            walk(graph, start, new ArrayList<>(List.of(start)), found);
        }
        return found;
    }

    // Cycles through start whose other packages all sort after it: each cycle is reported once.
    private static void walk(
            Map<String, Map<String, Set<String>>> graph,
            String start,
            List<String> path,
            Set<String> found) {
        String last = path.get(path.size() - 1);
        for (String next : graph.getOrDefault(last, Map.of()).keySet()) {
            if (next.equals(start)) {
                List<String> cycle = new ArrayList<>(path);
                cycle.add(start);
                StringBuilder text = new StringBuilder();
                for (int i = 0; i + 1 < cycle.size(); i++) {
                    text.append(cycle.get(i))
                            .append(" -> ")
                            .append(cycle.get(i + 1))
                            .append(" ")
                            .append(graph.get(cycle.get(i)).get(cycle.get(i + 1)))
                            .append("; ");
                }
                found.add(text.toString());
            } else if (next.compareTo(start) > 0 && !path.contains(next)) {
                path.add(next);
                walk(graph, start, path, found);
                path.remove(path.size() - 1);
            }
        }
    }

    static final SliceAssignment EACH_PACKAGE =
            new SliceAssignment() {
                @Override
                public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
                    return SliceIdentifier.of(javaClass.getPackageName());
                }

                @Override
                public String getDescription() {
                    return "each package";
                }
            };
}
