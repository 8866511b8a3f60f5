package dev.pinwheel.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Asks pip's own {@code packaging} (26 or later, installed into a throwaway venv) the same
 * questions as this module and compares the answers: version normalization and validity, the
 * order, specifier matching with pre-releases on and off, marker evaluation and requirement
 * parsing. Deliberate differences are kept out of the cases: {@code contains} without an explicit
 * pre-release flag (packaging 26 admits pre-releases there, pip's resolver does not), and string
 * ordering in markers (packaging 26 makes {@code <}/{@code >} on strings false; pip today and this
 * module compare the text).
 */
class PackagingDifferentialIT {

    @TempDir
    static Path work;

    private static Path python;

    @BeforeAll
    static void installPackaging() throws Exception {
        try {
            run(List.of("python3", "-c", "import packaging, sys; sys.exit(int(packaging.__version__.split('.')[0]) < 26)"));
            python = Path.of("python3"); // already at hand; spares a venv and an install
            return;
        } catch (AssertionError missingOrOld) {
            // install it below
        }
        Path venv = work.resolve("venv");
        run(List.of("python3", "-m", "venv", venv.toString()));
        python = venv.resolve("bin/python");
        run(List.of(python.toString(), "-m", "pip", "install", "-q", "--disable-pip-version-check", "packaging>=26"));
    }

    @Test
    void versionsNormalizeAndValidateLikePackaging() throws Exception {
        Random random = new Random(11);
        List<String> cases = new ArrayList<>();
        List<String> inputs = new ArrayList<>();
        String alphabet = "0123456789.-_+!vVaAbBcCrRpPeEoOsStTdDlLiIwW* ";
        for (int i = 0; i < 6000; i++) {
            StringBuilder b = new StringBuilder();
            int length = 1 + random.nextInt(12);
            for (int j = 0; j < length; j++) {
                b.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            inputs.add(b.toString());
        }
        for (String s : List.of("1.0a.", "1.0a-post", "1.0a--1", "1.0.dev.", "1.0+a-b_c", "1.0-post-1", "1.0post-1",
                "1.0-dev", "1.0.-1", "1.0_1", "1.0.1-1", "v1!1.0RC1", "1.0PREVIEW2", " 1.0 ", "1.0+01.a")) {
            inputs.add(s);
        }
        for (String s : inputs) {
            cases.add("V\t" + s);
        }
        List<String> answers = ask(cases);
        for (int i = 0; i < inputs.size(); i++) {
            String ours;
            try {
                ours = Version.parse(inputs.get(i)).toString();
            } catch (ParseException e) {
                ours = "INVALID";
            }
            assertThat(ours).as("Version(%s)", inputs.get(i)).isEqualTo(answers.get(i));
        }
    }

    private static final List<String> RELEASES = List.of("0", "1", "1.0", "1.0.0", "1.1", "2", "2.0", "1.4.5", "2.2",
            "0.9", "1!1.0", "10.3.2");
    private static final List<String> SUFFIXES = List.of("", "a1", "a2", "b1", "rc1", ".post1", ".post2", ".dev1",
            "a1.dev1", ".post1.dev1", "rc1.post1", "+local", "+abc.5", "+5", ".post1+l", ".dev0");

    private static List<String> sampleVersions() {
        List<String> out = new ArrayList<>();
        for (String r : RELEASES) {
            for (String s : SUFFIXES) {
                out.add(r + s);
            }
        }
        return out;
    }

    @Test
    void versionsOrderLikePackaging() throws Exception {
        List<String> versions = sampleVersions();
        List<String> cases = new ArrayList<>();
        for (String a : versions) {
            for (String b : versions) {
                cases.add("O\t" + a + "\t" + b);
            }
        }
        List<String> answers = ask(cases);
        int i = 0;
        for (String a : versions) {
            for (String b : versions) {
                int ours = Integer.signum(Version.parse(a).compareTo(Version.parse(b)));
                assertThat(String.valueOf(ours)).as("%s vs %s", a, b).isEqualTo(answers.get(i++));
            }
        }
    }

    @Test
    void specifiersMatchLikePackaging() throws Exception {
        List<String> versions = sampleVersions();
        List<String> specs = new ArrayList<>();
        for (String r : RELEASES) {
            for (String s : SUFFIXES) {
                for (String op : List.of("==", "!=", "<=", ">=", "<", ">", "~=", "===")) {
                    specs.add(op + r + s);
                }
            }
            specs.add("==" + r + ".*");
            specs.add("!=" + r + ".*");
        }
        Random random = new Random(5);
        List<String> cases = new ArrayList<>();
        List<String[]> asked = new ArrayList<>();
        for (String spec : specs) {
            for (int k = 0; k < 12; k++) {
                String v = versions.get(random.nextInt(versions.size()));
                cases.add("C\t" + spec + "\t" + v);
                asked.add(new String[] {spec, v});
            }
        }
        List<String> answers = ask(cases);
        for (int i = 0; i < asked.size(); i++) {
            String ours;
            try {
                SpecifierSet set = SpecifierSet.parse(asked.get(i)[0]);
                Version v = Version.parse(asked.get(i)[1]);
                ours = capital(set.contains(v, true)) + " " + capital(set.contains(v, false));
            } catch (ParseException e) {
                ours = "INVALID";
            }
            assertThat(ours).as("%s contains %s", asked.get(i)[0], asked.get(i)[1]).isEqualTo(answers.get(i));
        }
    }

    @Test
    void markersEvaluateLikePackaging() throws Exception {
        List<MarkerEnvironment> envs = List.of(MarkerEnvironment.forTarget("3.11.7", "linux"),
                MarkerEnvironment.forTarget("3.8.0rc1", "windows"), MarkerEnvironment.forTarget("3.13", "macos"));
        List<String> versionVars = List.of("python_version", "python_full_version", "implementation_version");
        List<String> versionLiterals = List.of("3", "3.8", "3.11", "3.8.0", "3.11.7", "3.8.0rc1", "3.12", "3.*", "3.8.*", "3.13.0");
        List<String> stringVars = List.of("os_name", "sys_platform", "platform_system", "platform_machine",
                "platform_python_implementation", "implementation_name", "os.name", "sys.platform", "python_implementation");
        List<String> stringLiterals = List.of("linux", "win32", "darwin", "posix", "nt", "Linux", "x86_64", "arm64", "CPython", "cpython", "win", "");
        Random random = new Random(3);
        List<String> markers = new ArrayList<>();
        for (int i = 0; i < 1500; i++) {
            StringBuilder b = new StringBuilder();
            int atoms = 1 + random.nextInt(3);
            for (int a = 0; a < atoms; a++) {
                if (a > 0) {
                    b.append(random.nextBoolean() ? " and " : " or ");
                }
                String atom;
                if (random.nextBoolean()) {
                    String op = List.of("==", "!=", "<", "<=", ">", ">=", "~=").get(random.nextInt(7));
                    String literal = versionLiterals.get(random.nextInt(versionLiterals.size()));
                    if (!op.startsWith("=") && !op.equals("!=")) {
                        literal = literal.replace(".*", ""); // ">= '3.*'" would fall back to string ordering
                    }
                    String var = versionVars.get(random.nextInt(versionVars.size()));
                    // A reversed wildcard ("3.8.*" != python_version) is no version: packaging says false,
                    // we compare the text as the specification's fallback says, so keep those out.
                    atom = random.nextInt(4) == 0 && !literal.contains("*")
                            ? "'" + literal + "' " + op + " " + var : var + " " + op + " '" + literal + "'";
                } else if (random.nextInt(5) == 0) {
                    atom = (random.nextBoolean() ? "extra" : "'Test_X'") + (random.nextBoolean() ? " == " : " != ")
                            + (random.nextBoolean() ? "'test-x'" : "'other'");
                    atom = atom.startsWith("'") ? "'test.X' == extra" : atom;
                } else {
                    String op = List.of("==", "!=", "in", "not in").get(random.nextInt(4));
                    String literal = stringLiterals.get(random.nextInt(stringLiterals.size()));
                    String var = stringVars.get(random.nextInt(stringVars.size()));
                    atom = random.nextInt(3) == 0 ? "\"" + literal + "\" " + op + " " + var : var + " " + op + " \"" + literal + "\"";
                }
                b.append(random.nextInt(5) == 0 ? "(" + atom + ")" : atom);
            }
            markers.add(b.toString());
        }
        List<String> cases = new ArrayList<>();
        List<Object[]> asked = new ArrayList<>();
        for (String m : markers) {
            MarkerEnvironment env = envs.get(random.nextInt(envs.size()));
            String extra = List.of("", "test_x", "other").get(random.nextInt(3));
            cases.add("M\t" + m + "\t" + json(env.toMap()) + "\t" + extra);
            asked.add(new Object[] {m, env, extra});
        }
        List<String> answers = ask(cases);
        for (int i = 0; i < asked.size(); i++) {
            String m = (String) asked.get(i)[0];
            String extra = (String) asked.get(i)[2];
            Set<ExtraName> extras = extra.isEmpty() ? Set.of() : Set.of(ExtraName.parse(extra));
            String ours = capital(Marker.parse(m).evaluate((MarkerEnvironment) asked.get(i)[1], extras));
            String theirs = answers.get(i);
            if (theirs.equals("UNDEFINED")) {
                continue; // packaging aborts the whole evaluation where we call one comparison false
            }
            assertThat(ours).as("%s in %s with extra %s", m, asked.get(i)[1], extra).isEqualTo(theirs);
        }
    }

    @Test
    void requirementsParseLikePackaging() throws Exception {
        List<String> seeds = List.of("requests[socks,security] >=2.8.1, ==2.8.* ; python_version < '2.7'",
                "name @ https://example.com/name-1.0-py3-none-any.whl ; os_name == 'nt'", "foo (>=1.0)", "Foo_Bar.baz",
                "pkg[a]===1.0", "django>=4,<5;python_version>='3.10' and extra == 'db'", "x@file:///tmp/x.tar.gz",
                "foo [ b , a ] ( == 1.* )", "foo()", "foo[]");
        String alphabet = "abAZ09.-_ ,;:@/()[]<>=!~'\"*+";
        Random random = new Random(8);
        List<String> inputs = new ArrayList<>(seeds);
        for (int i = 0; i < 3000; i++) {
            StringBuilder b = new StringBuilder(seeds.get(random.nextInt(seeds.size())));
            for (int e = 0; e < 1 + random.nextInt(2); e++) {
                int at = random.nextInt(b.length() + 1);
                switch (random.nextInt(3)) {
                    case 0 -> b.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
                    case 1 -> {
                        if (at < b.length()) {
                            b.deleteCharAt(at);
                        }
                    }
                    default -> {
                        if (at < b.length()) {
                            b.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
                        }
                    }
                }
            }
            inputs.add(b.toString());
        }
        List<String> cases = new ArrayList<>();
        for (String s : inputs) {
            cases.add("R\t" + s);
        }
        List<String> answers = ask(cases);
        for (int i = 0; i < inputs.size(); i++) {
            String ours;
            try {
                Requirement r = Requirement.parse(inputs.get(i));
                ours = String.join("|", r.name().toString(), String.join(",", r.extras().stream().map(Object::toString).toList()),
                        r.specifier().toString(), r.url().orElse(""), r.marker().isPresent() ? "marker" : "");
            } catch (ParseException e) {
                ours = "INVALID";
            }
            String theirs = answers.get(i);
            if (ours.equals("INVALID") && theirs.matches("[^|]*-\\|.*")) {
                continue; // packaging's name pattern lets a trailing '_' through; PEP 508 names end alphanumeric
            }
            if (!theirs.equals("INVALID") && !ours.equals("INVALID")) {
                // packaging prints clauses as written; compare ours with its normalized reading
                String[] parts = theirs.split("\\|", -1);
                parts[2] = SpecifierSet.parse(parts[2]).toString();
                theirs = String.join("|", parts);
            }
            assertThat(ours).as("Requirement(%s)", inputs.get(i)).isEqualTo(theirs);
        }
    }

    private static String capital(boolean b) {
        return b ? "True" : "False";
    }

    private static String json(Map<String, String> map) {
        StringBuilder b = new StringBuilder("{");
        map.forEach((k, v) -> b.append(b.length() > 1 ? "," : "").append('"').append(k).append("\":\"")
                .append(v.replace("\\", "\\\\").replace("\"", "\\\"")).append('"'));
        return b.append('}').toString();
    }

    private static List<String> ask(List<String> cases) throws Exception {
        Path in = Files.createTempFile(work, "cases", ".txt");
        Path out = Files.createTempFile(work, "answers", ".txt");
        Path script = work.resolve("packaging_oracle.py");
        if (!Files.exists(script)) {
            try (InputStream s = PackagingDifferentialIT.class.getResourceAsStream("packaging_oracle.py")) {
                Files.copy(s, script);
            }
        }
        Files.write(in, cases, StandardCharsets.UTF_8);
        run(List.of(python.toString(), script.toString(), in.toString(), out.toString()));
        List<String> answers = Files.readAllLines(out, StandardCharsets.UTF_8);
        assertThat(answers).hasSize(cases.size());
        return answers;
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new AssertionError(command + " failed:\n" + output);
        }
    }
}
