package dev.pinwheel.cli.deps;

import dev.pinwheel.packaging.PinwheelException;
import dev.pinwheel.packaging.PinwheelException.Category;
import dev.pinwheel.scan.Chill;
import dev.pinwheel.scan.Needed;
import dev.pinwheel.scan.PinMode;
import dev.pinwheel.scan.ReqsResult;
import dev.pinwheel.scan.RequirementsWriter;
import dev.pinwheel.support.AtomicFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The first {@code requirements/base.in} and {@code dev.in} ({@code pinwheel init}): from what
 * the code needs (route A, with the never-imported needs and their evidence), from what the
 * environment was asked for (route B, development tools split out, tool-chain leftovers left
 * out), or from the guide's template for FastAPI + SQLAlchemy 2 (async) + PostgreSQL.
 *
 * @param base     the runtime intent
 * @param dev      the development intent; it includes base with {@code -r base.in}
 * @param left     what was deliberately not written (leftovers), for the user to hear
 */
public record InitFiles(String base, String dev, List<String> left) {

    public InitFiles {
        left = List.copyOf(left);
    }

    private static final String DEV_HEADER = "# requirements/dev.in: development and test tools; includes the runtime set\n"
            + "-r base.in\n";

    /** Route A: {@code reqs}' runtime list for base, its test and tooling list for dev. */
    public static InitFiles fromCode(ReqsResult needs, PinMode mode) {
        return new InitFiles("# requirements/base.in: what the code needs at run time (found by pinwheel init --from code)\n"
                + RequirementsWriter.render(needs.runtime(), mode),
                DEV_HEADER + RequirementsWriter.render(needs.dev(), mode), List.of());
    }

    /** Route B: {@code chill}'s runtime top-level for base, its development tools for dev. */
    public static InitFiles fromEnvironment(Chill.Result chill, PinMode mode) {
        List<Needed> runtime = needs(chill, Chill.Group.RUNTIME);
        List<Needed> dev = needs(chill, Chill.Group.DEV);
        List<String> left = chill.topLevel().stream().filter(e -> e.group() == Chill.Group.LEFTOVER)
                .map(e -> e.name() + "==" + e.version()).toList();
        return new InitFiles("# requirements/base.in: what the environment was asked for (found by pinwheel init --from env)\n"
                + RequirementsWriter.render(runtime, mode), DEV_HEADER + RequirementsWriter.render(dev, mode), left);
    }

    private static List<Needed> needs(Chill.Result chill, Chill.Group group) {
        return chill.topLevel().stream().filter(e -> e.group() == group)
                .map(e -> new Needed(e.name(), new java.util.TreeSet<>(e.extras()), Optional.of(e.version()), List.of(), List.of(), List.of(), false))
                .toList();
    }

    /** Route C: the guide's base.in for FastAPI + SQLAlchemy 2 (async) + PostgreSQL, and its usual dev.in. */
    public static InitFiles template() {
        return new InitFiles("""
                # requirements/base.in: FastAPI + SQLAlchemy 2 (async) + PostgreSQL (pinwheel's template)
                fastapi
                uvicorn[standard]        # the ASGI server that runs the app
                sqlalchemy>=2
                asyncpg                  # async driver (the app: postgresql+asyncpg://)
                psycopg2-binary          # sync driver (migrations: postgresql+psycopg2://)
                alembic
                httpx
                python-dotenv
                pydantic-settings
                passlib[bcrypt]
                email-validator
                pyjwt
                """, DEV_HEADER + """
                pytest
                pytest-asyncio
                ruff
                mypy
                """, List.of());
    }

    /** Writes both files under {@code root/requirements}; refuses to replace either unless {@code force}. */
    public List<Path> write(Path root, boolean force) {
        Path base = root.resolve(Layout.DIR).resolve("base.in");
        Path devIn = root.resolve(Layout.DIR).resolve("dev.in");
        if (!force) {
            for (Path p : List.of(base, devIn)) {
                if (Files.exists(p)) {
                    throw new PinwheelException(Category.BAD_INPUT, Layout.DIR + "/" + p.getFileName() + " already exists",
                            "pass --force to replace it, or change it with pinwheel add / pinwheel remove");
                }
            }
        }
        AtomicFiles.write(base, this.base);
        AtomicFiles.write(devIn, dev);
        return List.of(base, devIn);
    }
}
