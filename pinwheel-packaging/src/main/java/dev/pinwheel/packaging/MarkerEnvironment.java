package dev.pinwheel.packaging;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The values of every PEP 508 marker variable for one target interpreter and platform.
 *
 * @param implementationName           {@code sys.implementation.name}, e.g. {@code cpython}
 * @param implementationVersion        e.g. {@code 3.11.7}
 * @param osName                       {@code os.name}: {@code posix} or {@code nt}
 * @param platformMachine              e.g. {@code x86_64}, {@code arm64}, {@code AMD64}
 * @param platformPythonImplementation e.g. {@code CPython}
 * @param platformRelease              e.g. {@code 6.1.0}
 * @param platformSystem               {@code Linux}, {@code Darwin}, {@code Windows}
 * @param platformVersion              {@code platform.version()}
 * @param pythonFullVersion            e.g. {@code 3.11.7}
 * @param pythonVersion                major.minor, e.g. {@code 3.11}
 * @param sysPlatform                  {@code linux}, {@code darwin}, {@code win32}
 */
public record MarkerEnvironment(
        String implementationName,
        String implementationVersion,
        String osName,
        String platformMachine,
        String platformPythonImplementation,
        String platformRelease,
        String platformSystem,
        String platformVersion,
        String pythonFullVersion,
        String pythonVersion,
        String sysPlatform) {

    public MarkerEnvironment {
        Objects.requireNonNull(implementationName, "implementation_name");
        Objects.requireNonNull(implementationVersion, "implementation_version");
        Objects.requireNonNull(osName, "os_name");
        Objects.requireNonNull(platformMachine, "platform_machine");
        Objects.requireNonNull(platformPythonImplementation, "platform_python_implementation");
        Objects.requireNonNull(platformRelease, "platform_release");
        Objects.requireNonNull(platformSystem, "platform_system");
        Objects.requireNonNull(platformVersion, "platform_version");
        Objects.requireNonNull(pythonFullVersion, "python_full_version");
        Objects.requireNonNull(pythonVersion, "python_version");
        Objects.requireNonNull(sysPlatform, "sys_platform");
        // CPython built from an untagged checkout reports e.g. "3.13.0+", which is no PEP 440
        // version; pip's packaging reads it as a local version, and so do we.
        if (pythonFullVersion.endsWith("+")) {
            pythonFullVersion = pythonFullVersion + "local";
        }
    }

    /**
     * Builds an environment from PEP 508 variable names (as an interpreter reports them).
     *
     * @throws IllegalArgumentException when a variable is missing
     */
    public static MarkerEnvironment of(Map<String, String> values) {
        return new MarkerEnvironment(
                required(values, "implementation_name"),
                required(values, "implementation_version"),
                required(values, "os_name"),
                required(values, "platform_machine"),
                required(values, "platform_python_implementation"),
                required(values, "platform_release"),
                required(values, "platform_system"),
                required(values, "platform_version"),
                required(values, "python_full_version"),
                required(values, "python_version"),
                required(values, "sys_platform"));
    }

    private static String required(Map<String, String> values, String name) {
        String value = values.get(name);
        if (value == null) {
            throw new IllegalArgumentException("marker environment lacks " + name);
        }
        return value;
    }

    /**
     * Typical values for CPython {@code pythonFullVersion} ({@code 3.11} or {@code 3.11.7}) on
     * {@code linux} (x86_64), {@code macos} (arm64) or {@code windows} (AMD64).
     *
     * @throws PinwheelException (bad input) for another platform or a malformed version
     */
    public static MarkerEnvironment forTarget(String pythonFullVersion, String platform) {
        Version version = Version.parse(pythonFullVersion);
        if (version.releaseLength() < 2 || version.releaseLength() > 3 || version.epoch() != 0 || version.isLocal()) {
            throw new PinwheelException(PinwheelException.Category.BAD_INPUT,
                    "not a Python version: " + pythonFullVersion, "use e.g. 3.11 or 3.11.7");
        }
        String full = version.releaseLength() == 2 ? version.releasePart(0) + "." + version.releasePart(1) + ".0"
                + version.toString().substring(version.baseVersion().toString().length()) : version.toString();
        String shortVersion = version.releasePart(0) + "." + version.releasePart(1);
        switch (platform.toLowerCase(Locale.ROOT)) {
            case "linux":
                return new MarkerEnvironment("cpython", full, "posix", "x86_64", "CPython", "6.1.0",
                        "Linux", "#1 SMP PREEMPT_DYNAMIC", full, shortVersion, "linux");
            case "macos":
                return new MarkerEnvironment("cpython", full, "posix", "arm64", "CPython", "23.6.0",
                        "Darwin", "Darwin Kernel Version 23.6.0", full, shortVersion, "darwin");
            case "windows":
                return new MarkerEnvironment("cpython", full, "nt", "AMD64", "CPython", "10",
                        "Windows", "10.0.19045", full, shortVersion, "win32");
            default:
                throw new PinwheelException(PinwheelException.Category.BAD_INPUT,
                        "unknown platform: " + platform, "use linux, macos or windows");
        }
    }

    /** The value of a PEP 508 variable by its name, e.g. {@code python_version}. */
    public String get(String variable) {
        MarkerVariable v = MarkerVariable.byName(variable);
        if (v == null || v.setValued() || v == MarkerVariable.EXTRA) {
            throw new IllegalArgumentException("not an environment marker variable: " + variable);
        }
        return value(v);
    }

    String value(MarkerVariable variable) {
        switch (variable) {
            case IMPLEMENTATION_NAME: return implementationName;
            case IMPLEMENTATION_VERSION: return implementationVersion;
            case OS_NAME: return osName;
            case PLATFORM_MACHINE: return platformMachine;
            case PLATFORM_PYTHON_IMPLEMENTATION: return platformPythonImplementation;
            case PLATFORM_RELEASE: return platformRelease;
            case PLATFORM_SYSTEM: return platformSystem;
            case PLATFORM_VERSION: return platformVersion;
            case PYTHON_FULL_VERSION: return pythonFullVersion;
            case PYTHON_VERSION: return pythonVersion;
            case SYS_PLATFORM: return sysPlatform;
            default: throw new IllegalArgumentException(variable.canonicalName());
        }
    }

    /** Every variable by its PEP 508 name, in alphabetical order. */
    public Map<String, String> toMap() {
        Map<String, String> out = new LinkedHashMap<>();
        for (MarkerVariable v : MarkerVariable.values()) {
            if (!v.setValued() && v != MarkerVariable.EXTRA) {
                out.put(v.canonicalName(), value(v));
            }
        }
        return out;
    }
}
