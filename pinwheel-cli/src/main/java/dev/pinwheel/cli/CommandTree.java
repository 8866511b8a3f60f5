package dev.pinwheel.cli;

import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The command tree, built for one command line. Only the branch the arguments name is built;
 * help, a bare {@code pinwheel} or {@code pinwheel db}, and an unknown name (whose error suggests
 * the closest command) get every command at that level.
 *
 * <p>Each command declares its picocli model by hand ({@link SpecBuilder}): picocli's reflection
 * over annotated classes cost every start 45–55 ms (the JDK generates a proxy class per
 * annotation type, in the interpreter, and class-data archives cannot hold them), which is most
 * of what a short command such as {@code chill} or {@code db heads} costs.
 */
final class CommandTree {

    /** The commands, in the order help lists them. */
    static final List<String> COMMANDS = List.of("compile", "sync", "venv", "reqs", "chill", "init", "add", "remove",
            "upgrade", "check", "db");

    /** The commands below {@code db}, in the order help lists them. */
    static final List<String> DB_COMMANDS = List.of("init", "revision", "upgrade", "downgrade", "current", "history",
            "heads", "branches", "show", "merge", "stamp", "check", "sums");

    /**
     * The model of one command of {@link #COMMANDS} or, below {@code db}, of {@link #DB_COMMANDS}.
     * A switch rather than a map of lambdas: each lambda is a class the JVM makes on start-up.
     */
    static CommandSpec spec(String parent, String name, Console c) {
        return switch (parent + " " + name) {
            case "pinwheel compile" -> new CompileCommand(c).spec();
            case "pinwheel sync" -> new SyncCommand(c).spec();
            case "pinwheel venv" -> new VenvCommand(c).spec();
            case "pinwheel reqs" -> new ReqsCommand(c).spec();
            case "pinwheel chill" -> new ChillCommand(c).spec();
            case "pinwheel init" -> new InitCommand(c).spec();
            case "pinwheel add" -> new AddCommand(c).spec();
            case "pinwheel remove" -> new RemoveCommand(c).spec();
            case "pinwheel upgrade" -> new UpgradeCommand(c).spec();
            case "pinwheel check" -> new CheckCommand(c).spec();
            case "pinwheel db" -> new DbCommand(c).spec();
            case "db init" -> new DbCommand.Init(c).spec();
            case "db revision" -> new DbCommand.RevisionCmd(c).spec();
            case "db upgrade" -> new DbCommand.Upgrade(c).spec();
            case "db downgrade" -> new DbCommand.Downgrade(c).spec();
            case "db current" -> new DbCommand.Current(c).spec();
            case "db history" -> new DbCommand.History(c).spec();
            case "db heads" -> new DbCommand.Heads(c).spec();
            case "db branches" -> new DbCommand.Branches(c).spec();
            case "db show" -> new DbCommand.Show(c).spec();
            case "db merge" -> new DbCommand.Merge(c).spec();
            case "db stamp" -> new DbCommand.Stamp(c).spec();
            case "db check" -> new DbCommand.Check(c).spec();
            case "db sums" -> new DbCommand.Sums(c).spec();
            default -> throw new IllegalArgumentException("no command " + parent + " " + name);
        };
    }

    /** The commands below a command, where it has any. */
    private static final Map<String, List<String>> CHILDREN = Map.of("db", DB_COMMANDS);

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

    static CommandLine build(String[] args, Console console) {
        if (System.getProperty("picocli.converters.excludes") == null) {
            System.setProperty("picocli.converters.excludes", UNUSED_CONVERTERS);
        }
        CommandLine root = new CommandLine(new RootCommand(console).spec());
        addLevel(root, "pinwheel", COMMANDS, args, 0, console);
        return root;
    }

    /** Adds the command the arguments name at this level, or every command of the level when they name none. */
    private static void addLevel(CommandLine parent, String parentName, List<String> level, String[] args, int from,
                                 Console console) {
        int at = nextWord(args, from);
        if (at < args.length && level.contains(args[at])) {
            parent.addSubcommand(args[at], line(parentName, args[at], args, at + 1, console));
        } else if (at >= args.length && versionOnly(args, from)) {
            return; // the version needs no command below
        } else {
            level.forEach(name -> parent.addSubcommand(name, line(parentName, name, NO_ARGS, 0, console)));
        }
    }

    private static CommandLine line(String parentName, String name, String[] args, int from, Console console) {
        CommandLine line = new CommandLine(spec(parentName, name, console));
        List<String> children = parentName.equals("pinwheel") ? CHILDREN.get(name) : null;
        if (children != null) {
            addLevel(line, name, children, args, from, console);
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
}
