package dev.pinwheel.scan;

/** How {@code pinwheel reqs} writes versions, as pipreqs' {@code --mode}. */
public enum PinMode {
    /** {@code name==installed} (the default). */
    EQ("=="),
    /** {@code name~=installed}: compatible release. */
    COMPAT("~="),
    /** {@code name>=installed}. */
    GT(">="),
    /** Names only. */
    NO_PIN("");

    private final String operator;

    PinMode(String operator) {
        this.operator = operator;
    }

    String operator() {
        return operator;
    }
}
