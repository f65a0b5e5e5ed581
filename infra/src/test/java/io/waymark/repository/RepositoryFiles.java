package io.waymark.repository;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Finds and reads the delivery files at the repository root (workflows, Compose file, Dockerfile).
 */
public final class RepositoryFiles {

    private RepositoryFiles() {}

    /**
     * The repository root: the nearest directory above the working directory that holds {@code
     * mvnw}.
     */
    public static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no mvnw above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    public static String read(String relativePath) {
        try {
            return Files.readString(root().resolve(relativePath));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<Path> workflows() {
        try (Stream<Path> files = Files.list(root().resolve(".github/workflows"))) {
            return files.filter(
                            file ->
                                    file.toString().endsWith(".yml")
                                            || file.toString().endsWith(".yaml"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Parses YAML with the safe constructor: plain maps, lists and scalars, never arbitrary
     * classes. Keys are objects because YAML 1.1 reads a bare {@code on} key (the workflow trigger)
     * as the boolean true.
     */
    public static Map<Object, Object> parseYaml(String text) {
        Object document = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
        return Yamls.map(document, "document");
    }
}
