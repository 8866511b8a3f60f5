package dev.pinwheel.migrate;

import java.util.Locale;

/** Which way a revision is moved; the lower-case name is what the history table records. */
public enum Direction {
    UPGRADE, DOWNGRADE, STAMP;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
