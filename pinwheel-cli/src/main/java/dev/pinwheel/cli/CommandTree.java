package dev.pinwheel.cli;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
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
    static final Map<String, Function<Console, CommandSpec>> COMMANDS = ordered(
            command("compile", c -> new CompileCommand(c).spec()),
            command("sync", c -> new SyncCommand(c).spec()),
            command("venv", c -> new VenvCommand(c).spec()),
            command("reqs", c -> new ReqsCommand(c).spec()),
            command("chill", c -> new ChillCommand(c).spec()),
            command("init", c -> new InitCommand(c).spec()),
            command("add", c -> new AddCommand(c).spec()),
            command("remove", c -> new RemoveCommand(c).spec()),
            command("upgrade", c -> new UpgradeCommand(c).spec()),
            command("check", c -> new CheckCommand(c).spec()),
            command("db", c -> new DbCommand(c).spec()));

    static final Map<String, Function<Console, CommandSpec>> DB_COMMANDS = ordered(
            command("init", c -> new DbCommand.Init(c).spec()),
            command("revision", c -> new DbCommand.RevisionCmd(c).spec()),
            command("upgrade", c -> new DbCommand.Upgrade(c).spec()),
            command("downgrade", c -> new DbCommand.Downgrade(c).spec()),
            command("current", c -> new DbCommand.Current(c).spec()),
            command("history", c -> new DbCommand.History(c).spec()),
            command("heads", c -> new DbCommand.Heads(c).spec()),
            command("branches", c -> new DbCommand.Branches(c).spec()),
            command("show", c -> new DbCommand.Show(c).spec()),
            command("merge", c -> new DbCommand.Merge(c).spec()),
            command("stamp", c -> new DbCommand.Stamp(c).spec()),
            command("check", c -> new DbCommand.Check(c).spec()),
            command("sums", c -> new DbCommand.Sums(c).spec()));

    /** The commands below a command, where it has any. */
    private static final Map<String, Map<String, Function<Console, CommandSpec>>> CHILDREN = Map.of("db", DB_COMMANDS);

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
        addLevel(root, COMMANDS, args, 0, console);
        return root;
    }

    /** Adds the command the arguments name at this level, or every command of the level when they name none. */
    private static void addLevel(CommandLine parent, Map<String, Function<Console, CommandSpec>> level, String[] args,
                                 int from, Console console) {
        int at = nextWord(args, from);
        String named = at < args.length && level.containsKey(args[at]) ? args[at] : null;
        if (named != null) {
            parent.addSubcommand(named, line(named, level, args, at + 1, console));
        } else if (at >= args.length && versionOnly(args, from)) {
            return; // the version needs no command below
        } else {
            level.keySet().forEach(name -> parent.addSubcommand(name, line(name, level, NO_ARGS, 0, console)));
        }
    }

    private static CommandLine line(String name, Map<String, Function<Console, CommandSpec>> level, String[] args,
                                    int from, Console console) {
        CommandLine line = new CommandLine(level.get(name).apply(console));
        Map<String, Function<Console, CommandSpec>> children = level == COMMANDS ? CHILDREN.get(name) : null;
        if (children != null) {
            addLevel(line, children, args, from, console);
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

    private static Map.Entry<String, Function<Console, CommandSpec>> command(String name,
                                                                          Function<Console, CommandSpec> spec) {
        return Map.entry(name, spec);
    }

    /** The commands in help's order. */
    @SafeVarargs
    private static Map<String, Function<Console, CommandSpec>> ordered(
            Map.Entry<String, Function<Console, CommandSpec>>... commands) {
        Map<String, Function<Console, CommandSpec>> out = new LinkedHashMap<>();
        for (Map.Entry<String, Function<Console, CommandSpec>> c : commands) {
            out.put(c.getKey(), c.getValue());
        }
        return Collections.unmodifiableMap(out);
    }
}
