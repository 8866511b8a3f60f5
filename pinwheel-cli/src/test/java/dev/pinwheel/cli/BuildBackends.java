package dev.pinwheel.cli;

import dev.pinwheel.testkit.Dist;
import dev.pinwheel.testkit.TestIndex;
import dev.pinwheel.testkit.WheelBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Assumptions;

/**
 * A real setuptools backend for tests that run PEP 517 hooks, without the network: the
 * setuptools wheel bundled with the test interpreter's {@code ensurepip} (65.5.0 on CPython 3.11),
 * and a stand-in for {@code wheel}, which setuptools before 70.1 asks for in
 * {@code get_requires_for_build_wheel} and whose {@code bdist_wheel.egg2dist} its
 * {@code dist_info} command calls. The stand-in does only that conversion (PKG-INFO plus
 * requires.txt into METADATA); it cannot build wheels, which compile never needs.
 */
final class BuildBackends {

    private static final String EGG2DIST = """
            import os, shutil
            from setuptools import Command


            class bdist_wheel(Command):
                description = "test stand-in: only egg2dist, as setuptools' dist_info uses it"
                user_options = []

                def initialize_options(self):
                    pass

                def finalize_options(self):
                    pass

                def run(self):
                    raise SystemExit("the test stand-in for wheel cannot build wheels")

                def egg2dist(self, egginfo_path, distinfo_path):
                    os.makedirs(distinfo_path, exist_ok=True)
                    with open(os.path.join(egginfo_path, "PKG-INFO"), encoding="utf-8") as f:
                        head, sep, body = f.read().partition("\\n\\n")
                    lines = head.rstrip("\\n").split("\\n")
                    requires = os.path.join(egginfo_path, "requires.txt")
                    section = ""
                    if os.path.exists(requires):
                        with open(requires, encoding="utf-8") as f:
                            for line in f.read().splitlines():
                                line = line.strip()
                                if not line:
                                    continue
                                if line.startswith("["):
                                    section = line[1:-1]
                                    continue
                                extra, _, marker = section.partition(":")
                                conditions = []
                                if marker:
                                    conditions.append("(%s)" % marker if extra else marker)
                                if extra:
                                    conditions.append('extra == "%s"' % extra)
                                lines.append("Requires-Dist: " + line + ("; " + " and ".join(conditions) if conditions else ""))
                    with open(os.path.join(distinfo_path, "METADATA"), "w", encoding="utf-8") as f:
                        f.write("\\n".join(lines) + "\\n" + sep + body)
                    shutil.rmtree(egginfo_path)
            """;

    private BuildBackends() {
    }

    /** Adds setuptools and the wheel stand-in to {@code index}; aborts the test when the interpreter bundles no setuptools. */
    static void serveSetuptools(TestIndex index) throws Exception {
        Path bundled = ensurepipBundled();
        Path setuptools;
        try (Stream<Path> files = Files.list(bundled)) {
            setuptools = files.filter(f -> f.getFileName().toString().startsWith("setuptools-")).findFirst().orElse(null);
        }
        Assumptions.assumeTrue(setuptools != null, "python3's ensurepip bundles no setuptools (CPython 3.12+)");
        String filename = setuptools.getFileName().toString();
        String version = filename.split("-")[1];
        index.add(new Dist("setuptools", version, filename, Files.readAllBytes(setuptools), metadataOf(setuptools)));
        index.add(WheelBuilder.of("wheel", "0.0.1")
                .module("wheel/__init__.py", "")
                .module("wheel/bdist_wheel.py", EGG2DIST)
                .module("wheel-0.0.1.dist-info/entry_points.txt",
                        "[distutils.commands]\nbdist_wheel = wheel.bdist_wheel:bdist_wheel\n")
                .build());
    }

    private static String metadataOf(Path wheel) throws IOException {
        try (ZipFile zip = new ZipFile(wheel.toFile())) {
            var entry = zip.stream().filter(e -> e.getName().endsWith(".dist-info/METADATA")).findFirst().orElseThrow();
            return new String(zip.getInputStream(entry).readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static Path ensurepipBundled() throws Exception {
        Process p = new ProcessBuilder(List.of("python3", "-c",
                "import ensurepip, os; print(os.path.join(os.path.dirname(ensurepip.__file__), '_bundled'))"))
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        Assumptions.assumeTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "python3 has no ensurepip: " + out);
        return Path.of(out);
    }
}
