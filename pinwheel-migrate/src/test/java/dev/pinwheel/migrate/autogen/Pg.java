package dev.pinwheel.migrate.autogen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.pinwheel.migrate.DbUrl;
import dev.pinwheel.migrate.Dialects;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.UUID;

/**
 * A PostgreSQL database of the test's own (PINWHEEL_TEST_PG_URL's server), created with a random
 * name and dropped on close, because other helpers' tests use the same server at the same time.
 */
final class Pg implements AutoCloseable {

    final String name;
    final DbUrl url;
    private final DbUrl admin;

    private Pg(String name, DbUrl url, DbUrl admin) {
        this.name = name;
        this.url = url;
        this.admin = admin;
    }

    /** Skips the test without a server, unless PINWHEEL_TEST_REQUIRE_PG=1 makes that a failure. */
    static Pg create() throws Exception {
        String base = System.getenv("PINWHEEL_TEST_PG_URL");
        if ("1".equals(System.getenv("PINWHEEL_TEST_REQUIRE_PG"))) {
            assertThat(base).as("PINWHEEL_TEST_PG_URL").isNotBlank();
        }
        assumeTrue(base != null && !base.isBlank(), "PINWHEEL_TEST_PG_URL is not set");
        DbUrl admin = DbUrl.parse(base, Path.of("."));
        String name = "pw_ag_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = Dialects.forUrl(admin).connect(admin); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        URI u = URI.create(base);
        return new Pg(name, DbUrl.parse(u.getScheme() + "://" + u.getRawAuthority() + "/" + name, Path.of(".")), admin);
    }

    /** The SQLAlchemy URL text of this database. */
    String urlText() {
        URI u = URI.create(System.getenv("PINWHEEL_TEST_PG_URL"));
        return u.getScheme() + "://" + u.getRawAuthority() + "/" + name;
    }

    Connection connect() throws Exception {
        return Dialects.forUrl(url).connect(url);
    }

    @Override
    public void close() throws Exception {
        try (Connection c = Dialects.forUrl(admin).connect(admin); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }
}
