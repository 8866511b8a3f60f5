package dev.pinwheel.cli;

import java.io.PrintStream;

/**
 * A one-line live status on a terminal ({@code Resolving… 42 resolved, 17 fetched}), redrawn at
 * most every 80 ms and erased when done. The silent one is used in pipes, in CI and with -q/-v.
 */
public interface Progress extends AutoCloseable {

    Progress SILENT = new Progress() {
        @Override
        public void update(String status) {
        }

        @Override
        public void close() {
        }
    };

    /** Replaces the status text after the label. Safe to call from several threads. */
    void update(String status);

    @Override
    void close();

    /** The terminal implementation. */
    final class Live implements Progress {
        private static final String[] SPINNER = {"⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"};
        private final PrintStream err;
        private final String label;
        private long lastDraw;
        private int frame;
        private boolean drawn;

        Live(PrintStream err, String label) {
            this.err = err;
            this.label = label;
        }

        @Override
        public synchronized void update(String status) {
            long now = System.nanoTime();
            if (drawn && now - lastDraw < 80_000_000L) {
                return;
            }
            lastDraw = now;
            frame = (frame + 1) % SPINNER.length;
            err.print("\r\u001b[2K" + SPINNER[frame] + " " + label + " " + status);
            err.flush();
            drawn = true;
        }

        @Override
        public synchronized void close() {
            if (drawn) {
                err.print("\r\u001b[2K");
                err.flush();
                drawn = false;
            }
        }
    }
}
