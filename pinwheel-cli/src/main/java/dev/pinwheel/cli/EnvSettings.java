package dev.pinwheel.cli;

import java.nio.file.Path;

/** Settings shared by the environment commands. */
final class EnvSettings {

    private EnvSettings() {
    }

    /** pinwheel's cache root: {@code $PINWHEEL_CACHE_DIR}, else {@code $XDG_CACHE_HOME/pinwheel}, else {@code ~/.cache/pinwheel}. */
    static Path cacheDir(Context context) {
        return context.getenv("PINWHEEL_CACHE_DIR").map(context::resolve)
                .or(() -> context.getenv("XDG_CACHE_HOME").map(x -> context.resolve(x).resolve("pinwheel")))
                .orElseGet(() -> context.resolve(context.getenv("HOME").orElse(System.getProperty("user.home")))
                        .resolve(".cache").resolve("pinwheel"));
    }
}
