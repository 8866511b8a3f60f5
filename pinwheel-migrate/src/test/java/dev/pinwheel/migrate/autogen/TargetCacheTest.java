package dev.pinwheel.migrate.autogen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pinwheel.migrate.DbConfig;
import dev.pinwheel.migrate.DbUrl;
import dev.pinwheel.migrate.ScriptAuthor;
import dev.pinwheel.migrate.ScriptDirectory;
import dev.pinwheel.migrate.schema.Column;
import dev.pinwheel.migrate.schema.Schema;
import dev.pinwheel.migrate.schema.SchemaChange;
import dev.pinwheel.migrate.schema.Table;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TargetCacheTest {

    @TempDir
    Path tmp;

    private static final List<String> DDL = List.of("CREATE TABLE a (id integer)", "CREATE TABLE b (id integer)");

    @Test
    void theKeyChangesWithEveryInputThatDecidesTheIntrospectedSchema() {
        String key = TargetCache.key("postgresql", "server 1", DDL, "filter");
        assertThat(TargetCache.key("postgresql", "server 1", DDL, "filter")).isEqualTo(key);
        assertThat(List.of(
                TargetCache.key("sqlite", "server 1", DDL, "filter"),
                TargetCache.key("postgresql", "server 2", DDL, "filter"),
                TargetCache.key("postgresql", "server 1", DDL, "other filter"),
                TargetCache.key("postgresql", "server 1", List.of(DDL.get(1), DDL.get(0)), "filter"),
                TargetCache.key("postgresql", "server 1", List.of("CREATE TABLE a (id bigint)", DDL.get(1)), "filter"),
                TargetCache.key("postgresql", "server 1", DDL.subList(0, 1), "filter"),
                // the same characters split differently are different statements
                TargetCache.key("postgresql", "server 1", List.of(DDL.get(0) + DDL.get(1)), "filter"),
                TargetCache.key("postgresql", "server 1", List.of(DDL.get(0), DDL.get(1), ""), "filter")))
                .doesNotContain(key).doesNotHaveDuplicates();
    }

    @Test
    void storesReadsAndTreatsDamagedEntriesAsMisses() throws Exception {
        TargetCache cache = TargetCache.under(Optional.of(tmp));
        Schema schema = Schema.of(List.of(Table.of("t", List.of(Column.of("id", "integer").notNull()))));
        assertThat(cache.get("k1")).isEmpty();
        cache.put("k1", schema);
        assertThat(cache.get("k1")).contains(schema);
        Path entry = tmp.resolve(TargetCache.FOLDER).resolve("k1.json");
        Files.writeString(entry, Files.readString(entry).substring(0, 20));
        assertThat(cache.get("k1")).isEmpty();
        cache.put("k1", schema);
        assertThat(cache.get("k1")).contains(schema);
    }

    @Test
    void keepsOnlyTheMostRecentlyUsedEntries() throws Exception {
        TargetCache cache = TargetCache.under(Optional.of(tmp));
        Schema schema = Schema.empty();
        Path dir = tmp.resolve(TargetCache.FOLDER);
        long now = System.currentTimeMillis();
        for (int i = 0; i < TargetCache.KEEP; i++) {
            cache.put("k" + i, schema);
            Files.setLastModifiedTime(dir.resolve("k" + i + ".json"), FileTime.fromMillis(now - 100_000 + i * 1000L));
        }
        assertThat(cache.get("k0")).isPresent(); // used: now the most recent
        cache.put("new", schema);
        try (Stream<Path> files = Files.list(dir)) {
            List<String> left = files.map(f -> f.getFileName().toString()).toList();
            assertThat(left).hasSize(TargetCache.KEEP).contains("k0.json", "new.json").doesNotContain("k1.json");
        }
    }

    @Test
    void withoutACacheDirectoryNothingIsKept() {
        TargetCache cache = TargetCache.under(Optional.empty());
        cache.put("k", Schema.empty());
        assertThat(cache.enabled()).isFalse();
        assertThat(cache.get("k")).isEmpty();
    }

    /** The steps a compare ran, in order. */
    private static final class Steps implements AutogenListener {
        final List<String> steps = new ArrayList<>();

        @Override
        public void step(String what) {
            synchronized (steps) {
                steps.add(what);
            }
        }

        boolean built() {
            return steps.contains("building the target schema in the dev database");
        }
    }

    private Autogenerator.Comparison compare(Steps steps, Optional<Path> cache) {
        DbConfig config = DbConfig.load(tmp);
        return new Autogenerator(steps).compare(new Autogenerator.Request(config, ScriptDirectory.load(config.versionsDir()),
                DbUrl.parse("sqlite:///app.db", tmp), new SchemaFile(tmp.resolve("schema.sql"), Map.of()), Optional.empty(),
                true, cache));
    }

    @Test
    void anUnchangedTargetComesFromTheCacheAndAChangedOneIsBuiltAgain() throws Exception {
        Files.writeString(tmp.resolve("pyproject.toml"), "[tool.pinwheel.db]\nschema = \"schema.sql\"\n");
        DbConfig config = DbConfig.load(tmp);
        ScriptAuthor.init(config, config.scriptLocation());
        Files.writeString(tmp.resolve("schema.sql"), "CREATE TABLE item (id INTEGER PRIMARY KEY, name TEXT NOT NULL);\n");
        Optional<Path> cache = Optional.of(tmp.resolve("cache"));

        Steps first = new Steps();
        Autogenerator.Comparison built = compare(first, cache);
        assertThat(first.built()).isTrue();
        assertThat(built.changes()).extracting(SchemaChange::description).containsExactly("add table item (2 columns)");

        Steps second = new Steps();
        Autogenerator.Comparison cached = compare(second, cache);
        assertThat(second.built()).as("steps " + second.steps).isFalse();
        assertThat(cached.target()).isEqualTo(built.target());
        assertThat(cached.changes()).isEqualTo(built.changes());

        Files.writeString(tmp.resolve("schema.sql"),
                "CREATE TABLE item (id INTEGER PRIMARY KEY, name TEXT NOT NULL, price INTEGER);\n");
        Steps third = new Steps();
        Autogenerator.Comparison changed = compare(third, cache);
        assertThat(third.built()).isTrue();
        assertThat(changed.target().table("item").orElseThrow().column("price")).isPresent();
        assertThat(changed.changes()).extracting(SchemaChange::description).containsExactly("add table item (3 columns)");

        Steps noCache = new Steps();
        assertThat(compare(noCache, Optional.empty()).target()).isEqualTo(changed.target());
        assertThat(noCache.built()).isTrue();
    }
}
