package dev.pinwheel.packaging;

/** The variables a PEP 508 marker may name, with the legacy spellings pip still accepts. */
enum MarkerVariable {
    IMPLEMENTATION_NAME("implementation_name"),
    IMPLEMENTATION_VERSION("implementation_version"),
    OS_NAME("os_name"),
    PLATFORM_MACHINE("platform_machine"),
    PLATFORM_PYTHON_IMPLEMENTATION("platform_python_implementation"),
    PLATFORM_RELEASE("platform_release"),
    PLATFORM_SYSTEM("platform_system"),
    PLATFORM_VERSION("platform_version"),
    PYTHON_FULL_VERSION("python_full_version"),
    PYTHON_VERSION("python_version"),
    SYS_PLATFORM("sys_platform"),
    EXTRA("extra"),
    /** PEP 751 (lock files): the set of selected extras. */
    EXTRAS("extras"),
    /** PEP 751 (lock files): the set of selected dependency groups. */
    DEPENDENCY_GROUPS("dependency_groups");

    private final String canonicalName;

    MarkerVariable(String canonicalName) {
        this.canonicalName = canonicalName;
    }

    String canonicalName() {
        return canonicalName;
    }

    boolean setValued() {
        return this == EXTRAS || this == DEPENDENCY_GROUPS;
    }

    /** Looks a name up, including the legacy dotted spellings; null when unknown. */
    static MarkerVariable byName(String name) {
        switch (name) {
            case "os.name": return OS_NAME;
            case "sys.platform": return SYS_PLATFORM;
            case "platform.version": return PLATFORM_VERSION;
            case "platform.machine": return PLATFORM_MACHINE;
            case "platform.python_implementation":
            case "python_implementation":
                return PLATFORM_PYTHON_IMPLEMENTATION;
            default:
                for (MarkerVariable v : values()) {
                    if (v.canonicalName.equals(name)) {
                        return v;
                    }
                }
                return null;
        }
    }
}
