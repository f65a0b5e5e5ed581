package io.waymark.wrapper;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.repository.RepositoryFiles;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 23, item 5: ./mvnw on a JDK older than 21 (or a JAVA_HOME that is no JDK) prints one line
 * that names a JDK 21+ which really is on this machine, or says how to install one, before Maven
 * starts; nothing else.
 */
class WrongJdkLineTest {

    private static final Pattern SUGGESTED = Pattern.compile("export JAVA_HOME=(\\S+)$");

    @TempDir Path temp;

    @Test
    void anOldJdkGetsOneLineNamingAJdkThatExists() throws Exception {
        Path old = temp.resolve("jdk-17");
        Files.createDirectories(old.resolve("bin"));
        Files.writeString(old.resolve("release"), "JAVA_VERSION=\"17.0.2\"\n");
        Path java = Files.writeString(old.resolve("bin/java"), "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));

        String line = oneLineFrom(old.toString());

        assertThat(line)
                .startsWith(
                        "mvnw: Waymark needs JDK 21+, but JAVA_HOME (" + old + ") is Java 17; ");
        assertSuggestionWorks(line);
    }

    @Test
    void aJavaHomeThatIsNoJdkGetsOneLineToo() throws Exception {
        String line = oneLineFrom(temp.resolve("nothing-here").toString());

        assertThat(line)
                .startsWith("mvnw: JAVA_HOME=" + temp.resolve("nothing-here") + " is not a JDK");
        assertSuggestionWorks(line);
    }

    /**
     * The JDK named exists and is 21+; or, on a machine without one, the line says how to get it.
     */
    private static void assertSuggestionWorks(String line) throws IOException {
        Matcher suggested = SUGGESTED.matcher(line);
        if (!suggested.find()) {
            assertThat(line).contains("apt-get install openjdk-21-jdk");
            return;
        }
        Path home = Path.of(suggested.group(1));
        assertThat(home.resolve("bin/javac")).isExecutable();
        String release = Files.readString(home.resolve("release"));
        Matcher version = Pattern.compile("JAVA_VERSION=\"(\\d+)").matcher(release);
        assertThat(version.find()).isTrue();
        assertThat(Integer.parseInt(version.group(1))).isGreaterThanOrEqualTo(21);
    }

    private String oneLineFrom(String javaHome) throws IOException, InterruptedException {
        Path stdout = temp.resolve("stdout");
        Path stderr = temp.resolve("stderr");
        ProcessBuilder builder =
                new ProcessBuilder("sh", RepositoryFiles.root().resolve("mvnw").toString(), "-v")
                        .directory(temp.toFile())
                        .redirectOutput(stdout.toFile())
                        .redirectError(stderr.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().put("JAVA_HOME", javaHome);
        Process mvnw = builder.start();
        assertThat(mvnw.waitFor(1, TimeUnit.MINUTES)).isTrue();

        String error = Files.readString(stderr, StandardCharsets.UTF_8);
        assertThat(mvnw.exitValue()).as(error).isEqualTo(1);
        assertThat(Files.readString(stdout)).as("nothing on stdout").isEmpty();
        assertThat(error.lines().toList()).as(error).hasSize(1);
        return error.strip();
    }
}
