package io.waymark.infra.data;

/**
 * Where the image keeps the Amazon RDS certificate authorities (RDS and DocumentDB share them). The
 * Dockerfile writes the PEM bundle here and imports the same certificates into the JVM's default
 * trust store; a test ties this path to the Dockerfile.
 */
public final class RdsCertificates {

    /** The PEM bundle pgjdbc reads through {@code sslrootcert}. */
    public static final String PEM_BUNDLE = "/etc/waymark/rds-ca-bundle.pem";

    private RdsCertificates() {}
}
