package dev.pinwheel.migrate.autogen;

import dev.pinwheel.migrate.DbConfig;
import dev.pinwheel.migrate.DbException;
import dev.pinwheel.packaging.PinwheelException.Category;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Where the wanted schema comes from: a SQLAlchemy model read by the project's interpreter
 * ({@link SqlAlchemyModel}) or a declarative {@code schema.sql} ({@link SchemaFile}). Both hand
 * over DDL for one dialect, which is then materialized and introspected like the real database.
 */
public interface TargetSource {

    /** The DDL for {@code dialect} ({@code sqlite} or {@code postgresql}). */
    TargetDdl load(String dialect);

    /**
     * The source the config names: {@code metadata} (read by the interpreter {@code python}
     * supplies, asked only then) or {@code schema}.
     *
     * @param env the interpreter's environment (null: inherit)
     */
    static TargetSource configured(DbConfig config, Supplier<Path> python, Map<String, String> env) {
        DbConfig.Autogen a = config.autogen();
        if (a.metadata().isPresent()) {
            return new SqlAlchemyModel(python.get(), a.metadata().get(), config.projectRoot(), env, a.namingConvention());
        }
        if (a.schemaFile().isPresent()) {
            return new SchemaFile(a.schemaFile().get(), a.namingConvention());
        }
        throw new DbException(Category.BAD_INPUT, "no target schema is configured for autogenerate",
                "set metadata = \"app.models:Base\" (a SQLAlchemy model) or schema = \"schema.sql\" in "
                        + "[tool.pinwheel.db] of pyproject.toml (or [db] of pinwheel.toml)");
    }
}
