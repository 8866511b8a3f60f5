package dev.pinwheel.cli.deps;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckerTest {

    @TempDir
    Path tmp;

    private void write(String name, String text) throws Exception {
        Path file = tmp.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private java.util.List<String> check() {
        Layout layout = Layout.of(tmp, Map.of());
        return Checker.locks(layout, Checker.intents(layout, n -> null), LockDiff.snapshot(layout)).stream()
                .map(Checker.Finding::message).toList();
    }

    @Test
    void aLockThatSatisfiesItsIntentPasses() throws Exception {
        write("requirements/base.in", "SQLAlchemy[asyncio]>=2\nhttpx ; sys_platform == 'win32'\n");
        write("requirements/base.txt", "greenlet==3.0.3\n    # via sqlalchemy\nsqlalchemy[asyncio]==2.0.29\n"
                + "    # via -r requirements/base.in\n");
        assertThat(check()).isEmpty();
    }

    @Test
    void constraintsRangesAndExtrasAreCheckedAgainstThePins() throws Exception {
        write("requirements/base.in", "sqlalchemy>=2\npasslib[bcrypt]\n");
        write("requirements/base.txt", "sqlalchemy==2.0.29    # via -r requirements/base.in\n"
                + "passlib==1.7.4    # via -r requirements/base.in\nanyio==4.4.0    # via httpx\n");
        write("requirements/dev.in", "-r base.in\n-c base.txt\n-c pins.txt\n");
        write("requirements/pins.txt", "anyio<4.4\n");
        write("requirements/dev.txt", "sqlalchemy==1.4.52\n    # via -r requirements/base.in\n"
                + "passlib[bcrypt]==1.7.4\n    # via -r requirements/base.in\nanyio==4.4.0\n    # via\n    #   -c requirements/base.txt\n    #   httpx\n");
        assertThat(check()).containsExactly(
                "requirements/base.txt pins passlib==1.7.4 without [bcrypt], which requirements/base.in:2 asks for",
                "requirements/dev.txt pins sqlalchemy==1.4.52, but requirements/base.in:1 asks for sqlalchemy>=2",
                "requirements/dev.txt pins sqlalchemy==1.4.52, but requirements/base.txt:1 asks for sqlalchemy==2.0.29 (a constraint)",
                "requirements/dev.txt pins anyio==4.4.0, but requirements/pins.txt:1 asks for anyio<4.4 (a constraint)");
    }

    @Test
    void aPinOnlyARemovedRequirementBroughtInIsStale() throws Exception {
        write("requirements/base.in", "fastapi\n");
        write("requirements/base.txt", "fastapi==0.110.0\n    # via -r requirements/base.in\n"
                + "requests==2.31.0\n    # via -r requirements/base.in\nidna==3.6\n    # via requests\n");
        assertThat(check()).containsExactly(
                "requirements/base.txt still pins requests==2.31.0, which requirements/base.in no longer asks for");
    }

    @Test
    void anUncompiledIntentIsNamed() throws Exception {
        write("requirements/base.in", "fastapi\n");
        assertThat(check()).containsExactly("requirements/base.txt does not exist: requirements/base.in was never compiled");
    }
}
