import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Properties;

/**
 * bench/db.py's ideal JVM client: connects with the PostgreSQL driver pinwheel ships, the way
 * pinwheel connects for migrations (simple query mode, application name in the startup message,
 * no TLS on loopback), and sends a file's lines as messages, one batch of revisions per line. It
 * reads no script and checks nothing: the least a JVM client could take for the same SQL.
 *
 * <p>Usage: {@code java -cp pinwheel.jar:. IdealClient JDBC_URL USER PASSWORD FILE}
 */
public final class IdealClient {
    public static void main(String[] args) throws Exception {
        Properties p = new Properties();
        p.setProperty("user", args[1]);
        p.setProperty("password", args[2]);
        p.setProperty("preferQueryMode", "simple");
        p.setProperty("sslmode", "disable");
        p.setProperty("assumeMinServerVersion", "9.0");
        try (Connection c = new org.postgresql.Driver().connect(args[0], p); Statement s = c.createStatement()) {
            for (String batch : Files.readAllLines(Path.of(args[3]))) {
                s.execute(batch);
            }
        }
    }
}
