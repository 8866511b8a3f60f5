package dev.pinwheel.migrate.autogen;

import dev.pinwheel.migrate.DbException;
import dev.pinwheel.migrate.SqlSplitter;
import dev.pinwheel.packaging.PinwheelException.Category;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** A declarative {@code schema.sql}: the statements that build the wanted schema from nothing. */
public final class SchemaFile implements TargetSource {

    private final Path file;
    private final Map<String, String> namingConvention;

    public SchemaFile(Path file, Map<String, String> namingConvention) {
        this.file = file;
        this.namingConvention = Map.copyOf(namingConvention);
    }

    public Path file() {
        return file;
    }

    @Override
    public TargetDdl load(String dialect) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new DbException(Category.BAD_INPUT, "the schema file " + file + " does not exist",
                    "create it, or point schema in [tool.pinwheel.db] at the right file");
        } catch (IOException e) {
            throw new DbException(Category.ENVIRONMENT, "cannot read " + file, null, e);
        }
        List<SqlSplitter.Statement> split = SqlSplitter.split(text,
                dialect.equals("postgresql") ? SqlSplitter.Flavor.POSTGRES : SqlSplitter.Flavor.SQLITE);
        return new TargetDdl(file.toString(), split.stream().map(SqlSplitter.Statement::sql).toList(),
                split.stream().map(SqlSplitter.Statement::line).toList(), namingConvention, Map.of());
    }
}
