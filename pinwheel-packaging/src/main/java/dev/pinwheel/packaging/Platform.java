package dev.pinwheel.packaging;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The operating system side of a {@link TargetPython}: which platform tags its interpreter
 * accepts, best first, in the order packaging's {@code platform_tags()} yields them.
 *
 * <p>Traps handled: manylinux accepts every glibc from the target's down to 2.5 on x86 (2.17
 * elsewhere), with the legacy names manylinux1/2010/2014 right after 2_5/2_12/2_17; the plain
 * {@code linux_<arch>} tag comes first (packaging 26.3 and later); armv8l also runs armv7l;
 * macOS 11 and later bumps the major version (minor always 0 in tags) and still accepts
 * 10.16 down to 10.4 for x86_64 and {@code universal2} on arm64; older macOS 10.x accepts every
 * minor down to 10.0 with the fat/intel/universal groupings of its architecture.
 */
public sealed interface Platform {

    /** The platform tags this platform accepts, best first. */
    List<String> tags();

    /** A glibc Linux: {@code linux_<arch>}, then manylinux from {@code glibc} down. */
    static Platform manylinux(int glibcMajor, int glibcMinor, String arch) {
        return new Manylinux(glibcMajor, glibcMinor, arch);
    }

    /** A musl Linux: {@code linux_<arch>}, then musllinux_1_x from the target down to 1_0. */
    static Platform musllinux(int muslMajor, int muslMinor, String arch) {
        return new Musllinux(muslMajor, muslMinor, arch);
    }

    /** A Linux whose C library is unknown: only {@code linux_<arch>}. */
    static Platform linux(String arch) {
        return new Linux(arch);
    }

    /** macOS {@code major.minor} on {@code arch} (arm64, x86_64, i386, ppc, ppc64). */
    static Platform macos(int major, int minor, String arch) {
        return new MacOs(major, minor, arch);
    }

    /** Windows on {@code amd64}, {@code x86} (tag {@code win32}) or {@code arm64}. */
    static Platform windows(String arch) {
        return new Windows(arch);
    }

    /**
     * The platform that a platform tag names, read as "at least this": {@code
     * manylinux_2_28_x86_64}, {@code manylinux2014_aarch64}, {@code musllinux_1_2_x86_64},
     * {@code macosx_14_0_arm64}, {@code win_amd64}, {@code win32}, {@code linux_x86_64}.
     */
    static Platform parse(String tag) {
        Objects.requireNonNull(tag, "tag");
        try {
            return PlatformRules.parse(tag);
        } catch (IllegalArgumentException e) {
            throw new ParseException(tag, 0, tag.length(), e.getMessage());
        }
    }

    /** glibc Linux ({@code manylinux}, PEP 513/571/599/600). */
    record Manylinux(int glibcMajor, int glibcMinor, String arch) implements Platform {
        public Manylinux {
            if (glibcMajor != 2) {
                // glibc 2 is the only major there is; what a glibc 3 would accept is unknown.
                throw new IllegalArgumentException("glibc major version must be 2: " + glibcMajor);
            }
            PlatformRules.nonNegative(glibcMinor, "glibc minor");
            arch = PlatformRules.arch(arch);
        }

        @Override
        public List<String> tags() {
            List<String> archs = PlatformRules.linuxArchs(arch);
            List<String> tags = PlatformRules.plainLinuxTags(archs);
            // glibc is not older than 2.5 on x86 wheels and 2.17 elsewhere (PEP 599/600).
            boolean x86 = archs.contains("x86_64") || archs.contains("i686");
            int oldestMinor = x86 ? 5 : 17;
            for (String a : archs) {
                for (int minor = glibcMinor; minor >= oldestMinor; minor--) {
                    tags.add("manylinux_2_" + minor + "_" + a);
                    String legacy = switch (minor) {
                        case 17 -> "manylinux2014_";
                        case 12 -> "manylinux2010_";
                        case 5 -> "manylinux1_";
                        default -> null;
                    };
                    if (legacy != null) {
                        tags.add(legacy + a);
                    }
                }
            }
            return List.copyOf(tags);
        }
    }

    /** musl Linux ({@code musllinux}, PEP 656). */
    record Musllinux(int muslMajor, int muslMinor, String arch) implements Platform {
        public Musllinux {
            PlatformRules.nonNegative(muslMajor, "musl major");
            PlatformRules.nonNegative(muslMinor, "musl minor");
            arch = PlatformRules.arch(arch);
        }

        @Override
        public List<String> tags() {
            List<String> archs = PlatformRules.linuxArchs(arch);
            List<String> tags = PlatformRules.plainLinuxTags(archs);
            for (String a : archs) {
                for (int minor = muslMinor; minor >= 0; minor--) {
                    tags.add("musllinux_" + muslMajor + "_" + minor + "_" + a);
                }
            }
            return List.copyOf(tags);
        }
    }

    /** A Linux of unknown C library: only locally built {@code linux_<arch>} wheels fit. */
    record Linux(String arch) implements Platform {
        public Linux {
            arch = PlatformRules.arch(arch);
        }

        @Override
        public List<String> tags() {
            return List.copyOf(PlatformRules.plainLinuxTags(PlatformRules.linuxArchs(arch)));
        }
    }

    /** macOS; versions 11 and later count by major version. */
    record MacOs(int major, int minor, String arch) implements Platform {
        public MacOs {
            if (major < 10) {
                throw new IllegalArgumentException("macOS versions start at 10: " + major);
            }
            PlatformRules.nonNegative(minor, "macOS minor");
            arch = PlatformRules.arch(arch);
        }

        @Override
        public List<String> tags() {
            List<String> tags = new ArrayList<>();
            if (major == 10) {
                for (int m = minor; m >= 0; m--) {
                    addFormats(tags, 10, m, binaryFormats(10, m, arch));
                }
                return List.copyOf(tags);
            }
            for (int m = major; m > 10; m--) {
                // Since macOS 11 the minor number is a mid-year update; tags use x_0.
                addFormats(tags, m, 0, binaryFormats(m, 0, arch));
            }
            for (int m = 16; m > 3; m--) {
                // Intel Macs on 11+ run older x86_64 binaries; arm64 only their universal2 half.
                addFormats(tags, 10, m, arch.equals("x86_64")
                        ? binaryFormats(10, m, arch) : List.of("universal2"));
            }
            return List.copyOf(tags);
        }

        private static void addFormats(List<String> tags, int major, int minor, List<String> formats) {
            for (String format : formats) {
                tags.add("macosx_" + major + "_" + minor + "_" + format);
            }
        }

        /** The binary formats (arch or multi-arch bundle names) an arch runs on macOS x.y. */
        private static List<String> binaryFormats(int major, int minor, String arch) {
            boolean before104 = major == 10 && minor < 4;
            List<String> formats = new ArrayList<>();
            formats.add(arch);
            switch (arch) {
                case "x86_64" -> {
                    if (before104) {
                        return List.of();
                    }
                    formats.addAll(List.of("intel", "fat64", "fat3"));
                }
                case "i386" -> {
                    if (before104) {
                        return List.of();
                    }
                    formats.addAll(List.of("intel", "fat3", "fat"));
                }
                case "ppc64" -> {
                    if (before104 || major > 10 || minor > 5) {
                        return List.of();
                    }
                    formats.add("fat64");
                }
                case "ppc" -> {
                    if (major > 10 || minor > 6) {
                        return List.of();
                    }
                    formats.addAll(List.of("fat3", "fat"));
                }
                default -> {
                }
            }
            if (arch.equals("arm64") || arch.equals("x86_64")) {
                formats.add("universal2");
            }
            if (List.of("x86_64", "i386", "ppc64", "ppc", "intel").contains(arch)) {
                formats.add("universal");
            }
            return formats;
        }
    }

    /** Windows: one platform tag per architecture. */
    record Windows(String arch) implements Platform {
        public Windows {
            arch = switch (PlatformRules.arch(arch)) {
                case "amd64", "x86_64", "x64" -> "amd64";
                case "x86", "win32", "i386", "i686" -> "x86";
                case "arm64", "aarch64" -> "arm64";
                default -> throw new IllegalArgumentException(
                        "unknown Windows architecture: '" + arch + "' (amd64, x86, arm64)");
            };
        }

        @Override
        public List<String> tags() {
            return List.of(arch.equals("x86") ? "win32" : "win_" + arch);
        }
    }
}

/** PlatformRules and checks shared by the platform records, kept out of the public surface. */
final class PlatformRules {
    static final Pattern MANYLINUX = Pattern.compile("manylinux_(\\d{1,4})_(\\d{1,4})_([a-z0-9_]+)");
    static final Pattern LEGACY_MANYLINUX = Pattern.compile("manylinux(1|2010|2014)_([a-z0-9_]+)");
    static final Pattern MUSLLINUX = Pattern.compile("musllinux_(\\d{1,4})_(\\d{1,4})_([a-z0-9_]+)");
    static final Pattern MACOS = Pattern.compile("macosx_(\\d{1,4})_(\\d{1,4})_([a-z0-9_]+)");
    static final Pattern LINUX = Pattern.compile("linux_([a-z0-9_]+)");
    static final Pattern ARCH = Pattern.compile("[a-z0-9_]+");

    private PlatformRules() {
    }

    static Platform parse(String tag) {
        String text = tag.toLowerCase(Locale.ROOT);
        Matcher m;
        if ((m = PlatformRules.MANYLINUX.matcher(text)).matches()) {
            return Platform.manylinux(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), m.group(3));
        }
        if ((m = PlatformRules.LEGACY_MANYLINUX.matcher(text)).matches()) {
            int minor = switch (m.group(1)) {
                case "1" -> 5;
                case "2010" -> 12;
                default -> 17;
            };
            return Platform.manylinux(2, minor, m.group(2));
        }
        if ((m = PlatformRules.MUSLLINUX.matcher(text)).matches()) {
            return Platform.musllinux(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), m.group(3));
        }
        if ((m = PlatformRules.MACOS.matcher(text)).matches()) {
            return Platform.macos(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), m.group(3));
        }
        if ((m = PlatformRules.LINUX.matcher(text)).matches()) {
            return Platform.linux(m.group(1));
        }
        switch (text) {
            case "win_amd64":
                return Platform.windows("amd64");
            case "win32":
                return Platform.windows("x86");
            case "win_arm64":
                return Platform.windows("arm64");
            default:
                throw new ParseException(tag, 0, tag.length(),
                        "unknown platform; expected e.g. manylinux_2_28_x86_64, "
                                + "musllinux_1_2_aarch64, macosx_14_0_arm64, win_amd64 or linux_x86_64");
        }
    }

    static String arch(String arch) {
        Objects.requireNonNull(arch, "arch");
        String lower = arch.toLowerCase(Locale.ROOT);
        if (!ARCH.matcher(lower).matches()) {
            throw new IllegalArgumentException("invalid architecture: '" + arch + "'");
        }
        return lower;
    }

    static void nonNegative(int value, String what) {
        if (value < 0) {
            throw new IllegalArgumentException(what + " must not be negative: " + value);
        }
    }

    /**
     * The locally built {@code linux_<arch>} tags; packaging 26.3+ ranks them before
     * manylinux/musllinux (a wheel built on this very machine is the best fit).
     */
    static List<String> plainLinuxTags(List<String> archs) {
        List<String> tags = new ArrayList<>();
        for (String a : archs) {
            tags.add("linux_" + a);
        }
        return tags;
    }

    /** 32-bit ARM Linux runs armv7l binaries too (packaging's armv8l rule). */
    static List<String> linuxArchs(String arch) {
        return arch.equals("armv8l") ? List.of("armv8l", "armv7l") : List.of(arch);
    }
}
