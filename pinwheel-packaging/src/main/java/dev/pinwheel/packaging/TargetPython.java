package dev.pinwheel.packaging;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * The interpreter a wheel must run on: implementation (CPython or PyPy), Python version, the
 * build's ABI flags and the {@link Platform}. {@link SupportedTags#of(TargetPython)} turns it
 * into the ordered tag list.
 *
 * <p>Only Python 3 is modelled. CPython before 3.8 has the pymalloc ABI flag {@code m}
 * ({@code cp37m}); a debug build ({@code d}) also loads normal extensions; a free-threaded
 * build ({@code t}, 3.13 and later) uses {@code abi3t} instead of {@code abi3}.
 */
public final class TargetPython {

    /** The Python implementation; its tag prefix is {@link #code()}. */
    public enum Implementation {
        CPYTHON("cp"), PYPY("pp");

        private final String code;

        Implementation(String code) {
            this.code = code;
        }

        /** The two-letter interpreter tag prefix: {@code cp}, {@code pp}. */
        public String code() {
            return code;
        }
    }

    private final Implementation implementation;
    private final int major;
    private final int minor;
    private final int patch;
    private final Platform platform;
    private final boolean debug;
    private final boolean freeThreaded;
    private final int pypyMajor;
    private final int pypyMinor;

    private TargetPython(Implementation implementation, int major, int minor, int patch,
            Platform platform, boolean debug, boolean freeThreaded, int pypyMajor, int pypyMinor) {
        this.implementation = Objects.requireNonNull(implementation, "implementation");
        if (major != 3) {
            throw new IllegalArgumentException("only Python 3 is supported, not " + major);
        }
        if (minor < 0 || minor > 999) {
            throw new IllegalArgumentException("invalid Python minor version: " + minor);
        }
        if (freeThreaded && (implementation != Implementation.CPYTHON || minor < 13)) {
            throw new IllegalArgumentException("free-threaded builds are CPython 3.13 and later");
        }
        this.major = major;
        this.minor = minor;
        this.patch = patch;
        this.platform = Objects.requireNonNull(platform, "platform");
        this.debug = debug;
        this.freeThreaded = freeThreaded;
        this.pypyMajor = pypyMajor;
        this.pypyMinor = pypyMinor;
    }

    /** A release build of CPython {@code major.minor} on {@code platform}. */
    public static TargetPython cpython(int major, int minor, Platform platform) {
        return new TargetPython(Implementation.CPYTHON, major, minor, -1, platform, false, false, 0, 0);
    }

    /**
     * PyPy implementing Python {@code major.minor}, itself version {@code pypyMajor.pypyMinor}
     * (its ABI tag is e.g. {@code pypy310_pp73}).
     */
    public static TargetPython pypy(int major, int minor, int pypyMajor, int pypyMinor, Platform platform) {
        if (pypyMajor < 0 || pypyMinor < 0) {
            throw new IllegalArgumentException("invalid PyPy version");
        }
        return new TargetPython(Implementation.PYPY, major, minor, -1, platform, false, false,
                pypyMajor, pypyMinor);
    }

    /** A copy that also knows the patch version (for marker environments); tags ignore it. */
    public TargetPython withPatch(int patch) {
        if (patch < 0) {
            throw new IllegalArgumentException("invalid patch version: " + patch);
        }
        return new TargetPython(implementation, major, minor, patch, platform, debug, freeThreaded,
                pypyMajor, pypyMinor);
    }

    /** A copy for a debug build ({@code cp311d}). */
    public TargetPython withDebug(boolean debug) {
        return new TargetPython(implementation, major, minor, patch, platform, debug, freeThreaded,
                pypyMajor, pypyMinor);
    }

    /** A copy for a free-threaded build ({@code cp313t}, no GIL). */
    public TargetPython withFreeThreaded(boolean freeThreaded) {
        return new TargetPython(implementation, major, minor, patch, platform, debug, freeThreaded,
                pypyMajor, pypyMinor);
    }

    /** A copy on another platform. */
    public TargetPython withPlatform(Platform platform) {
        return new TargetPython(implementation, major, minor, patch, platform, debug, freeThreaded,
                pypyMajor, pypyMinor);
    }

    public Implementation implementation() {
        return implementation;
    }

    public int major() {
        return major;
    }

    public int minor() {
        return minor;
    }

    public OptionalInt patch() {
        return patch < 0 ? OptionalInt.empty() : OptionalInt.of(patch);
    }

    public Platform platform() {
        return platform;
    }

    public boolean debug() {
        return debug;
    }

    public boolean freeThreaded() {
        return freeThreaded;
    }

    /** {@code 3.11}, the form of the {@code python_version} marker. */
    public String pythonVersion() {
        return major + "." + minor;
    }

    /** The interpreter tag of this exact version: {@code cp311}, {@code pp310}. */
    public String interpreterTag() {
        return implementation.code() + major + minor;
    }

    /**
     * The version-specific ABI tags, best first: {@code cp311}; {@code cp37m}; {@code cp311d}
     * then {@code cp311} for a debug build; {@code cp313t}; {@code pypy310_pp73}.
     */
    public List<String> abis() {
        if (implementation == Implementation.PYPY) {
            return List.of("pypy" + major + minor + "_pp" + pypyMajor + pypyMinor);
        }
        String base = "cp" + major + minor + (freeThreaded ? "t" : "");
        List<String> abis = new ArrayList<>(2);
        abis.add(base + (debug ? "d" : "") + (minor < 8 ? "m" : ""));
        if (debug && minor >= 8) {
            // Since 3.8 a debug build loads normal extension modules too.
            abis.add(base);
        }
        return List.copyOf(abis);
    }

    /**
     * The PEP 508 marker values this target implies. What a target cannot know is guessed the
     * way uv's universal resolution does not need it: {@code platform_release} and
     * {@code platform_version} are empty, the patch version is 0 unless
     * {@link #withPatch(int)} gave it, and a PyPy's implementation_version is its own
     * {@code major.minor.0}.
     */
    public MarkerEnvironment markerEnvironment() {
        String full = major + "." + minor + "." + Math.max(0, patch);
        Map<String, String> values = new HashMap<>();
        boolean pypy = implementation == Implementation.PYPY;
        values.put("implementation_name", pypy ? "pypy" : "cpython");
        values.put("implementation_version", pypy ? pypyMajor + "." + pypyMinor + ".0" : full);
        values.put("platform_python_implementation", pypy ? "PyPy" : "CPython");
        values.put("python_full_version", full);
        values.put("python_version", pythonVersion());
        values.put("platform_release", "");
        values.put("platform_version", "");
        if (platform instanceof Platform.Windows w) {
            values.put("os_name", "nt");
            values.put("sys_platform", "win32");
            values.put("platform_system", "Windows");
            values.put("platform_machine", switch (w.arch()) {
                case "amd64" -> "AMD64";
                case "arm64" -> "ARM64";
                default -> "x86";
            });
        } else if (platform instanceof Platform.MacOs m) {
            values.put("os_name", "posix");
            values.put("sys_platform", "darwin");
            values.put("platform_system", "Darwin");
            values.put("platform_machine", m.arch());
        } else {
            values.put("os_name", "posix");
            values.put("sys_platform", "linux");
            values.put("platform_system", "Linux");
            values.put("platform_machine", linuxArch());
        }
        return MarkerEnvironment.of(values);
    }

    private String linuxArch() {
        if (platform instanceof Platform.Manylinux m) {
            return m.arch();
        }
        if (platform instanceof Platform.Musllinux m) {
            return m.arch();
        }
        return ((Platform.Linux) platform).arch();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TargetPython t && implementation == t.implementation && major == t.major
                && minor == t.minor && patch == t.patch && platform.equals(t.platform)
                && debug == t.debug && freeThreaded == t.freeThreaded && pypyMajor == t.pypyMajor
                && pypyMinor == t.pypyMinor;
    }

    @Override
    public int hashCode() {
        return Objects.hash(implementation, major, minor, patch, platform, debug, freeThreaded,
                pypyMajor, pypyMinor);
    }

    @Override
    public String toString() {
        String version = patch < 0 ? pythonVersion() : pythonVersion() + "." + patch;
        return (implementation == Implementation.PYPY ? "PyPy " : "CPython ") + version
                + (freeThreaded ? "t" : "") + (debug ? " (debug)" : "") + " on " + platform;
    }
}
