package dev.pinwheel.migrate;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A database URL in SQLAlchemy's form ({@code sqlite:///app.db}, {@code postgresql+psycopg2://u:p@h/db})
 * mapped onto JDBC. Traps handled: the driver suffix ({@code +psycopg}, {@code +asyncpg}, ...)
 * only names a Python driver and is dropped; user and password are percent-decoded (a {@code +}
 * stays a plus, as in SQLAlchemy); {@code ?host=/dir} selects a Unix socket; a relative SQLite
 * path is taken relative to the project; and {@link #toString()} never shows the password.
 */
public final class DbUrl {

    /** SQLAlchemy's own URL pattern: the password may hold anything but {@code @}. */
    private static final Pattern URL = Pattern.compile(
            "(?<name>[\\w+]+)://"
            + "(?:(?<user>[^:/]*)(?::(?<password>[^@]*))?@)?"
            + "(?:(?:\\[(?<ipv6>[^/?]+)]|(?<host>[^/:?]+))?(?::(?<port>[^/?]*))?)?"
            + "(?:/(?<database>[^?]*))?"
            + "(?:\\?(?<query>.*))?", Pattern.DOTALL);

    private static final List<String> POSTGRES_DRIVERS =
            List.of("psycopg", "psycopg2", "psycopg2cffi", "asyncpg", "pg8000", "pygresql");

    private final String dialect;
    private final String driver;
    private final String user;
    private final String password;
    private final String host;
    private final Integer port;
    private final String database;
    private final Map<String, String> query;
    private final Path sqliteFile;

    private DbUrl(String dialect, String driver, String user, String password, String host, Integer port,
                  String database, Map<String, String> query, Path sqliteFile) {
        this.dialect = dialect;
        this.driver = driver;
        this.user = user;
        this.password = password;
        this.host = host;
        this.port = port;
        this.database = database;
        this.query = query;
        this.sqliteFile = sqliteFile;
    }

    /**
     * Parses a SQLAlchemy URL. A relative SQLite path is resolved against {@code baseDir}.
     *
     * @throws DbException (bad input) naming what is wrong, with the password masked
     */
    public static DbUrl parse(String text, Path baseDir) {
        String url = text.strip();
        Matcher m = URL.matcher(url);
        if (!m.matches()) {
            throw DbException.badInput("not a database URL: '" + maskRaw(url) + "'",
                    "use SQLAlchemy's form, e.g. postgresql://user:password@host:5432/dbname or sqlite:///app.db");
        }
        String name = m.group("name");
        int plus = name.indexOf('+');
        String dialect = (plus < 0 ? name : name.substring(0, plus)).toLowerCase(java.util.Locale.ROOT);
        String driver = plus < 0 ? null : name.substring(plus + 1);
        Map<String, String> query = parseQuery(m.group("query"));
        switch (dialect) {
            case "sqlite" -> {
                // sqlite:///x.db gives database "x.db"; sqlite:////abs.db gives "/abs.db".
                String db = m.group("database");
                if (m.group("host") != null || m.group("user") != null) {
                    throw DbException.badInput("a SQLite URL has no host: '" + maskRaw(url) + "'",
                            "write sqlite:///relative/path.db or sqlite:////absolute/path.db");
                }
                Path file = db == null || db.isEmpty() || db.equals(":memory:") ? null
                        : baseDir.resolve(decode(db)).toAbsolutePath().normalize();
                return new DbUrl("sqlite", driver, null, null, null, null, db, query, file);
            }
            case "postgresql", "postgres" -> {
                if (driver != null && !POSTGRES_DRIVERS.contains(driver)) {
                    throw DbException.badInput("unknown PostgreSQL driver '" + driver + "' in '" + maskRaw(url) + "'",
                            "use one of postgresql://, postgresql+" + String.join(":// postgresql+", POSTGRES_DRIVERS) + "://");
                }
                Integer port = null;
                String portText = m.group("port");
                if (portText != null && !portText.isEmpty()) {
                    try {
                        port = Integer.valueOf(portText);
                    } catch (NumberFormatException e) {
                        throw DbException.badInput("bad port '" + portText + "' in '" + maskRaw(url) + "'");
                    }
                }
                String host = m.group("ipv6") != null ? "[" + m.group("ipv6") + "]" : m.group("host");
                validateParts(url, m.group("user"), m.group("password"), m.group("ipv6"), m.group("host"));
                String user = m.group("user") == null ? null : decode(m.group("user"));
                String password = m.group("password") == null ? null : decode(m.group("password"));
                String database = m.group("database") == null ? null : decode(m.group("database"));
                return new DbUrl("postgresql", driver, emptyToNull(user), password, emptyToNull(host), port,
                        emptyToNull(database), query, null);
            }
            default -> throw DbException.badInput("unsupported database '" + dialect + "' in '" + maskRaw(url) + "'",
                    "pinwheel db supports sqlite:// and postgresql:// URLs");
        }
    }

    private static final String PG_FORM = "write postgresql://user:password@host:5432/dbname, "
            + "with special characters in the user or password percent-encoded (a space as %20, @ as %40)";
    private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9._%-]+");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.%\\w]+");

    /**
     * What SQLAlchemy's lenient pattern lets through but no server could be reached with: a URL
     * like {@code postgresql://pin wheel@[bad} must fail here as bad input, not later as an
     * unreachable server.
     */
    private static void validateParts(String url, String user, String password, String ipv6, String host) {
        String shown = maskRaw(url);
        if (user != null && user.chars().anyMatch(c -> Character.isWhitespace(c) || c == '/' || c == '[' || c == ']')) {
            throw DbException.badInput("bad user name '" + user + "' in database URL '" + shown
                    + "': a space or one of / [ ] must be percent-encoded", PG_FORM);
        }
        if (password != null && password.chars().anyMatch(Character::isWhitespace)) {
            throw DbException.badInput("the password in database URL '" + shown
                    + "' holds a space, which must be percent-encoded as %20", PG_FORM);
        }
        if (ipv6 != null && !IPV6.matcher(ipv6).matches()) {
            throw DbException.badInput("bad IPv6 address '[" + ipv6 + "]' in database URL '" + shown + "'", PG_FORM);
        }
        if (host != null && !host.isEmpty() && !HOST_NAME.matcher(host).matches()) {
            String why = host.startsWith("[") ? "an IPv6 address needs its closing ']'"
                    : "a host name holds only letters, digits, '.', '-' and '_'";
            throw DbException.badInput("bad host '" + host + "' in database URL '" + shown + "': " + why, PG_FORM);
        }
    }

    /** The embedded default: a SQLite file in the project. */
    public static DbUrl sqliteFile(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        return new DbUrl("sqlite", null, null, null, null, null, abs.toString(), Map.of(), abs);
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private static Map<String, String> parseQuery(String query) {
        Map<String, String> map = new LinkedHashMap<>();
        if (query == null || query.isEmpty()) {
            return map;
        }
        for (String part : query.split("&")) {
            if (part.isEmpty()) {
                continue;
            }
            int eq = part.indexOf('=');
            String key = decode(eq < 0 ? part : part.substring(0, eq));
            String value = eq < 0 ? "" : decode(part.substring(eq + 1));
            map.put(key, value);
        }
        return map;
    }

    /** Percent-decoding as Python's {@code unquote}: a plus sign stays a plus sign. */
    static String decode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length()) {
                int hi = Character.digit(s.charAt(i + 1), 16);
                int lo = Character.digit(s.charAt(i + 2), 16);
                if (hi >= 0 && lo >= 0) {
                    out.write(hi * 16 + lo);
                    i += 2;
                    continue;
                }
            }
            byte[] bytes = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
            out.write(bytes, 0, bytes.length);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Masks a password in URL-looking text that did not parse. */
    private static String maskRaw(String url) {
        return url.replaceAll("(://[^:/@]*:)[^@]*@", "$1***@");
    }

    public String dialect() {
        return dialect;
    }

    public boolean isSqlite() {
        return dialect.equals("sqlite");
    }

    public boolean isPostgres() {
        return dialect.equals("postgresql");
    }

    /** The SQLite database file, or empty for an in-memory database (or PostgreSQL). */
    public Optional<Path> sqliteFile() {
        return Optional.ofNullable(sqliteFile);
    }

    public Optional<String> user() {
        return Optional.ofNullable(user);
    }

    /** The Unix socket directory from {@code ?host=/dir}, if any. */
    Optional<String> socketDirectory() {
        String h = query.get("host");
        return h != null && h.startsWith("/") ? Optional.of(h) : Optional.empty();
    }

    /**
     * The server a PostgreSQL URL names, as pgjdbc's own URL parser would read {@link #jdbcUrl()}:
     * {@code ?host=} (when not a socket directory) over the URL's host, else {@code localhost};
     * the port, else 5432; an IPv6 address without its brackets.
     */
    record Endpoint(String host, int port, String database) {
    }

    Endpoint pgEndpoint() {
        String h = serverHost();
        if (h == null) {
            h = "localhost";
        } else if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return new Endpoint(h, port == null ? 5432 : port, database == null ? "" : database);
    }

    /** The host: {@code ?host=} when it is not a socket directory, else the URL's own; null when neither. */
    private String serverHost() {
        String q = query.get("host");
        return q != null && !q.startsWith("/") ? q : host;
    }

    /** The JDBC URL, without user or password (they travel as connection properties). */
    public String jdbcUrl() {
        if (isSqlite()) {
            return sqliteFile == null ? "jdbc:sqlite::memory:" : "jdbc:sqlite:" + sqliteFile;
        }
        String h = serverHost();
        StringBuilder b = new StringBuilder("jdbc:postgresql://").append(h == null ? "localhost" : h);
        if (port != null) {
            b.append(':').append(port);
        }
        b.append('/');
        if (database != null) {
            b.append(java.net.URLEncoder.encode(database, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return b.toString();
    }

    /** Connection properties for the driver: user, password, and the libpq options we map. */
    Properties connectionProperties() {
        Properties p = new Properties();
        if (user != null) {
            p.setProperty("user", user);
        }
        if (password != null) {
            p.setProperty("password", password);
        }
        for (Map.Entry<String, String> e : query.entrySet()) {
            String key = switch (e.getKey()) {
                case "host" -> null;
                case "application_name" -> "ApplicationName";
                case "connect_timeout" -> "connectTimeout";
                case "target_session_attrs" -> "targetServerType";
                default -> e.getKey();
            };
            if (key != null) {
                p.setProperty(key, e.getValue());
            }
        }
        if (!query.containsKey("sslmode") && socketDirectory().isEmpty() && isLoopback()) {
            // libpq's default "prefer" starts with a TLS handshake, which costs a JVM hundreds of
            // milliseconds; on the loopback interface TLS protects nothing. "allow" tries
            // plaintext first and TLS only if the server insists, so it connects wherever
            // "prefer" would.
            p.setProperty("sslmode", "allow");
        }
        socketDirectory().ifPresent(dir -> {
            p.setProperty("socketFactory", UnixSocketFactory.class.getName());
            p.setProperty("socketFactoryArg", dir + "/.s.PGSQL." + (port == null ? 5432 : port));
            p.setProperty("sslmode", "disable");
        });
        return p;
    }

    /** Whether the server is this machine, by name or loopback address (no name lookup). */
    boolean isLoopback() {
        String h = query.getOrDefault("host", host);
        if (h == null) {
            return true;
        }
        h = h.toLowerCase(java.util.Locale.ROOT);
        return h.equals("localhost") || h.startsWith("127.") || h.equals("[::1]") || h.equals("::1");
    }

    /** Replaces every occurrence of this URL's password (raw or encoded) in {@code text} with {@code ***}. */
    public String mask(String text) {
        if (text == null || password == null || password.isEmpty()) {
            return text;
        }
        String out = text.replace(password, "***");
        String encoded = java.net.URLEncoder.encode(password, StandardCharsets.UTF_8);
        return encoded.equals(password) ? out : out.replace(encoded, "***");
    }

    /** The URL as SQLAlchemy would show it: the password replaced by {@code ***}. */
    @Override
    public String toString() {
        if (isSqlite()) {
            return sqliteFile == null ? "sqlite://" : "sqlite:///" + sqliteFile;
        }
        StringBuilder b = new StringBuilder("postgresql");
        if (driver != null) {
            b.append('+').append(driver);
        }
        b.append("://");
        if (user != null) {
            b.append(user);
            if (password != null) {
                b.append(":***");
            }
            b.append('@');
        }
        if (host != null) {
            b.append(host);
        }
        if (port != null) {
            b.append(':').append(port);
        }
        if (database != null) {
            b.append('/').append(database);
        }
        if (!query.isEmpty()) {
            StringBuilder q = new StringBuilder();
            query.forEach((k, v) -> q.append(q.length() == 0 ? "?" : "&").append(k).append('=').append(v));
            b.append(q);
        }
        return b.toString();
    }
}
