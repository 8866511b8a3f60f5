package dev.pinwheel.env;

import dev.pinwheel.packaging.PinwheelException.Category;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Executable scripts: the launchers written for {@code console_scripts} / {@code gui_scripts}
 * entry points, and the {@code #!python} shebang rewrite of {@code .data/scripts}. A shebang
 * longer than Linux's 127 bytes or with a space cannot name the interpreter directly; then the
 * script starts as a {@code /bin/sh} one-liner that re-executes itself with Python, as pip does.
 */
final class Scripts {

    /** One {@code name = module:attr [extras]} line of entry_points.txt. */
    record EntryPoint(String name, String module, String attr, boolean gui) {
    }

    private static final Pattern ENTRY = Pattern.compile(
            "\\s*([^=\\s][^=]*?)\\s*=\\s*([\\w.]+)\\s*(?::\\s*([\\w.]+))?\\s*(\\[.*])?\\s*");
    private static final Pattern SECTION = Pattern.compile("\\s*\\[([^]]+)]\\s*");

    private Scripts() {
    }

    /** The console and GUI scripts declared in an {@code entry_points.txt}. */
    static List<EntryPoint> parseEntryPoints(String text, String source) {
        List<EntryPoint> found = new ArrayList<>();
        String section = null;
        int lineNo = 0;
        for (String line : text.split("\r?\n")) {
            lineNo++;
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#") || t.startsWith(";")) {
                continue;
            }
            Matcher s = SECTION.matcher(line);
            if (s.matches()) {
                section = s.group(1).strip();
                continue;
            }
            boolean console = "console_scripts".equals(section);
            if (!console && !"gui_scripts".equals(section)) {
                continue;
            }
            Matcher m = ENTRY.matcher(line);
            if (!m.matches() || m.group(3) == null) {
                throw new EnvException(Category.BAD_INPUT, source + ":" + lineNo + ": invalid entry point '" + t
                        + "' (expected name = module:function)");
            }
            if (m.group(1).contains("/") || m.group(1).contains("\\") || m.group(1).equals("..")) {
                throw new EnvException(Category.BAD_INPUT, source + ":" + lineNo + ": unsafe script name '" + m.group(1) + "'");
            }
            found.add(new EntryPoint(m.group(1), m.group(2), m.group(3), !console));
        }
        return found;
    }

    /** The launcher pip would write for an entry point: import the object, call it, exit with its result. */
    static String launcher(Path python, EntryPoint ep) {
        String top = ep.attr().split("\\.")[0];
        return shebang(python) + """
                # -*- coding: utf-8 -*-
                import re
                import sys
                from %s import %s
                if __name__ == "__main__":
                    sys.argv[0] = re.sub(r"(-script\\.pyw|\\.exe)?$", "", sys.argv[0])
                    sys.exit(%s())
                """.formatted(ep.module(), top, ep.attr());
    }

    /** The first line(s) that make a script run with {@code python}. */
    static String shebang(Path python) {
        String exe = python.toString();
        if (exe.getBytes(StandardCharsets.UTF_8).length + 3 <= 127 && !exe.contains(" ") && !exe.contains("\t")) {
            return "#!" + exe + "\n";
        }
        // Valid as both sh and Python: sh runs the exec line, Python sees a string literal.
        return "#!/bin/sh\n'''exec' " + ActivationScripts.shQuote(exe) + " \"$0\" \"$@\"\n' '''\n";
    }

    /**
     * Whether the script at {@code path} starts with {@code #!python}, read from its first bytes
     * only: scripts can be large binaries (ruff's wheel carries a 25 MB executable as a script).
     */
    static boolean startsWithPythonShebang(Path path) throws java.io.IOException {
        byte[] magic = "#!python".getBytes(StandardCharsets.US_ASCII);
        try (java.io.InputStream in = java.nio.file.Files.newInputStream(path)) {
            return java.util.Arrays.equals(in.readNBytes(magic.length), magic);
        }
    }

    /**
     * Rewrites a {@code #!python} (or {@code #!pythonw}) first line to the environment's
     * interpreter; other scripts come back unchanged (null).
     */
    static byte[] rewriteShebang(byte[] content, Path python) {
        int eol = 0;
        while (eol < content.length && content[eol] != '\n') {
            eol++;
        }
        String first = new String(content, 0, eol, StandardCharsets.ISO_8859_1).stripTrailing();
        if (!first.matches("#!pythonw?(\\s.*)?")) {
            return null;
        }
        String args = first.replaceFirst("#!pythonw?", "").strip();
        String head = shebang(python);
        if (!args.isEmpty() && head.startsWith("#!/bin/sh")) {
            args = "";
        } else if (!args.isEmpty()) {
            head = head.stripTrailing() + " " + args + "\n";
        }
        byte[] h = head.getBytes(StandardCharsets.UTF_8);
        int restStart = Math.min(eol + 1, content.length);
        byte[] out = new byte[h.length + content.length - restStart];
        System.arraycopy(h, 0, out, 0, h.length);
        System.arraycopy(content, restStart, out, h.length, content.length - restStart);
        return out;
    }
}
