package dev.pinwheel.scan;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Needs that code never imports, found in the project's own files: database drivers named by
 * SQLAlchemy (and Django) database URLs, the server that runs the app, the migration tool,
 * extras that code selects indirectly, and the development tools that configuration names.
 * Every need carries where it was seen.
 */
final class Evidence {

    /** One need: a requirement ({@code uvicorn[standard]}), where it was seen, and why. */
    record Need(String requirement, String file, int line, String why) {
    }

    private Evidence() {
    }

    /** Driver per SQLAlchemy URL scheme ({@code dialect[+driver]}); SQLAlchemy's default driver when none. */
    static final Map<String, String> URL_DRIVERS = Map.ofEntries(
            Map.entry("postgresql", "psycopg2-binary"), Map.entry("postgres", "psycopg2-binary"),
            Map.entry("postgresql+psycopg2", "psycopg2-binary"), Map.entry("postgresql+psycopg", "psycopg"),
            Map.entry("postgresql+asyncpg", "asyncpg"), Map.entry("postgresql+pg8000", "pg8000"),
            Map.entry("postgresql+psycopg2cffi", "psycopg2cffi"), Map.entry("postgresql+psycopg_async", "psycopg"),
            Map.entry("mysql", "mysqlclient"), Map.entry("mysql+mysqldb", "mysqlclient"), Map.entry("mysql+pymysql", "pymysql"),
            Map.entry("mysql+aiomysql", "aiomysql"), Map.entry("mysql+asyncmy", "asyncmy"),
            Map.entry("mysql+mysqlconnector", "mysql-connector-python"), Map.entry("mariadb", "mysqlclient"),
            Map.entry("mariadb+mariadbconnector", "mariadb"), Map.entry("mariadb+pymysql", "pymysql"),
            Map.entry("mariadb+aiomysql", "aiomysql"), Map.entry("mariadb+asyncmy", "asyncmy"),
            Map.entry("sqlite+aiosqlite", "aiosqlite"), Map.entry("sqlite+pysqlcipher", "sqlcipher3-binary"),
            Map.entry("mssql", "pyodbc"), Map.entry("mssql+pyodbc", "pyodbc"), Map.entry("mssql+pymssql", "pymssql"),
            Map.entry("mssql+aioodbc", "aioodbc"), Map.entry("oracle", "oracledb"), Map.entry("oracle+oracledb", "oracledb"),
            Map.entry("oracle+cx_oracle", "cx-oracle"));

    /** Django's database backends (settings' ENGINE) and the driver each loads. */
    static final Map<String, String> DJANGO_BACKENDS = Map.of(
            "django.db.backends.postgresql", "psycopg2-binary",
            "django.db.backends.postgresql_psycopg2", "psycopg2-binary",
            "django.db.backends.mysql", "mysqlclient",
            "django.db.backends.oracle", "oracledb");

    private static final Pattern URL = Pattern.compile("(?<![A-Za-z0-9+._-])([a-z][a-z0-9]*(?:\\+[a-z0-9_]+)?)://");
    private static final Pattern WHOLE_URL = Pattern.compile("\\s*([a-z][a-z0-9]*(?:\\+[a-z0-9_]+)?)://\\S*\\s*");

    /** Programs that run the app, and what to declare for each. */
    static final Map<String, String> SERVERS = Map.of("uvicorn", "uvicorn[standard]", "gunicorn", "gunicorn",
            "hypercorn", "hypercorn", "daphne", "daphne", "granian", "granian", "alembic", "alembic");
    private static final Pattern SERVER = Pattern.compile("(?<![\\w.\\-/])(uvicorn|gunicorn|hypercorn|daphne|granian|alembic)(?![\\w-])");

    /** Which Python string literals evidence needs: whole URLs, Django backends, hashing schemes. */
    static final Predicate<String> PYTHON_LITERALS = v -> (v.contains("://") && WHOLE_URL.matcher(v).matches())
            || DJANGO_BACKENDS.containsKey(v) || v.equals("bcrypt") || v.equals("argon2");
    /** Which Python names evidence needs: pydantic's e-mail types. */
    static final Set<String> PYTHON_NAMES = Set.of("EmailStr", "NameEmail");

    /** The needs a configuration-like file shows. */
    static List<Need> fromConfig(String rel, String text) {
        String name = rel.substring(rel.lastIndexOf('/') + 1);
        String lower = name.toLowerCase(Locale.ROOT);
        boolean commands = isCommandFile(name, lower);
        List<Need> needs = new ArrayList<>();
        if (lower.equals("alembic.ini")) {
            needs.add(new Need("alembic", rel, 1, "Alembic configuration"));
        }
        String section = "";
        String[] lines = text.split("\r?\n|\r", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            String t = line.strip();
            if (t.startsWith("#") || t.startsWith(";")) {
                continue;
            }
            int lineNo = i + 1;
            Matcher u = URL.matcher(line.contains("://") ? line : ""); // most lines hold no URL: no search
            while (u.find()) {
                String driver = URL_DRIVERS.get(u.group(1));
                if (driver != null) {
                    needs.add(new Need(driver, rel, lineNo, u.group(1) + ":// database URL"));
                }
            }
            if (commands) {
                Matcher s = SERVER.matcher(line);
                while (s.find()) {
                    String what = s.group(1);
                    needs.add(new Need(SERVERS.get(what), rel, lineNo, what.equals("alembic") ? "runs alembic" : "runs " + what));
                }
            }
            if (t.startsWith("[") && t.endsWith("]")) {
                section = t.substring(1, t.length() - 1).strip();
                toolSection(rel, lower, section, lineNo, needs);
            } else {
                toolSetting(rel, lower, section, t, lineNo, needs);
            }
        }
        toolFile(rel, lower, needs);
        return needs;
    }

    /** Whether {@code module} is {@code top} or inside it (no substring per import). */
    private static boolean isPackage(String module, String top) {
        return module.startsWith(top) && (module.length() == top.length() || module.charAt(top.length()) == '.');
    }

    private static boolean isCommandFile(String name, String lower) {
        return name.startsWith("Dockerfile") || lower.endsWith(".dockerfile") || name.equals("Containerfile")
                || name.equals("Procfile") || lower.equals("makefile") || name.equals("GNUmakefile") || lower.endsWith(".mk")
                || lower.equals("justfile") || lower.endsWith(".sh")
                || ((lower.endsWith(".yml") || lower.endsWith(".yaml")) && lower.contains("compose"))
                || lower.equals("fly.toml");
    }

    private static void toolFile(String rel, String lower, List<Need> needs) {
        switch (lower) {
            case "pytest.ini" -> needs.add(new Need("pytest", rel, 1, "pytest configuration"));
            case "mypy.ini", ".mypy.ini" -> needs.add(new Need("mypy", rel, 1, "mypy configuration"));
            case "ruff.toml", ".ruff.toml" -> needs.add(new Need("ruff", rel, 1, "ruff configuration"));
            case ".flake8" -> needs.add(new Need("flake8", rel, 1, "flake8 configuration"));
            case ".coveragerc" -> needs.add(new Need("coverage", rel, 1, "coverage configuration"));
            case ".isort.cfg" -> needs.add(new Need("isort", rel, 1, "isort configuration"));
            case ".pre-commit-config.yaml", ".pre-commit-config.yml" -> needs.add(new Need("pre-commit", rel, 1, "pre-commit configuration"));
            default -> {
            }
        }
    }

    /** Tool sections in pyproject.toml, setup.cfg and tox.ini. */
    private static void toolSection(String rel, String lower, String section, int line, List<Need> needs) {
        boolean pyproject = lower.equals("pyproject.toml");
        boolean cfg = lower.equals("setup.cfg") || lower.equals("tox.ini");
        if (!pyproject && !cfg) {
            return;
        }
        String tool = null;
        if (pyproject) {
            if (section.equals("tool.pytest.ini_options")) {
                tool = "pytest";
            } else if (section.equals("tool.mypy") || section.startsWith("tool.mypy.") || section.startsWith("[tool.mypy")) {
                tool = "mypy";
            } else if (section.equals("tool.ruff") || section.startsWith("tool.ruff.")) {
                tool = "ruff";
            } else if (section.equals("tool.black")) {
                tool = "black";
            } else if (section.equals("tool.isort")) {
                tool = "isort";
            } else if (section.equals("tool.coverage") || section.startsWith("tool.coverage.")) {
                tool = "coverage";
            }
        } else {
            if (section.equals("tool:pytest") || (lower.equals("tox.ini") && section.equals("pytest"))) {
                tool = "pytest";
            } else if (section.equals("mypy") || section.startsWith("mypy-")) {
                tool = "mypy";
            } else if (section.equals("flake8")) {
                tool = "flake8";
            } else if (section.equals("isort")) {
                tool = "isort";
            } else if (section.equals("tox") && lower.equals("tox.ini")) {
                tool = "tox";
            } else if (section.startsWith("coverage:")) {
                tool = "coverage";
            }
        }
        if (tool != null) {
            needs.add(new Need(tool, rel, line, "[" + section + "] section"));
        }
    }

    /** Plugins that pytest's configuration selects by its settings. */
    private static void toolSetting(String rel, String lower, String section, String t, int line, List<Need> needs) {
        boolean pytestSection = lower.equals("pytest.ini") || section.equals("tool.pytest.ini_options")
                || section.equals("tool:pytest") || (lower.equals("tox.ini") && section.equals("pytest"));
        if (!pytestSection) {
            return;
        }
        if (t.startsWith("asyncio_mode")) {
            needs.add(new Need("pytest-asyncio", rel, line, "pytest asyncio_mode setting"));
        }
        if (t.startsWith("DJANGO_SETTINGS_MODULE")) {
            needs.add(new Need("pytest-django", rel, line, "pytest DJANGO_SETTINGS_MODULE setting"));
        }
        if (t.contains("--cov")) {
            needs.add(new Need("pytest-cov", rel, line, "pytest --cov option"));
        }
        if (t.startsWith("addopts") && t.matches(".*(^|\\s|[\"'])-n\\s*(auto|\\d+).*")) {
            needs.add(new Need("pytest-xdist", rel, line, "pytest -n option"));
        }
    }

    /** The needs Python source shows: URLs in settings, Django backends, passlib schemes, pydantic e-mail types. */
    static List<Need> fromPython(String rel, PythonSource.Scan scan) {
        List<Need> needs = new ArrayList<>();
        boolean passlib = false;
        boolean pydantic = false;
        for (FoundImport i : scan.imports()) {
            passlib |= isPackage(i.module(), "passlib");
            pydantic |= isPackage(i.module(), "pydantic");
        }
        for (PythonSource.Literal l : scan.literals()) {
            String v = l.value();
            Matcher w = WHOLE_URL.matcher(v);
            if (w.matches()) {
                String driver = URL_DRIVERS.get(w.group(1));
                if (driver != null) {
                    needs.add(new Need(driver, rel, l.line(), w.group(1) + ":// database URL"));
                }
            } else if (DJANGO_BACKENDS.containsKey(v)) {
                needs.add(new Need(DJANGO_BACKENDS.get(v), rel, l.line(), "Django database backend " + v));
            } else if (passlib && (v.equals("bcrypt") || v.equals("argon2"))) {
                needs.add(new Need("passlib[" + v + "]", rel, l.line(), "passlib " + v + " scheme"));
            }
        }
        if (pydantic) {
            for (PythonSource.Literal n : scan.names()) {
                needs.add(new Need("email-validator", rel, n.line(), "pydantic " + n.value() + " needs it"));
            }
        }
        return needs;
    }
}
