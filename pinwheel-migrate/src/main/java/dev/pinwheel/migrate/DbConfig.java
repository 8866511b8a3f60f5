package dev.pinwheel.migrate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import dev.pinwheel.packaging.PinwheelException.Category;
import java.util.regex.Pattern;

/**
 * The {@code [tool.pinwheel.db]} table of {@code pyproject.toml}, or the {@code [db]} table of a
 * {@code pinwheel.toml} beside it (which wins), with Alembic's names where Alembic has one.
 *
 * @param projectRoot the directory holding the config file (or the working directory)
 * @param scriptLocation the migrations directory; revision scripts live in its {@code versions} folder
 * @param fileTemplate Alembic's {@code file_template}: {@code %(rev)s}, {@code %(slug)s}, {@code %(year)d}, ...
 * @param truncateSlugLength Alembic's {@code truncate_slug_length}
 * @param versionTable the version table, {@code alembic_version} as in Alembic
 * @param historyTable the append-only history table beside it
 * @param urlEnv the environment (and {@code .env}) variable holding the URL
 * @param url a URL written in the config itself, if any
 * @param sqliteFile the embedded SQLite file used when no URL is configured
 * @param source the config file read, if any
 * @param autogen what {@code db revision --autogenerate} and {@code db check} compare the database with
 */
public record DbConfig(Path projectRoot, Path scriptLocation, String fileTemplate, int truncateSlugLength,
                       String versionTable, String historyTable, String urlEnv, Optional<String> url,
                       Path sqliteFile, Optional<Path> source, Autogen autogen) {

    public static final String DEFAULT_TEMPLATE = "%(rev)s_%(slug)s";
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");
    private static final Pattern TARGET = Pattern.compile("[A-Za-z_][\\w]*(\\.[A-Za-z_][\\w]*)*:[A-Za-z_][\\w]*(\\.[A-Za-z_][\\w]*)*");
    private static final java.util.Set<String> CONVENTION_KEYS = java.util.Set.of("ix", "uq", "ck", "fk", "pk");
    private static final Pattern TABLE_HEADER = Pattern.compile("(?m)^\\s*\\[\\s*(tool\\s*\\.\\s*pinwheel|db)\\b");

    public DbConfig {
        Objects.requireNonNull(projectRoot, "projectRoot");
        Objects.requireNonNull(scriptLocation, "scriptLocation");
        Objects.requireNonNull(fileTemplate, "fileTemplate");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(autogen, "autogen");
    }

    /**
     * The autogenerate keys of the same table.
     *
     * @param metadata {@code metadata = "app.models:Base"}: a declarative Base or a MetaData, as module:attr
     * @param schemaFile {@code schema = "schema.sql"}: a declarative SQL file instead of a model
     * @param devUrl {@code dev_url}: a scratch database of the same dialect (default: in-memory SQLite,
     *               or a temporary schema on the target PostgreSQL server)
     * @param includeTables {@code include_tables}: glob patterns ({@code *}, {@code ?}); empty means all
     * @param excludeTables {@code exclude_tables}: glob patterns, applied after the includes
     * @param namingConvention {@code [tool.pinwheel.db.naming_convention]}: SQLAlchemy's templates by
     *                         key ({@code ix}, {@code uq}, {@code ck}, {@code fk}, {@code pk}); a model's
     *                         own convention wins
     * @param keepDevSchema {@code keep_dev_schema = true}: without {@code dev_url}, the target may be
     *                      kept between runs in a schema of the real PostgreSQL database (faster after a
     *                      model change); off by default, so nothing is left in a database pinwheel checks
     */
    public record Autogen(Optional<String> metadata, Optional<Path> schemaFile, Optional<String> devUrl,
                          List<String> includeTables, List<String> excludeTables, Map<String, String> namingConvention,
                          boolean keepDevSchema) {
        public Autogen {
            Objects.requireNonNull(metadata, "metadata");
            Objects.requireNonNull(schemaFile, "schemaFile");
            Objects.requireNonNull(devUrl, "devUrl");
            includeTables = List.copyOf(includeTables);
            excludeTables = List.copyOf(excludeTables);
            namingConvention = Map.copyOf(namingConvention);
        }

        public static Autogen none() {
            return new Autogen(Optional.empty(), Optional.empty(), Optional.empty(), List.of(), List.of(), Map.of(), false);
        }
    }

    /** The defaults for a project in {@code root}. */
    public static DbConfig defaults(Path root) {
        return new DbConfig(root, root.resolve("migrations"), DEFAULT_TEMPLATE, 40, "alembic_version",
                "pinwheel_history", "DATABASE_URL", Optional.empty(), root.resolve(".pinwheel/db.sqlite3"),
                Optional.empty(), Autogen.none());
    }

    /** Where revision scripts and the checksum file live. */
    public Path versionsDir() {
        return scriptLocation.resolve("versions");
    }

    public DbConfig withScriptLocation(Path location) {
        return new DbConfig(projectRoot, location, fileTemplate, truncateSlugLength, versionTable, historyTable,
                urlEnv, url, sqliteFile, source, autogen);
    }

    /**
     * Finds the project (the nearest directory upwards from {@code cwd} with a {@code pyproject.toml}
     * or {@code pinwheel.toml}) and reads its db settings. The TOML parser is loaded only when a
     * file really has a pinwheel table, so plain projects pay nothing for it.
     */
    public static DbConfig load(Path cwd) {
        Path root = cwd.toAbsolutePath().normalize();
        for (Path dir = root; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("pinwheel.toml")) || Files.isRegularFile(dir.resolve("pyproject.toml"))) {
                root = dir;
                break;
            }
        }
        DbConfig config = defaults(root);
        Path pinwheelToml = root.resolve("pinwheel.toml");
        Path pyproject = root.resolve("pyproject.toml");
        if (Files.isRegularFile(pinwheelToml)) {
            Table table = readTable(pinwheelToml, "db");
            if (table != null) {
                return apply(config, table, pinwheelToml);
            }
        }
        if (Files.isRegularFile(pyproject)) {
            Table table = readTable(pyproject, "tool", "pinwheel", "db");
            if (table != null) {
                return apply(config, table, pyproject);
            }
        }
        return config;
    }

    /** The db table of a config file, its dotted name, and the file's text (to point into it). */
    private record Table(Map<String, Object> values, String name, String text) {
    }

    private static final List<String> KNOWN_KEYS = List.of("script_location", "file_template", "truncate_slug_length",
            "version_table", "history_table", "url_env", "url", "sqlite_file", "metadata", "schema", "dev_url",
            "include_tables", "exclude_tables", "naming_convention", "keep_dev_schema");

    @SuppressWarnings("unchecked")
    private static Table readTable(Path file, String... path) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new DbException(Category.ENVIRONMENT, "cannot read " + file, null, e);
        }
        if (!TABLE_HEADER.matcher(text).find()) {
            return null;
        }
        Object node = TomlReader.read(file.toString(), text);
        for (String key : path) {
            if (!(node instanceof Map<?, ?> map) || !(map.get(key) instanceof Map<?, ?>)) {
                return null;
            }
            node = map.get(key);
        }
        return new Table((Map<String, Object>) node, String.join(".", path), text);
    }

    private static DbConfig apply(DbConfig c, Table t, Path file) {
        Map<String, Object> table = t.values();
        String tableName = "[" + t.name() + "]";
        Path location = c.scriptLocation;
        String template = c.fileTemplate;
        int truncate = c.truncateSlugLength;
        String versionTable = c.versionTable;
        String historyTable = c.historyTable;
        String urlEnv = c.urlEnv;
        Optional<String> url = c.url;
        Path sqlite = c.sqliteFile;
        Optional<String> metadata = Optional.empty();
        Optional<Path> schema = Optional.empty();
        Optional<String> devUrl = Optional.empty();
        List<String> include = List.of();
        List<String> exclude = List.of();
        Map<String, String> naming = Map.of();
        boolean keep = false;
        for (Map.Entry<String, Object> e : table.entrySet()) {
            String where = file + ": " + tableName + " " + e.getKey();
            switch (e.getKey()) {
                case "script_location" -> location = c.projectRoot.resolve(string(e.getValue(), where)).normalize();
                case "file_template" -> template = string(e.getValue(), where);
                case "truncate_slug_length" -> {
                    if (!(e.getValue() instanceof Number n) || n.intValue() < 1) {
                        throw DbException.badInput(where + " must be a positive integer");
                    }
                    truncate = n.intValue();
                }
                case "version_table" -> versionTable = identifier(e.getValue(), where);
                case "history_table" -> historyTable = identifier(e.getValue(), where);
                case "url_env" -> urlEnv = string(e.getValue(), where);
                case "url" -> url = Optional.of(string(e.getValue(), where));
                case "sqlite_file" -> sqlite = c.projectRoot.resolve(string(e.getValue(), where)).normalize();
                case "metadata" -> metadata = Optional.of(target(e.getValue(), where));
                case "schema" -> schema = Optional.of(c.projectRoot.resolve(string(e.getValue(), where)).normalize());
                case "dev_url" -> devUrl = Optional.of(string(e.getValue(), where));
                case "include_tables" -> include = strings(e.getValue(), where);
                case "exclude_tables" -> exclude = strings(e.getValue(), where);
                case "naming_convention" -> naming = namingConvention(e.getValue(), where);
                case "keep_dev_schema" -> {
                    if (!(e.getValue() instanceof Boolean b)) {
                        throw DbException.badInput(where + " must be true or false");
                    }
                    keep = b;
                }
                default -> throw unknownKey(file, t, e.getKey());
            }
        }
        if (metadata.isPresent() && schema.isPresent()) {
            throw DbException.badInput(file + ": " + tableName + " sets both metadata and schema",
                    "keep one: metadata for a SQLAlchemy model, schema for a schema.sql file");
        }
        return new DbConfig(c.projectRoot, location, template, truncate, versionTable, historyTable, urlEnv, url,
                sqlite, Optional.of(file), new Autogen(metadata, schema, devUrl, include, exclude, naming, keep));
    }

    private static DbException unknownKey(Path file, Table t, String key) {
        String reason = "unknown key '" + key + "' in [" + t.name() + "]";
        String closest = Closest.to(key, KNOWN_KEYS, 1).stream().findFirst().orElse(null);
        String hint = (closest == null ? "" : "did you mean '" + closest + "'? ")
                + "known keys: " + String.join(", ", KNOWN_KEYS);
        Optional<dev.pinwheel.support.TomlKeys.Key> at = dev.pinwheel.support.TomlKeys.locate(t.text(), t.name(), key);
        if (at.isEmpty()) {
            return DbException.badInput(file + ": " + reason, hint);
        }
        return new SourceError(file.toString(), t.text(), at.get().offset(), at.get().length(), reason, hint);
    }

    private static String target(Object value, String where) {
        String s = string(value, where).strip();
        if (!TARGET.matcher(s).matches()) {
            throw DbException.badInput(where + " must be module:attribute, e.g. \"app.models:Base\", not '" + s + "'");
        }
        return s;
    }

    private static List<String> strings(Object value, String where) {
        if (value instanceof String s && !s.isBlank()) {
            return List.of(s);
        }
        if (value instanceof List<?> list && list.stream().allMatch(v -> v instanceof String s && !s.isBlank())) {
            return list.stream().map(String.class::cast).toList();
        }
        throw DbException.badInput(where + " must be a list of table name patterns, e.g. [\"app_*\"]");
    }

    private static Map<String, String> namingConvention(Object value, String where) {
        if (!(value instanceof Map<?, ?> map)) {
            throw DbException.badInput(where + " must be a table, e.g. { ix = \"ix_%(column_0_label)s\" }");
        }
        Map<String, String> out = new java.util.TreeMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String key = String.valueOf(e.getKey());
            if (!CONVENTION_KEYS.contains(key)) {
                throw DbException.badInput(where + ": unknown key '" + key + "'", "known keys: ix, uq, ck, fk, pk");
            }
            out.put(key, string(e.getValue(), where + "." + key));
        }
        return out;
    }

    private static String string(Object value, String where) {
        if (!(value instanceof String s) || s.isBlank()) {
            throw DbException.badInput(where + " must be a non-empty string");
        }
        return s;
    }

    private static String identifier(Object value, String where) {
        String s = string(value, where);
        if (!IDENTIFIER.matcher(s).matches()) {
            throw DbException.badInput(where + " must be a plain SQL identifier (letters, digits, _), not '" + s + "'");
        }
        return s;
    }

    /** Where the database URL came from, for messages. */
    public record ResolvedUrl(DbUrl url, String origin) {
    }

    /**
     * The database URL: {@code --url}, else the {@code url_env} variable (default
     * {@code DATABASE_URL}) from the environment, else from {@code .env} in the project root,
     * else {@code url} in the config, else the embedded SQLite file.
     */
    public ResolvedUrl resolveUrl(String option, Function<String, String> environment) {
        if (option != null && !option.isBlank()) {
            return new ResolvedUrl(DbUrl.parse(option, projectRoot), "--url");
        }
        String fromEnv = environment.apply(urlEnv);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return new ResolvedUrl(DbUrl.parse(fromEnv, projectRoot), "$" + urlEnv);
        }
        Path dotenv = projectRoot.resolve(".env");
        if (Files.isRegularFile(dotenv)) {
            String text;
            try {
                text = Files.readString(dotenv, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new DbException(Category.ENVIRONMENT, "cannot read " + dotenv, null, e);
            }
            String value = DotEnv.parse(text, environment).get(urlEnv);
            if (value != null && !value.isBlank()) {
                return new ResolvedUrl(DbUrl.parse(value, projectRoot), urlEnv + " in .env");
            }
        }
        if (url.isPresent()) {
            return new ResolvedUrl(DbUrl.parse(url.get(), projectRoot), "url in " + source.map(Path::toString).orElse("config"));
        }
        return new ResolvedUrl(DbUrl.sqliteFile(sqliteFile), "the embedded default");
    }
}
