package io.waymark.store;

import io.waymark.config.InvalidSettingException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The parsed {@code DATABASE_URL}: which store to use and where it is.
 *
 * @param kind sqlite, postgresql or mongodb
 * @param location the SQLite file, or the server URI for PostgreSQL and MongoDB
 * @param journalMode for SQLite: {@code wal} (default) or {@code delete}, the rollback journal that
 *     is safe on network file systems such as EFS, where WAL's shared memory cannot work
 */
public record DatabaseUrl(Kind kind, String location, String journalMode) {

    static final String VARIABLE = "DATABASE_URL";
    private static final String FORMS =
            "use sqlite:PATH[?journal_mode=wal|delete], postgresql://host:port/db or mongodb://host:port/db";

    public enum Kind {
        SQLITE,
        POSTGRESQL,
        MONGODB;

        public StoreFamily family() {
            return this == MONGODB ? StoreFamily.MONGO : StoreFamily.JDBC;
        }
    }

    public static DatabaseUrl parse(String value) {
        if (value == null || value.isBlank()) {
            throw invalid("is empty; " + FORMS);
        }
        String url = value.trim();
        if (url.startsWith("sqlite:")) {
            return sqlite(url.substring("sqlite:".length()));
        }
        if (url.startsWith("postgresql://") || url.startsWith("postgres://")) {
            URI uri = serverUri(url);
            return new DatabaseUrl(
                    Kind.POSTGRESQL,
                    "jdbc:postgresql://"
                            + uri.getRawAuthority()
                            + uri.getRawPath()
                            + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()),
                    null);
        }
        if (url.startsWith("mongodb://") || url.startsWith("mongodb+srv://")) {
            serverUri(url);
            return new DatabaseUrl(Kind.MONGODB, url, null);
        }
        throw invalid("unsupported value '" + redact(url) + "'; " + FORMS);
    }

    public StoreFamily family() {
        return kind.family();
    }

    /** SQLite in WAL mode: the local-disk mode, where readers run beside the one writer. */
    public boolean isSqliteWal() {
        return kind == Kind.SQLITE && journalMode.equals("wal");
    }

    /**
     * SQLite with the rollback journal: the network-file-system mode (EFS), where SQLite's own
     * locks cannot be trusted across hosts, so one process at a time holds the database ({@link
     * StoreStartup}).
     */
    public boolean isSqliteOnNetworkFileSystem() {
        return kind == Kind.SQLITE && journalMode.equals("delete");
    }

    /** The SQLite file; only for {@link Kind#SQLITE}. */
    public Path sqlitePath() {
        return Path.of(location);
    }

    private static DatabaseUrl sqlite(String rest) {
        String path = rest;
        String journalMode = "wal";
        int query = rest.indexOf('?');
        if (query >= 0) {
            path = rest.substring(0, query);
            for (String parameter : rest.substring(query + 1).split("&")) {
                String[] pair = parameter.split("=", 2);
                if (pair.length != 2 || !pair[0].equals("journal_mode")) {
                    throw invalid(
                            "unknown SQLite option '"
                                    + parameter
                                    + "'; only journal_mode=wal|delete is accepted");
                }
                journalMode = pair[1].toLowerCase(Locale.ROOT);
                if (!journalMode.equals("wal") && !journalMode.equals("delete")) {
                    throw invalid("journal_mode must be wal or delete, got '" + pair[1] + "'");
                }
            }
        }
        if (path.isBlank()) {
            throw invalid("sqlite: needs a file path; " + FORMS);
        }
        return new DatabaseUrl(Kind.SQLITE, path, journalMode);
    }

    private static URI serverUri(String url) {
        try {
            URI uri = new URI(url);
            String path = uri.getPath();
            if (uri.getHost() == null || path == null || path.length() < 2) {
                throw invalid("'" + redact(url) + "' needs a host and a database name; " + FORMS);
            }
            return uri;
        } catch (URISyntaxException e) {
            throw invalid("'" + redact(url) + "' is not a valid URL; " + FORMS);
        }
    }

    /** Credentials may be embedded in a URL; never echo them into a log line. */
    private static String redact(String url) {
        return url.replaceAll("//[^/@]*@", "//***@");
    }

    private static InvalidSettingException invalid(String problem) {
        return new InvalidSettingException(VARIABLE, problem);
    }
}
