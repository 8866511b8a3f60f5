package dev.pinwheel.migrate.autogen;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.pinwheel.migrate.DbException;
import dev.pinwheel.packaging.PinwheelException.Category;
import dev.pinwheel.support.Subprocess;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A SQLAlchemy model ({@code module:attr}, a declarative Base or a MetaData) read by the
 * project's own interpreter: pinwheel feeds its helper {@code model_ddl.py} to {@code python -}
 * in the project root and reads back the DDL SQLAlchemy's dialect compiles for
 * {@code metadata.create_all()}, so types, defaults, enums and naming conventions are exactly
 * SQLAlchemy's, and no database driver is needed in the project's environment.
 */
public final class SqlAlchemyModel implements TargetSource {

    static final String HELPER = "model_ddl.py";
    private static final JsonFactory JSON = new JsonFactory();
    private static final Duration TIMEOUT = Duration.ofMinutes(5);

    private final Path python;
    private final String target;
    private final Path projectRoot;
    private final Map<String, String> env;
    private final Map<String, String> fallbackConvention;

    /**
     * @param python the project's interpreter
     * @param target {@code module:attr}
     * @param env the environment the interpreter runs with (null: inherit)
     * @param fallbackConvention the configured naming convention, used when the model has none (its
     *                           MetaData carries only SQLAlchemy's default, which names indexes alone):
     *                           the helper applies it before SQLAlchemy compiles the DDL
     */
    public SqlAlchemyModel(Path python, String target, Path projectRoot, Map<String, String> env,
                           Map<String, String> fallbackConvention) {
        this.python = Objects.requireNonNull(python, "python");
        this.target = Objects.requireNonNull(target, "target");
        this.projectRoot = Objects.requireNonNull(projectRoot, "projectRoot");
        this.env = env == null ? null : Map.copyOf(env);
        this.fallbackConvention = Map.copyOf(fallbackConvention);
    }

    static String helperSource() {
        try (InputStream in = SqlAlchemyModel.class.getResourceAsStream(HELPER)) {
            if (in == null) {
                throw new IllegalStateException("resource " + HELPER + " is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public TargetDdl load(String dialect) {
        List<String> command = new ArrayList<>(List.of(python.toString(), "-", target, dialect, projectRoot.toString()));
        if (!fallbackConvention.isEmpty()) {
            // The helper applies it before SQLAlchemy compiles the DDL: the names the target
            // database gets must be the names the convention gives, or `db check` finds them changed.
            command.add(json(fallbackConvention));
        }
        Subprocess.Result r = Subprocess.run(command, projectRoot, env, helperSource(), TIMEOUT);
        Answer answer;
        try {
            answer = parse(r.stdout());
        } catch (IOException | RuntimeException e) {
            throw new DbException(Category.ENVIRONMENT, "reading " + target + " with " + python + " failed (exit "
                    + r.exitCode() + ")" + lastLine(r.stderr()), "run `" + python + " -c \"import sqlalchemy\"` to check the interpreter", e);
        }
        if (answer.error != null) {
            throw failure(answer.error);
        }
        if (r.exitCode() != 0) {
            throw new DbException(Category.ENVIRONMENT, "reading " + target + " with " + python + " failed (exit "
                    + r.exitCode() + ")" + lastLine(r.stderr()));
        }
        // The helper reports the convention in force: the model's own, else SQLAlchemy's default
        // merged with the configured one.
        Map<String, String> convention = answer.namingConvention.isEmpty() ? fallbackConvention : answer.namingConvention;
        List<String> statements = stableIndexOrder(answer.statements);
        return new TargetDdl(target + " (SQLAlchemy " + answer.sqlalchemy + ", Python " + answer.python + ")",
                statements, Collections.nCopies(statements.size(), 0), convention, answer.comments);
    }

    private static final java.util.regex.Pattern CREATE_INDEX =
            java.util.regex.Pattern.compile("(?i)^\\s*CREATE\\s+(?:UNIQUE\\s+)?INDEX\\s");

    /**
     * The statements with each run of consecutive {@code CREATE INDEX} statements sorted by text.
     * SQLAlchemy emits a table's indexes right after the table, in the order of {@code Table.indexes},
     * a set of objects hashed by identity: the order changes from one interpreter run to the next,
     * and with it the target cache's key and the kept dev schema's fingerprints. Indexes of one
     * table depend on nothing but the table, so any order builds the same schema.
     */
    static List<String> stableIndexOrder(List<String> statements) {
        List<String> out = new ArrayList<>(statements.size());
        List<String> run = new ArrayList<>();
        for (String statement : statements) {
            if (CREATE_INDEX.matcher(statement).find()) {
                run.add(statement);
                continue;
            }
            run.sort(null);
            out.addAll(run);
            run.clear();
            out.add(statement);
        }
        run.sort(null);
        out.addAll(run);
        return out;
    }

    private static String json(Map<String, String> map) {
        java.io.StringWriter out = new java.io.StringWriter();
        try (com.fasterxml.jackson.core.JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            for (Map.Entry<String, String> e : new java.util.TreeMap<>(map).entrySet()) {
                g.writeStringField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private DbException failure(Map<String, String> error) {
        String kind = error.getOrDefault("kind", "");
        String message = error.getOrDefault("message", "the model helper failed");
        String detail = error.get("detail");
        String full = detail == null || detail.isBlank() ? message : message + ": " + detail;
        return switch (kind) {
            case "no-sqlalchemy" -> new DbException(Category.ENVIRONMENT, message,
                    "install it into the project's environment (pip install sqlalchemy), or pass --python with the "
                            + "interpreter of the environment that has it");
            case "import" -> new DbException(Category.BAD_INPUT, located(error, full),
                    "metadata = \"" + target + "\" in [tool.pinwheel.db] is imported from " + projectRoot
                            + " with " + python + "; fix the error, or pass --python for the right environment");
            case "attribute", "not-metadata" -> new DbException(Category.BAD_INPUT, full,
                    "point metadata in [tool.pinwheel.db] at a declarative Base or a MetaData, e.g. \"app.models:Base\"");
            case "compile" -> new DbException(Category.BAD_INPUT, full,
                    "the model uses something this database's dialect cannot create");
            default -> new DbException(Category.INTERNAL, full);
        };
    }

    /**
     * {@code file:line:column: message} with the line and a caret, where the interpreter named a
     * place (a SyntaxError's own, or the innermost frame of the project's code); the message
     * alone where it did not.
     */
    private String located(Map<String, String> error, String message) {
        String file = error.get("where.file");
        int line = number(error.get("where.line"));
        if (file == null || line <= 0) {
            return message;
        }
        Path path = Path.of(file);
        Path root = projectRoot.toAbsolutePath().normalize();
        String shown = path.isAbsolute() && path.normalize().startsWith(root) ? root.relativize(path.normalize()).toString() : file;
        int column = number(error.get("where.column"));
        int end = number(error.get("where.end"));
        String text = error.getOrDefault("where.text", "");
        StringBuilder b = new StringBuilder(shown).append(':').append(line);
        if (column > 0) {
            b.append(':').append(column);
        }
        b.append(": ").append(message);
        if (!text.isBlank()) {
            b.append("\n  ").append(text);
            if (column > 0 && column <= text.length() + 1) {
                int length = end > column ? Math.min(end, text.length() + 1) - column : 1;
                String pad = text.substring(0, column - 1).replaceAll("[^\t]", " ");
                b.append("\n  ").append(pad).append("^".repeat(Math.max(1, length)));
            }
        }
        return b.toString();
    }

    private static int number(String s) {
        try {
            return s == null ? 0 : Integer.parseInt(s.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String lastLine(String stderr) {
        String s = stderr.strip();
        if (s.isEmpty()) {
            return "";
        }
        return ": " + s.substring(s.lastIndexOf('\n') + 1);
    }

    /** The helper's document. */
    private static final class Answer {
        Map<String, String> error;
        String sqlalchemy = "?";
        String python = "?";
        final List<String> statements = new ArrayList<>();
        final Map<String, String> namingConvention = new LinkedHashMap<>();
        final Map<String, String> comments = new LinkedHashMap<>();
    }

    static Answer parse(String json) throws IOException {
        Answer a = new Answer();
        try (JsonParser p = JSON.createParser(json)) {
            expect(p.nextToken(), JsonToken.START_OBJECT);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken t = p.nextToken();
                switch (field) {
                    case "error" -> a.error = flatMap(p, t, "", new LinkedHashMap<>());
                    case "sqlalchemy" -> a.sqlalchemy = p.getValueAsString();
                    case "python" -> a.python = p.getValueAsString();
                    case "statements" -> {
                        expect(t, JsonToken.START_ARRAY);
                        while (p.nextToken() != JsonToken.END_ARRAY) {
                            a.statements.add(p.getText());
                        }
                    }
                    case "naming_convention" -> a.namingConvention.putAll(stringMap(p, t));
                    case "tables" -> readComments(p, t, a.comments);
                    default -> p.skipChildren();
                }
            }
        }
        return a;
    }

    private static void readComments(JsonParser p, JsonToken t, Map<String, String> into) throws IOException {
        expect(t, JsonToken.START_ARRAY);
        while (p.nextToken() == JsonToken.START_OBJECT) {
            String table = null;
            String comment = null;
            Map<String, String> columns = new LinkedHashMap<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken v = p.nextToken();
                switch (field) {
                    case "name" -> table = p.getText();
                    case "comment" -> comment = v == JsonToken.VALUE_NULL ? null : p.getText();
                    case "columns" -> {
                        expect(v, JsonToken.START_ARRAY);
                        while (p.nextToken() == JsonToken.START_OBJECT) {
                            Map<String, String> column = stringMap(p, JsonToken.START_OBJECT);
                            if (column.get("comment") != null) {
                                columns.put(column.get("name"), column.get("comment"));
                            }
                        }
                    }
                    default -> p.skipChildren();
                }
            }
            if (comment != null) {
                into.put(table, comment);
            }
            String prefix = table + ".";
            columns.forEach((column, text) -> into.put(prefix + column, text));
        }
    }

    private static Map<String, String> stringMap(JsonParser p, JsonToken t) throws IOException {
        expect(t, JsonToken.START_OBJECT);
        Map<String, String> map = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            JsonToken v = p.nextToken();
            if (v == JsonToken.START_OBJECT || v == JsonToken.START_ARRAY) {
                p.skipChildren();
            } else {
                map.put(key, v == JsonToken.VALUE_NULL ? null : p.getText());
            }
        }
        return map;
    }

    /** An object with nested objects as one map: {@code {"where": {"line": 3}}} gives {@code where.line = 3}. */
    private static Map<String, String> flatMap(JsonParser p, JsonToken t, String prefix, Map<String, String> into)
            throws IOException {
        expect(t, JsonToken.START_OBJECT);
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = prefix + p.currentName();
            JsonToken v = p.nextToken();
            if (v == JsonToken.START_OBJECT) {
                flatMap(p, v, key + ".", into);
            } else if (v == JsonToken.START_ARRAY) {
                p.skipChildren();
            } else if (v != JsonToken.VALUE_NULL) {
                into.put(key, p.getText());
            }
        }
        return into;
    }

    private static void expect(JsonToken actual, JsonToken wanted) throws IOException {
        if (actual != wanted) {
            throw new IOException("expected " + wanted + " but found " + actual);
        }
    }
}
