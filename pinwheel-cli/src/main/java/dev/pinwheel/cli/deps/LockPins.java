package dev.pinwheel.cli.deps;

import dev.pinwheel.cli.compile.Compiler;
import dev.pinwheel.packaging.PinwheelException;
import dev.pinwheel.packaging.ProjectName;
import dev.pinwheel.packaging.Requirement;
import dev.pinwheel.packaging.Version;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The pins of a lock file in pip-compile's format and the {@code # via} annotation of each:
 * which input files ({@code -r requirements/base.in}) or packages brought it in. Lines that are
 * not exact pins (options, URLs) are skipped; both annotation styles are read.
 */
record LockPins(Map<ProjectName, Pin> pins) {

    /** One pinned package and why the lock says it is there (empty when the lock was not annotated). */
    record Pin(ProjectName name, Version version, String text, List<String> via) {

        /** Whether only input files brought it in (no package requires it). */
        boolean onlyFromFiles() {
            return !via.isEmpty() && via.stream().allMatch(v -> v.startsWith("-r ") || v.startsWith("-c ")
                    || v.startsWith("--upgrade-package"));
        }
    }

    LockPins {
        pins = Map.copyOf(pins);
    }

    static LockPins parse(String text) {
        Map<ProjectName, Pin> pins = new LinkedHashMap<>();
        String[] lines = text.split("\\R");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isBlank() || line.startsWith("#") || line.startsWith("-") || Character.isWhitespace(line.charAt(0))) {
                continue;
            }
            String body = line.replaceAll("\\s+\\\\$", "");
            int comment = body.indexOf(" #");
            String via1 = null;
            if (comment >= 0) {
                String c = body.substring(comment + 2).strip();
                via1 = c.startsWith("via ") ? c.substring(4).strip() : null;
                body = body.substring(0, comment);
            }
            Optional<Requirement> requirement = requirement(body.strip());
            Optional<Version> version = requirement.flatMap(Compiler::pinnedVersion);
            if (version.isEmpty()) {
                continue;
            }
            List<String> via = new ArrayList<>();
            if (via1 != null) {
                for (String v : via1.split(",")) {
                    via.add(v.strip());
                }
            }
            int j = i + 1;
            while (j < lines.length && (lines[j].startsWith(" ") || lines[j].startsWith("\t"))) {
                String c = lines[j].strip();
                if (c.startsWith("# via")) {
                    String rest = c.substring("# via".length()).strip();
                    if (!rest.isEmpty()) {
                        via.add(rest);
                    }
                } else if (c.startsWith("#   ")) {
                    via.add(c.substring(1).strip());
                }
                j++;
            }
            pins.put(requirement.get().name(), new Pin(requirement.get().name(), version.get(), body.strip(), via));
        }
        return new LockPins(pins);
    }

    private static Optional<Requirement> requirement(String text) {
        try {
            return Optional.of(Requirement.parse(text));
        } catch (PinwheelException e) {
            return Optional.empty();
        }
    }
}
