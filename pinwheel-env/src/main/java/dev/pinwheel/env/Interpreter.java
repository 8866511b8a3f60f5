package dev.pinwheel.env;

import dev.pinwheel.packaging.MarkerEnvironment;
import dev.pinwheel.packaging.Platform;
import dev.pinwheel.packaging.TargetPython;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What one Python interpreter said about itself (asked once, then cached): its version and
 * implementation, its prefixes, its install scheme, its platform and C library, and the values of
 * every PEP 508 marker variable.
 */
public final class Interpreter {

    /** The C library of a Linux interpreter: {@code glibc 2.36} or {@code musl 1.2.4}. */
    public record Libc(String family, String version) {
    }

    private final Path executable;
    private final Path baseExecutable;
    private final Path prefix;
    private final Path basePrefix;
    private final List<Integer> versionInfo;
    private final String implementation;
    private final int pointerBits;
    private final String sysconfigPlatform;
    private final Libc libc;
    private final Map<String, Path> sysPaths;
    private final Map<String, String> markers;
    private final String macVersion;
    private final String abiflags;
    private final boolean gilDisabled;

    private Interpreter(Path executable, Path baseExecutable, Path prefix, Path basePrefix, List<Integer> versionInfo,
            String implementation, int pointerBits, String sysconfigPlatform, Libc libc, Map<String, Path> sysPaths,
            Map<String, String> markers, String macVersion, String abiflags, boolean gilDisabled) {
        this.executable = executable;
        this.baseExecutable = baseExecutable;
        this.prefix = prefix;
        this.basePrefix = basePrefix;
        this.versionInfo = List.copyOf(versionInfo);
        this.implementation = implementation;
        this.pointerBits = pointerBits;
        this.sysconfigPlatform = sysconfigPlatform;
        this.libc = libc;
        this.sysPaths = Map.copyOf(sysPaths);
        this.markers = Map.copyOf(markers);
        this.macVersion = macVersion;
        this.abiflags = abiflags == null ? "" : abiflags;
        this.gilDisabled = gilDisabled;
    }

    /** Reads the JSON answer of {@code interpreter_info.py}. */
    @SuppressWarnings("unchecked")
    static Interpreter fromJson(String json) {
        Map<String, Object> o = Json.parseObject(json);
        List<Integer> version = ((List<Object>) o.get("version_info")).stream()
                .map(v -> ((Number) v).intValue()).toList();
        Map<String, Object> libcJson = (Map<String, Object>) o.get("libc");
        Libc libc = libcJson == null ? null
                : new Libc((String) libcJson.get("family"), (String) libcJson.get("version"));
        Map<String, Path> paths = new java.util.HashMap<>();
        ((Map<String, Object>) o.get("paths")).forEach((k, v) -> {
            if (v != null) {
                paths.put(k, Path.of((String) v));
            }
        });
        Map<String, String> markers = new java.util.HashMap<>();
        ((Map<String, Object>) o.get("markers")).forEach((k, v) -> markers.put(k, String.valueOf(v)));
        return new Interpreter(Path.of((String) o.get("executable")), Path.of((String) o.get("base_executable")),
                Path.of((String) o.get("prefix")), Path.of((String) o.get("base_prefix")), version,
                (String) o.get("implementation"), ((Number) o.get("pointer_bits")).intValue(),
                (String) o.get("sysconfig_platform"), libc, paths, markers, (String) o.get("mac_version"),
                (String) o.get("abiflags"), Boolean.TRUE.equals(o.get("gil_disabled")));
    }

    /** {@code sys.executable}: the interpreter as started (inside a venv: the venv's link). */
    public Path executable() {
        return executable;
    }

    /** The interpreter a virtualenv made from this one should point at. */
    public Path baseExecutable() {
        return baseExecutable;
    }

    public Path prefix() {
        return prefix;
    }

    public Path basePrefix() {
        return basePrefix;
    }

    /** Whether this interpreter runs inside a virtualenv ({@code sys.prefix != sys.base_prefix}). */
    public boolean isVirtualEnv() {
        return !prefix.equals(basePrefix);
    }

    /** {@code 3.11.7}. */
    public String version() {
        return versionInfo.get(0) + "." + versionInfo.get(1) + "." + versionInfo.get(2);
    }

    public int major() {
        return versionInfo.get(0);
    }

    public int minor() {
        return versionInfo.get(1);
    }

    /** {@code 3.11}: the name part of {@code lib/python3.11}. */
    public String majorMinor() {
        return major() + "." + minor();
    }

    /** {@code sys.implementation.name}: {@code cpython}, {@code pypy}. */
    public String implementation() {
        return implementation;
    }

    public int pointerBits() {
        return pointerBits;
    }

    /** {@code sysconfig.get_platform()}: {@code linux-x86_64}, {@code macosx-11.0-arm64}. */
    public String sysconfigPlatform() {
        return sysconfigPlatform;
    }

    public Optional<Libc> libc() {
        return Optional.ofNullable(libc);
    }

    /** The standard library directory (where ensurepip's bundled wheels live). */
    public Optional<Path> stdlib() {
        return Optional.ofNullable(sysPaths.get("stdlib"));
    }

    /** The install scheme of this interpreter's environment. */
    public InstallPaths paths() {
        Path include = prefix.resolve("include").resolve("site").resolve("python" + majorMinor());
        if (!isVirtualEnv()) {
            include = sysPaths.getOrDefault("include", include);
        }
        return new InstallPaths(sysPaths.get("purelib"), sysPaths.get("platlib"), sysPaths.get("scripts"),
                sysPaths.get("data"), include);
    }

    /** Every PEP 508 marker variable with this interpreter's value. */
    public Map<String, String> markers() {
        return markers;
    }

    /** The PEP 508 marker environment of this interpreter. */
    public MarkerEnvironment markerEnvironment() {
        return MarkerEnvironment.of(markers);
    }

    /**
     * What wheels this interpreter can install: implementation, version, ABI flags and the
     * platform with its C library (glibc gives manylinux, musl musllinux, unknown only
     * {@code linux_<arch>}) or macOS version.
     */
    public TargetPython targetPython() {
        Platform platform = platform();
        TargetPython target;
        if ("pypy".equals(implementation)) {
            String[] pypy = markers.getOrDefault("implementation_version", "7.3").split("\\.");
            target = TargetPython.pypy(major(), minor(), Integer.parseInt(pypy[0]), Integer.parseInt(pypy[1]), platform);
        } else {
            target = TargetPython.cpython(major(), minor(), platform);
        }
        target = target.withPatch(versionInfo.get(2));
        if (abiflags.contains("d")) {
            target = target.withDebug(true);
        }
        if (gilDisabled) {
            target = target.withFreeThreaded(true);
        }
        return target;
    }

    private Platform platform() {
        String p = sysconfigPlatform;
        String machine = markers.getOrDefault("platform_machine", "");
        if (p.startsWith("linux")) {
            String arch = p.startsWith("linux-") ? p.substring("linux-".length()) : machine;
            if (pointerBits == 32 && arch.equals("x86_64")) {
                arch = "i686";
            }
            if (libc != null) {
                String[] v = libc.version().split("\\.");
                if (v.length >= 2 && "glibc".equals(libc.family())) {
                    return Platform.manylinux(Integer.parseInt(v[0]), Integer.parseInt(v[1]), arch);
                }
                if (v.length >= 2 && "musl".equals(libc.family())) {
                    return Platform.musllinux(Integer.parseInt(v[0]), Integer.parseInt(v[1]), arch);
                }
            }
            return Platform.linux(arch);
        }
        if (p.startsWith("macosx")) {
            String[] v = (macVersion != null && !macVersion.isEmpty() ? macVersion : p.split("-")[1]).split("\\.");
            return Platform.macos(Integer.parseInt(v[0]), v.length > 1 ? Integer.parseInt(v[1]) : 0, machine);
        }
        if (p.startsWith("win")) {
            return Platform.windows(p.equals("win32") ? "x86" : p.substring(p.indexOf('-') + 1));
        }
        return Platform.linux(machine);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Interpreter other && executable.equals(other.executable) && prefix.equals(other.prefix)
                && versionInfo.equals(other.versionInfo) && markers.equals(other.markers);
    }

    @Override
    public int hashCode() {
        return Objects.hash(executable, prefix, versionInfo);
    }

    @Override
    public String toString() {
        return implementation + " " + version() + " (" + executable + ")";
    }
}
