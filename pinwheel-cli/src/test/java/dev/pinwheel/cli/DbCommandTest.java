package dev.pinwheel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pinwheel.testkit.Golden;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DbCommandTest {

    @TempDir
    Path tmp;
    CliRunner cli;

    @BeforeEach
    void setUp() {
        cli = new CliRunner(tmp);
    }

    private String render(CliRunner.Result r) {
        return r.render(tmp).replaceAll("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}\\.\\d{6}", "[DATE]");
    }

    private CliRunner.Result ok(String... args) {
        CliRunner.Result r = cli.run(args);
        assertThat(r.status()).as(r.render(tmp)).isZero();
        return r;
    }

    private void write(String id, String up, String down) throws Exception {
        Path file = Files.list(tmp.resolve("migrations/versions")).filter(p -> p.getFileName().toString().startsWith(id))
                .findFirst().orElseThrow();
        String text = Files.readString(file);
        text = text.replace("-- +upgrade\n", "-- +upgrade\n" + up).replace("-- +downgrade\n", "-- +downgrade\n" + down);
        Files.writeString(file, text);
        // As a developer does after writing a script's SQL, so that `db sums` passes.
        ok("db", "sums", "--write");
    }

    /** Three linear revisions with real SQL. */
    private void chain() throws Exception {
        ok("db", "init");
        ok("db", "revision", "-m", "create account table", "--rev-id", "1975ea83b712");
        ok("db", "revision", "-m", "add a column", "--rev-id", "ae1027a6acf");
        ok("db", "revision", "-m", "add email", "--rev-id", "27c6a30d7c24");
        write("1975ea83b712", "CREATE TABLE account (id INTEGER PRIMARY KEY, name VARCHAR(50) NOT NULL);\n", "DROP TABLE account;\n");
        write("ae1027a6acf", "ALTER TABLE account ADD COLUMN last_transaction_date TIMESTAMP;\n",
                "ALTER TABLE account DROP COLUMN last_transaction_date;\n");
        write("27c6a30d7c24", "ALTER TABLE account ADD COLUMN email TEXT;\nINSERT INTO account (name) VALUES ('a;b');\n",
                "ALTER TABLE account DROP COLUMN email;\n");
    }

    @Test
    void initCreatesTheFolders() {
        Golden.assertMatches("db/init.txt", render(cli.run("db", "init")));
        Golden.assertMatches("db/init-again.txt", render(cli.run("db", "init")));
    }

    @Test
    void inspectCommandsPrintAlembicShapes() throws Exception {
        chain();
        StringBuilder b = new StringBuilder();
        for (String[] args : new String[][] {{"db", "heads"}, {"db", "history"}, {"db", "history", "-r", "ae10:"},
                {"db", "-v", "history", "-r", ":ae10"}, {"db", "show", "ae10"}, {"db", "show", "head"}, {"db", "branches"}}) {
            b.append("$ pinwheel ").append(String.join(" ", args)).append('\n').append(render(cli.run(args))).append('\n');
        }
        Golden.assertMatches("db/inspect.txt", b.toString());
    }

    @Test
    void upgradeCurrentDowngradeOnTheEmbeddedSqlite() throws Exception {
        chain();
        StringBuilder b = new StringBuilder();
        for (String[] args : new String[][] {{"db", "current"}, {"db", "upgrade", "+1"}, {"db", "current", "--check-heads"},
                {"db", "upgrade"}, {"db", "current", "--check-heads"}, {"db", "history", "-i"}, {"db", "downgrade", "-2"},
                {"db", "current"}, {"db", "downgrade", "base"}, {"db", "current"}}) {
            b.append("$ pinwheel ").append(String.join(" ", args)).append('\n').append(render(cli.run(args))).append('\n');
        }
        Golden.assertMatches("db/run.txt", b.toString());
        assertThat(Files.exists(tmp.resolve(".pinwheel/db.sqlite3"))).isTrue();
    }

    @Test
    void twoHeadsAreRefusedUntilMerged() throws Exception {
        chain();
        ok("db", "revision", "-m", "other branch", "--head", "ae10", "--splice", "--rev-id", "b00000000001", "--branch-label", "side");
        StringBuilder b = new StringBuilder();
        for (String[] args : new String[][] {{"db", "heads"}, {"db", "branches"}, {"db", "upgrade", "head"},
                {"db", "revision", "-m", "x"}, {"db", "merge", "-m", "merge heads", "heads", "--rev-id", "c00000000001"},
                {"db", "heads", "-v"}, {"db", "upgrade", "head"}, {"db", "current"}, {"db", "downgrade", "side@base"},
                {"db", "current"}}) {
            b.append("$ pinwheel ").append(String.join(" ", args)).append('\n').append(render(cli.run(args))).append('\n');
        }
        Golden.assertMatches("db/merge.txt", b.toString());
    }

    @Test
    void offlineSqlAndStamp() throws Exception {
        chain();
        StringBuilder b = new StringBuilder();
        for (String[] args : new String[][] {{"db", "upgrade", "ae10:head", "--sql"}, {"db", "downgrade", "head:base", "--sql"},
                {"db", "downgrade", "base", "--sql"}, {"db", "stamp", "head"}, {"db", "current"}, {"db", "stamp", "--purge", "ae10"},
                {"db", "current"}}) {
            b.append("$ pinwheel ").append(String.join(" ", args)).append('\n')
                    .append(render(cli.run(args)).replaceAll("'[0-9a-f]{64}'", "'[SHA256]'")).append('\n');
        }
        Golden.assertMatches("db/offline-and-stamp.txt", b.toString());
    }

    @Test
    void failingMigrationShowsStatementAndLine() throws Exception {
        chain();
        write("ae1027a6acf", "INSERT INTO nowhere VALUES (1);\n", "");
        Golden.assertMatches("db/failure.txt", render(cli.run("db", "upgrade")));
        assertThat(render(cli.run("db", "current"))).contains("1975ea83b712");
    }

    @Test
    void brokenHeaderAndAmbiguousPrefixAreBadInput() throws Exception {
        chain();
        ok("db", "revision", "-m", "same prefix", "--rev-id", "1975ffffffff");
        Golden.assertMatches("db/ambiguous.txt", render(cli.run("db", "show", "1975")));
        Path file = tmp.resolve("migrations/versions/1975ffffffff_same_prefix.sql");
        Files.writeString(file, Files.readString(file).replace("-- depends_on:", "-- depend_on:"));
        Golden.assertMatches("db/broken-header.txt", render(cli.run("db", "heads")));
    }

    @Test
    void passwordsNeverAppearInOutput() throws Exception {
        chain();
        CliRunner.Result r = cli.env("DATABASE_URL", "postgresql+psycopg2://app:s3cr%40t@127.0.0.1:1/shop").run("db", "-v", "current");
        assertThat(r.status()).isEqualTo(3);
        assertThat(r.stdout() + r.stderr()).doesNotContain("s3cr").contains("postgresql+psycopg2://app:***@127.0.0.1:1/shop");
    }

    @Test
    void urlFromDotenv() throws Exception {
        chain();
        Files.writeString(tmp.resolve(".env"), "DATABASE_URL=\"sqlite:///from_env.db\"\n");
        ok("db", "upgrade");
        assertThat(Files.exists(tmp.resolve("from_env.db"))).isTrue();
    }

    @Test
    void theChecksumFileGuardsAgainstABadMergeOfTwoBranches() throws Exception {
        chain();
        Path versions = tmp.resolve("migrations/versions");
        Path sums = versions.resolve("pinwheel.sum");
        String base = Files.readString(sums);
        // Two branches each add a revision on the head, and each rewrites the tail of pinwheel.sum.
        ok("db", "revision", "-m", "ours", "--rev-id", "0a0000000001");
        Path oursFile = versions.resolve("0a0000000001_ours.sql");
        String oursScript = Files.readString(oursFile);
        String ours = Files.readString(sums);
        Files.delete(oursFile);
        Files.writeString(sums, base);
        ok("db", "revision", "-m", "theirs", "--rev-id", "0b0000000001");
        String theirs = Files.readString(sums);
        Files.writeString(oursFile, oursScript);
        String tail = base.substring(0, base.lastIndexOf("heads:"));
        String[][] commands = {{"db", "upgrade", "heads"}, {"db", "sums"}};
        StringBuilder b = new StringBuilder();
        b.append("# 1. version control reports the conflict and the file keeps its markers\n");
        Files.writeString(sums, tail + "<<<<<<< ours\n" + ours.substring(tail.length()) + "=======\n"
                + theirs.substring(tail.length()) + ">>>>>>> theirs\n");
        run(b, commands);
        b.append("# 2. resolved by taking theirs: our script is not listed\n");
        Files.writeString(sums, theirs);
        run(b, commands);
        b.append("# 3. resolved by keeping both lines under one heads line\n");
        Files.writeString(sums, tail + ours.substring(tail.length()).replace("heads: 0a0000000001\n", "")
                + theirs.substring(tail.length()));
        run(b, commands);
        b.append("# 4. joined by a merge revision\n");
        run(b, new String[][] {{"db", "merge", "-m", "merge heads", "heads", "--rev-id", "0c0000000001"}, {"db", "sums"},
                {"db", "upgrade"}});
        b.append("# 5. a script edited after the file was written: db sums says so, other commands do not refuse\n");
        Path merge = versions.resolve("0c0000000001_merge_heads.sql");
        Files.writeString(merge, Files.readString(merge).replace("-- +downgrade\n", "SELECT 1;\n\n-- +downgrade\n"));
        run(b, new String[][] {{"db", "sums"}, {"db", "current"}});
        b.append("# 6. the file is gone, and with it the guard\n");
        Files.delete(sums);
        run(b, new String[][] {{"db", "downgrade", "-1"}, {"db", "downgrade", "head:-1", "--sql"}, {"db", "sums", "--write"},
                {"db", "sums"}, {"db", "downgrade", "27c6"}});
        Golden.assertMatches("db/sums.txt", b.toString());
    }

    private void run(StringBuilder b, String[][] commands) {
        for (String[] args : commands) {
            b.append("$ pinwheel ").append(String.join(" ", args)).append('\n').append(render(cli.run(args))).append('\n');
        }
    }

    @Test
    void appliedByFallsBackToLognameThenTheJvmsUserName() {
        java.util.Map<String, String> env = new java.util.HashMap<>();
        java.util.function.Function<String, java.util.Optional<String>> lookup = n -> java.util.Optional.ofNullable(env.get(n));
        assertThat(DbCommand.Base.appliedBy(lookup, "root")).isEqualTo("root");
        assertThat(DbCommand.Base.appliedBy(lookup, null)).isEqualTo("unknown");
        env.put("LOGNAME", "ci");
        assertThat(DbCommand.Base.appliedBy(lookup, "root")).isEqualTo("ci");
        env.put("USERNAME", "win");
        assertThat(DbCommand.Base.appliedBy(lookup, "root")).isEqualTo("win");
        env.put("USER", "alice");
        assertThat(DbCommand.Base.appliedBy(lookup, "root")).isEqualTo("alice");
    }
}
