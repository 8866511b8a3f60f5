package dev.pinwheel.cli.compile;

import dev.pinwheel.env.EnvironmentFinder;
import dev.pinwheel.env.Interpreter;
import dev.pinwheel.env.Interpreters;
import dev.pinwheel.packaging.MarkerEnvironment;
import dev.pinwheel.packaging.ParseException;
import dev.pinwheel.packaging.PinwheelException;
import dev.pinwheel.packaging.PinwheelException.Category;
import dev.pinwheel.packaging.Platform;
import dev.pinwheel.packaging.TargetPython;
import dev.pinwheel.packaging.Version;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The Python a lock is made for: its marker values, its wheel tags and its version. Either the
 * interpreter pinwheel finds the usual way ($VIRTUAL_ENV, ./.venv, python3), or a described one
 * from {@code --python-version} and {@code --python-platform}, which needs no interpreter at all.
 *
 * @param markers the PEP 508 environment
 * @param python  the tags' view of it
 * @param version the full Python version, for Requires-Python
 */
record Target(MarkerEnvironment markers, TargetPython python, Version version) {

    /** {@code 3.11}, as the header names it. */
    String majorMinor() {
        return python.major() + "." + python.minor();
    }

    static Target of(Optional<String> pythonVersion, Optional<String> pythonPlatform, Path cwd, Map<String, String> env,
                     Path cacheDir) {
        if (pythonVersion.isEmpty() && pythonPlatform.isEmpty()) {
            Interpreter interpreter = new EnvironmentFinder(new Interpreters(cacheDir), cwd, env)
                    .findInterpreter(Optional.empty());
            return ofInterpreter(interpreter);
        }
        // Whatever is not described comes from the interpreter, found only when needed.
        java.util.function.Supplier<Interpreter> interpreter = () -> new EnvironmentFinder(new Interpreters(cacheDir), cwd, env)
                .findInterpreter(Optional.empty());
        String full = pythonVersion.orElseGet(() -> interpreter.get().version());
        Version version;
        try {
            version = Version.parse(full);
        } catch (ParseException e) {
            throw new PinwheelException(Category.BAD_INPUT, "--python-version " + full + " is not a Python version",
                    "use e.g. 3.11 or 3.11.7", e);
        }
        Platform platform = pythonPlatform.isPresent() ? platform(pythonPlatform.get())
                : ofInterpreter(interpreter.get()).python().platform();
        String family = platform instanceof Platform.MacOs ? "macos" : platform instanceof Platform.Windows ? "windows" : "linux";
        MarkerEnvironment described = MarkerEnvironment.forTarget(full, family);
        Map<String, String> values = new HashMap<>(described.toMap());
        values.put("platform_machine", machine(platform, family));
        MarkerEnvironment markers = MarkerEnvironment.of(values);
        TargetPython python = TargetPython.cpython((int) version.releasePart(0), (int) version.releasePart(1), platform);
        return new Target(markers, python, Version.parse(markers.get("python_full_version")));
    }

    private static Target ofInterpreter(Interpreter interpreter) {
        MarkerEnvironment markers = MarkerEnvironment.of(interpreter.markers());
        String arch = interpreter.sysconfigPlatform().replaceFirst("^[a-z]+-", "").replace('-', '_').replace('.', '_');
        Platform platform;
        String os = interpreter.sysconfigPlatform().toLowerCase(Locale.ROOT);
        if (os.startsWith("linux")) {
            platform = interpreter.libc()
                    .filter(l -> l.version() != null && l.version().matches("\\d+\\.\\d+.*"))
                    .map(l -> {
                        String[] v = l.version().split("\\.");
                        int major = Integer.parseInt(v[0]);
                        int minor = Integer.parseInt(v[1].replaceAll("\\D.*", ""));
                        return l.family().equals("musl") ? Platform.musllinux(major, minor, arch)
                                : Platform.manylinux(major, minor, arch);
                    }).orElseGet(() -> Platform.linux(arch));
        } else if (os.startsWith("macosx")) {
            platform = Platform.parse(os.replace('-', '_').replace('.', '_'));
        } else {
            platform = Platform.parse(os.replace('-', '_').replace('.', '_'));
        }
        TargetPython python = TargetPython.cpython(interpreter.major(), interpreter.minor(), platform);
        return new Target(markers, python, Version.parse(markers.get("python_full_version")));
    }

    /** linux, macos, windows, or a tag like {@code x86_64-manylinux_2_28} or {@code manylinux_2_28_x86_64}. */
    static Platform platform(String text) {
        String value = text.toLowerCase(Locale.ROOT);
        switch (value) {
            case "linux":
                return Platform.manylinux(2, 17, "x86_64");
            case "macos":
                return Platform.macos(13, 0, "arm64");
            case "windows":
                return Platform.windows("amd64");
            default:
                break;
        }
        int dash = value.indexOf('-');
        String tag = dash > 0 ? value.substring(dash + 1) + "_" + value.substring(0, dash) : value;
        try {
            return Platform.parse(tag);
        } catch (ParseException e) {
            throw new PinwheelException(Category.BAD_INPUT, "--python-platform " + text + " is not a platform: "
                    + e.reason(), "use linux, macos, windows, or a tag such as x86_64-manylinux_2_28");
        }
    }

    private static String machine(Platform platform, String family) {
        if (platform instanceof Platform.Windows) {
            return "AMD64";
        }
        String tag = platform.tags().get(0);
        String arch = tag.replaceFirst("^(manylinux_\\d+_\\d+|musllinux_\\d+_\\d+|linux|macosx_\\d+_\\d+)_", "");
        return family.equals("macos") && arch.equals("universal2") ? "arm64" : arch;
    }
}
