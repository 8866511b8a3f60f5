package dev.pinwheel.cli;

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

    /** Options of every level that take a separate value (the next argument is not a command name). */
    private static final List<String> VALUED_OPTIONS = List.of("--color");

    private CommandTree() {
    }

    static CommandLine build(String[] args, CommandLine.IFactory factory) {
        CommandLine root = new CommandLine(RootCommand.class, factory);
        int at = nextWord(args, 0);
        Class<?> named = at < args.length ? COMMANDS.get(args[at]) : null;
        if (named == null) {
            COMMANDS.forEach((name, type) -> root.addSubcommand(name, command(name, type, factory)));
        } else if (named == DbCommand.class) {
            CommandLine db = new CommandLine(DbCommand.class, factory);
            root.addSubcommand(args[at], db);
            int sub = nextWord(args, at + 1);
            Class<?> dbNamed = sub < args.length ? DB_COMMANDS.get(args[sub]) : null;
            if (dbNamed == null) {
                DB_COMMANDS.forEach((name, type) -> db.addSubcommand(name, new CommandLine(type, factory)));
            } else {
                db.addSubcommand(args[sub], new CommandLine(dbNamed, factory));
            }
        } else {
            root.addSubcommand(args[at], new CommandLine(named, factory));
        }
        return root;
    }

    private static CommandLine command(String name, Class<?> type, CommandLine.IFactory factory) {
        CommandLine line = new CommandLine(type, factory);
        if (type == DbCommand.class) {
            DB_COMMANDS.forEach((sub, subType) -> line.addSubcommand(sub, new CommandLine(subType, factory)));
        }
        return line;
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
        return java.util.Collections.unmodifiableMap(out);
    }
}
