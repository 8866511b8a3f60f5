package dev.pinwheel.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MarkerTest {

    private static final MarkerEnvironment LINUX_311 = new MarkerEnvironment("cpython", "3.11.7", "posix",
            "x86_64", "CPython", "6.1.0-13-amd64", "Linux", "#1 SMP PREEMPT_DYNAMIC", "3.11.7", "3.11", "linux");
    private static final MarkerEnvironment WINDOWS_38_RC = new MarkerEnvironment("pypy", "7.3.12", "nt",
            "AMD64", "PyPy", "10", "Windows", "10.0.19045", "3.8.0rc1", "3.8", "win32");

    private static boolean onLinux(String marker) {
        return Marker.parse(marker).evaluate(LINUX_311);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
        // every variable
        "implementation_name == 'cpython'|true", "implementation_version >= '3.11'|true",
        "os_name == 'posix'|true", "platform_machine == 'x86_64'|true",
        "platform_python_implementation == 'CPython'|true", "platform_release == '6.1.0-13-amd64'|true",
        "platform_system == 'Linux'|true", "platform_version == '#1 SMP PREEMPT_DYNAMIC'|true",
        "python_full_version == '3.11.7'|true", "python_version == '3.11'|true", "sys_platform == 'linux'|true",
        // legacy spellings
        "os.name == 'posix'|true", "sys.platform == 'linux'|true", "platform.machine == 'x86_64'|true",
        "python_implementation == 'CPython'|true", "platform.python_implementation == 'CPython'|true",
        "platform.version == '#1 SMP PREEMPT_DYNAMIC'|true",
        // PEP 440 comparisons where both sides are versions: "3.11" > "3.8" although "3.11" < "3.8" as text
        "python_version > '3.8'|true", "python_version < '3.8'|false", "python_version >= '3.11.0'|true",
        "python_version == '3.11.0'|true", "python_version ~= '3.9'|true", "python_version == '3.*'|true",
        "python_version != '3.11.*'|false", "python_full_version >= '3.11.7'|true", "python_full_version < '3.11.8'|true",
        "python_version === '3.11'|true", "python_version === '3.11.0'|false",
        // reversed operands
        "'3.8' <= python_version|true", "'3.12' <= python_version|false", "'linux' == sys_platform|true",
        // strings otherwise
        "sys_platform != 'win32'|true", "platform_release >= '6'|true", "'lin' in sys_platform|true",
        "'win' not in sys_platform|true", "'x86_64' in 'x86_64 aarch64'|true", "platform_machine in 'x86_64 aarch64'|true",
        "implementation_name ~= 'cpython'|false", "platform_system === 'LINUX'|true",
        // boolean structure
        "python_version > '3.8' and sys_platform == 'linux'|true", "python_version < '3.8' or sys_platform == 'linux'|true",
        "python_version < '3.8' or sys_platform == 'win32' and os_name == 'posix'|false",
        "(python_version < '3.8' or sys_platform == 'linux') and os_name == 'posix'|true",
        "python_version < '3.8' and (sys_platform == 'linux' or os_name == 'posix')|false",
        "((((os_name == 'posix'))))|true", "python_version>'3.8'and os_name=='posix'|true",
    })
    void evaluatesLikePip(String marker, boolean expected) {
        assertThat(onLinux(marker)).isEqualTo(expected);
    }

    @Test
    void preReleaseInterpreterVersionStillMatchesVersionComparisons() {
        assertThat(Marker.parse("python_full_version >= '3.8'").evaluate(WINDOWS_38_RC)).isFalse();
        assertThat(Marker.parse("python_full_version >= '3.8.0rc1'").evaluate(WINDOWS_38_RC)).isTrue();
        // <V excludes V's own pre-releases here too, so a 3.8 release candidate is not "< 3.8".
        assertThat(Marker.parse("python_full_version < '3.8'").evaluate(WINDOWS_38_RC)).isFalse();
        assertThat(Marker.parse("python_version == '3.8'").evaluate(WINDOWS_38_RC)).isTrue();
    }

    @Test
    void extraComparesNormalizedNamesOnBothSides() {
        Marker m = Marker.parse("extra == 'Dev_Tools'");
        assertThat(m.evaluate(LINUX_311, Set.of(ExtraName.parse("dev.tools")))).isTrue();
        assertThat(m.evaluate(LINUX_311, Set.of(ExtraName.parse("test")))).isFalse();
        assertThat(m.evaluate(LINUX_311)).isFalse();
        assertThat(Marker.parse("'DEV-tools' == extra").evaluate(LINUX_311, Set.of(ExtraName.parse("dev_tools")))).isTrue();
    }

    @Test
    void extraIsMembershipInTheSelectedSet() {
        Set<ExtraName> both = Set.of(ExtraName.parse("a"), ExtraName.parse("b"));
        assertThat(Marker.parse("extra == 'a' and extra == 'b'").evaluate(LINUX_311, both)).isTrue();
        assertThat(Marker.parse("extra != 'a'").evaluate(LINUX_311, both)).isFalse();
        assertThat(Marker.parse("extra != 'c'").evaluate(LINUX_311, both)).isTrue();
        assertThat(Marker.parse("extra == ''").evaluate(LINUX_311)).isTrue();
        assertThat(Marker.parse("extra < 'a'").evaluate(LINUX_311, both)).isFalse();
    }

    @Test
    void lockFileExtrasVariableIsASet() {
        Set<ExtraName> extras = Set.of(ExtraName.parse("postgres"));
        assertThat(Marker.parse("'Postgres' in extras").evaluate(LINUX_311, extras)).isTrue();
        assertThat(Marker.parse("'mysql' not in extras").evaluate(LINUX_311, extras)).isTrue();
        assertThat(Marker.parse("'dev' in dependency_groups").evaluate(LINUX_311, extras)).isFalse();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "python_version<'3.8'|python_version < \"3.8\"",
        "os.name=='nt'|os_name == \"nt\"",
        "python_implementation=='PyPy'|platform_python_implementation == \"PyPy\"",
        "(a_b == 'x')|",
        "((os_name=='a' or os_name=='b')) and (os_name=='c')|(os_name == \"a\" or os_name == \"b\") and os_name == \"c\"",
        "os_name=='a' or (os_name=='b' or os_name=='c')|os_name == \"a\" or os_name == \"b\" or os_name == \"c\"",
        "os_name == \"it's\"|os_name == \"it's\"", "os_name == 'say \"hi\"'|os_name == 'say \"hi\"'",
        "os_name  not \t in 'x'|os_name not in \"x\"",
    })
    void printsTheNormalizedForm(String marker, String normalized) {
        if (normalized == null) {
            assertThatThrownBy(() -> Marker.parse(marker)).isInstanceOf(ParseException.class);
        } else {
            assertThat(Marker.parse(marker)).hasToString(normalized);
            assertThat(Marker.parse(normalized)).isEqualTo(Marker.parse(marker));
        }
    }

    @Test
    void andOrCombineWithTheNeededParentheses() {
        Marker either = Marker.parse("os_name == 'a' or os_name == 'b'");
        Marker both = either.and(Marker.parse("python_version >= '3.8'"));
        assertThat(both).hasToString("(os_name == \"a\" or os_name == \"b\") and python_version >= \"3.8\"");
        assertThat(both.or(Marker.parse("os_name == 'c'")))
                .hasToString("(os_name == \"a\" or os_name == \"b\") and python_version >= \"3.8\" or os_name == \"c\"");
    }

    @Test
    void mentionsExtraLooksAtVariablesNotText() {
        assertThat(Marker.parse("extra == 'x'").mentionsExtra()).isTrue();
        assertThat(Marker.parse("os_name == 'extra'").mentionsExtra()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "os_name", "os_name ==", "== 'x'", "os_name = 'x'", "os_name == 'x", "foo == 'x'",
        "os_name == 'x' and", "os_name == 'x' or or os_name == 'y'", "(os_name == 'x'", "os_name == 'x')", "()",
        "os_name notin 'x'", "os_name not 'x'", "os_name == 'x' xor os_name == 'y'", "os_name == 'x'and", "os_nameinos_name"})
    void rejectsMalformedMarkers(String marker) {
        assertThatThrownBy(() -> Marker.parse(marker)).isInstanceOf(ParseException.class);
    }

    @Test
    void unknownVariableErrorPointsAtIt() {
        assertThatThrownBy(() -> Marker.parse("python_version >= '3' and pyton_version < '4'"))
                .hasMessage("unknown marker variable 'pyton_version'\n"
                        + "  python_version >= '3' and pyton_version < '4'\n"
                        + "                            ^^^^^^^^^^^^^");
    }

    @Test
    void deepNestingIsAParseErrorNotAStackOverflow() {
        String deep = "(".repeat(10_000) + "os_name == 'x'" + ")".repeat(10_000);
        assertThatThrownBy(() -> Marker.parse(deep)).isInstanceOf(ParseException.class)
                .hasMessageStartingWith("marker nested too deeply");
    }

    @Test
    void environmentFromMapAndForTarget() {
        MarkerEnvironment env = MarkerEnvironment.of(LINUX_311.toMap());
        assertThat(env).isEqualTo(LINUX_311);
        assertThat(env.get("python_version")).isEqualTo("3.11");
        assertThatThrownBy(() -> MarkerEnvironment.of(Map.of("python_version", "3.11")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("implementation_name");

        MarkerEnvironment mac = MarkerEnvironment.forTarget("3.12", "macos");
        assertThat(mac.pythonFullVersion()).isEqualTo("3.12.0");
        assertThat(mac.pythonVersion()).isEqualTo("3.12");
        assertThat(mac.sysPlatform()).isEqualTo("darwin");
        assertThat(mac.platformMachine()).isEqualTo("arm64");
        MarkerEnvironment win = MarkerEnvironment.forTarget("3.11.7", "windows");
        assertThat(win.osName()).isEqualTo("nt");
        assertThat(win.platformMachine()).isEqualTo("AMD64");
        assertThat(win.sysPlatform()).isEqualTo("win32");
        MarkerEnvironment linux = MarkerEnvironment.forTarget("3.13.0rc2", "Linux");
        assertThat(linux.pythonFullVersion()).isEqualTo("3.13.0rc2");
        assertThat(linux.platformSystem()).isEqualTo("Linux");
        assertThatThrownBy(() -> MarkerEnvironment.forTarget("3.11", "solaris")).isInstanceOf(PinwheelException.class);
        assertThatThrownBy(() -> MarkerEnvironment.forTarget("3", "linux")).isInstanceOf(PinwheelException.class);
    }

    @Test
    void untaggedInterpreterBuildVersionIsReadAsLocal() {
        MarkerEnvironment env = new MarkerEnvironment("cpython", "3.13.0+", "posix", "x86_64", "CPython", "6",
                "Linux", "", "3.13.0+", "3.13", "linux");
        assertThat(Marker.parse("python_full_version >= '3.13'").evaluate(env)).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "extra == 'a' or python_version < '3'              | a     | (always)",
            "extra == 'a' or python_version < '3'              | b     | python_version < \"3\"",
            "python_version < '3.11' and (extra == 'T' or extra == 'dev') | dev | python_version < \"3.11\"",
            "extra != 'a' and os_name == 'nt'                  | a     | (never)",
            "os_name == 'nt' or (extra == 'a' and sys_platform == 'linux') | a | os_name == \"nt\" or sys_platform == \"linux\"",
            "os_name == 'nt'                                   | a     | os_name == \"nt\"",
    })
    void extraComparisonsAreDecidedForTheChosenExtrasAndTheRestIsKept(String marker, String extra, String expected) {
        Marker m = Marker.parse(marker.strip());
        Set<ExtraName> chosen = Set.of(ExtraName.parse(extra.strip()));
        String decided = m.withExtrasDecided(chosen).map(Marker::toString)
                .orElse(m.evaluate(LINUX_311, chosen) ? "(always)" : "(never)");
        assertThat(decided).isEqualTo(expected.strip());
        // what is kept, evaluated without extras, agrees with the whole marker evaluated with them
        for (MarkerEnvironment env : new MarkerEnvironment[] {LINUX_311, WINDOWS_38_RC}) {
            boolean whole = m.evaluate(env, chosen);
            assertThat(m.withExtrasDecided(chosen).map(d -> d.evaluate(env)).orElse(whole)).isEqualTo(whole);
        }
    }
}
