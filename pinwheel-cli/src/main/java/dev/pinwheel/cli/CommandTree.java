package dev.pinwheel.cli;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * The command tree, built for one command line: picocli reflects over every command class it is
 * given, which cost a start about a tenth of a second for the whole tree. Only the branch the
 * arguments name is built; help, a bare {@code pinwheel} or {@code pinwheel db}, and an unknown
 * name (whose error suggests the closest command) get every command at that level.
 */
final class CommandTree {

    /** The commands, in the order help lists them. */
    static final Map<String, Class<?>> COMMANDS = ordered(
            "compile", CompileCommand.class, "sync", SyncCommand.class, "venv", VenvCommand.class,
            "reqs", ReqsCommand.class, "chill", ChillCommand.class, "init", InitCommand.class, "add", AddCommand.class,
            "remove", RemoveCommand.class, "upgrade", UpgradeCommand.class, "check", CheckCommand.class,
            "db", DbCommand.class);

    static final Map<String, Class<?>> DB_COMMANDS = ordered(
            "init", DbCommand.Init.class, "revision", DbCommand.RevisionCmd.class, "upgrade", DbCommand.Upgrade.class,
            "downgrade", DbCommand.Downgrade.class, "current", DbCommand.Current.class, "history", DbCommand.History.class,
            "heads", DbCommand.Heads.class, "branches", DbCommand.Branches.class, "show", DbCommand.Show.class,
            "merge", DbCommand.Merge.class, "stamp", DbCommand.Stamp.class, "check", DbCommand.Check.class,
            "sums", DbCommand.Sums.class);

    /** The commands below a command, where it has any. */
    private static final Map<Class<?>, Map<String, Class<?>>> CHILDREN = Map.of(DbCommand.class, DB_COMMANDS);

    /** Options of every level that take a separate value (the next argument is not a command name). */
    private static final List<String> VALUED_OPTIONS = List.of("--color");

    private static final String[] NO_ARGS = {};

    private CommandTree() {
    }

    /**
     * Types none of the commands' options has, whose converters picocli would otherwise register
     * by reflection on every start: {@code java.sql.*} (which opens another module of the runtime
     * image), {@code java.time.*} (whose class initializers build the standard date formatters)
     * and {@code java.nio.file.Path}; about 100 classes that a start then never loads.
     */
    static final String UNUSED_CONVERTERS = "java\\.sql\\..*,java\\.time\\..*,java\\.nio\\.file\\..*";

    static CommandLine build(String[] args, CommandLine.IFactory factory) {
        if (System.getProperty("picocli.converters.excludes") == null) {
            System.setProperty("picocli.converters.excludes", UNUSED_CONVERTERS);
        }
        CommandLine root = new CommandLine(RootCommand.class, factory);
        addLevel(root, COMMANDS, args, 0, factory);
        return root;
    }

    /** Adds the command the arguments name at this level, or every command of the level when they name none. */
    private static void addLevel(CommandLine parent, Map<String, Class<?>> level, String[] args, int from,
                                 CommandLine.IFactory factory) {
        int at = nextWord(args, from);
        Class<?> named = at < args.length ? level.get(args[at]) : null;
        if (named != null) {
            parent.addSubcommand(args[at], line(named, args, at + 1, factory));
        } else if (at >= args.length && versionOnly(args, from)) {
            return; // the version needs no command below
        } else {
            level.forEach((name, type) -> parent.addSubcommand(name, line(type, NO_ARGS, 0, factory)));
        }
    }

    private static CommandLine line(Class<?> type, String[] args, int from, CommandLine.IFactory factory) {
        CommandLine line = new CommandLine(type, factory);
        // every command offers -V/--version (picocli's standard options): each prints pinwheel's
        line.getCommandSpec().versionProvider(new VersionProvider());
        Map<String, Class<?>> children = CHILDREN.get(type);
        if (children != null) {
            addLevel(line, children, args, from, factory);
        }
        return line;
    }

    /** Whether the options from {@code from} ask for the version and not for help. */
    private static boolean versionOnly(String[] args, int from) {
        boolean version = false;
        for (int i = from; i < args.length; i++) {
            if (args[i].equals("-h") || args[i].equals("--help")) {
                return false;
            }
            version |= args[i].equals("-V") || args[i].equals("--version");
        }
        return version;
    }

    /** The index of the first argument from {@code from} that is not an option or an option's value. */
    private static int nextWord(String[] args, int from) {
        int i = from;
        while (i < args.length) {
            String a = args[i];
            if (a.equals("--")) {
                return args.length;
            }
            if (!a.startsWith("-") || a.equals("-")) {
                return i;
            }
            i += VALUED_OPTIONS.contains(a) ? 2 : 1;
        }
        return i;
    }

    /**
     * Name, class, name, class, … Names are spelled out rather than read from each class's
     * {@code @Command}: reading an annotation costs a start more than the whole map (a test keeps
     * the two in step).
     */
    private static Map<String, Class<?>> ordered(Object... nameThenClass) {
        Map<String, Class<?>> out = new LinkedHashMap<>();
        for (int i = 0; i < nameThenClass.length; i += 2) {
            out.put((String) nameThenClass[i], (Class<?>) nameThenClass[i + 1]);
        }
        return Collections.unmodifiableMap(out);
    }
}
