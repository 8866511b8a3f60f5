package dev.pinwheel.cli;

import dev.pinwheel.cli.compile.CompileListener;

/** Shows a compile run's progress on the console's live line and its requests with {@code -v}. */
final class ConsoleCompileListener implements CompileListener {

    private final Console console;
    private final Progress progress;

    ConsoleCompileListener(Console console, Progress progress) {
        this.console = console;
        this.progress = progress;
    }

    @Override
    public void progress(int resolved, int fetched) {
        progress.update(resolved + " resolved, " + fetched + " fetched");
    }

    @Override
    public void debug(String message) {
        synchronized (console) {
            console.debug(message);
        }
    }

    @Override
    public void warning(String message) {
        synchronized (console) {
            console.warn(message);
        }
    }
}
