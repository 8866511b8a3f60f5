package dev.pinwheel.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.Supplier;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.IGetter;
import picocli.CommandLine.Model.ISetter;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Range;

/**
 * One command's picocli model, declared by hand: its name, description, options and parameters
 * in the order help lists them, each bound to a field of the command object.
 *
 * <p>Why not picocli's annotations: reading them cost every start 45–55 ms on the build machine.
 * The JDK parses each annotation and generates a {@link java.lang.reflect.Proxy} class per
 * annotation type in the interpreter ({@code @Command}, {@code @Option}, {@code @Spec},
 * {@code @Retention}, and {@code @Deprecated}/{@code @IntrinsicCandidate} from
 * {@code java.lang.Object}'s methods, because picocli walks every class up to {@code Object}),
 * and JDK 17's class-data archives cannot hold those proxies. A command as short as
 * {@code chill} or {@code db heads} is mostly start-up, so the model is built here without
 * reflection; a test keeps picocli's annotations out of this package.
 *
 * <p>What the annotations did implicitly is done here explicitly: fields keep their initial
 * values until parsed (picocli resets a field to the value it had when the model was built),
 * {@code -h/--help} and {@code -V/--version} come after the command's own options with
 * picocli's texts, and every command prints pinwheel's version.
 */
final class SpecBuilder {

    private final CommandSpec spec;
    /** Adds each declared option or parameter to the model, in declaration order, once all are declared. */
    private final List<Runnable> additions = new ArrayList<>();

    private SpecBuilder(Callable<Integer> command, String name, String... description) {
        spec = CommandSpec.wrapWithoutInspection(command);
        spec.name(name);
        spec.usageMessage().description(description).sortOptions(false);
        spec.versionProvider(new VersionProvider());
    }

    /** A command whose help lists the options as they are declared. */
    static SpecBuilder command(Callable<Integer> command, String name, String... description) {
        return new SpecBuilder(command, name, description);
    }

    /** Lists the options by their short names instead (picocli's default, which a few db commands keep). */
    SpecBuilder sortedOptions() {
        spec.usageMessage().sortOptions(true);
        return this;
    }

    /** Wraps the help to the terminal's width rather than 80 columns. */
    SpecBuilder autoWidth() {
        spec.usageMessage().autoWidth(true);
        return this;
    }

    /** An option without a value: present or not. */
    OptionSpec.Builder flag(String names, String description, Supplier<Boolean> get, Consumer<Boolean> set) {
        return option(boolean.class, names, null, description, get, set);
    }

    /** An option with one value (the last one given wins). */
    <T> OptionSpec.Builder option(Class<T> type, String names, String label, String description, Supplier<T> get,
                                  Consumer<T> set) {
        Field<T> field = new Field<>(get, set);
        return option(names, label, description).type(type).getter(field).setter(field).initialValue(get.get());
    }

    /** A repeatable option: every value given, in order. */
    OptionSpec.Builder repeatable(String names, String label, String description, Supplier<List<String>> get,
                                  Consumer<List<String>> set) {
        Field<List<String>> field = new Field<>(get, set);
        return option(names, label, description).type(List.class).auxiliaryTypes(String.class)
                .getter(field).setter(field).initialValue(get.get());
    }

    /** An option that does not keep its value but hands each to {@code onValue} (the global options). */
    <T> OptionSpec.Builder callback(Class<T> type, String names, String label, String description, Consumer<T> onValue) {
        Callback<T> callback = new Callback<>(onValue);
        return option(names, label, description).type(type).getter(callback).setter(callback).hasInitialValue(false);
    }

    /** A positional parameter with at most one value. */
    PositionalParamSpec.Builder positional(String arity, String label, String description, Supplier<String> get,
                                           Consumer<String> set) {
        Field<String> field = new Field<>(get, set);
        return positional("0", arity, label, description).type(String.class)
                .getter(field).setter(field).initialValue(get.get());
    }

    /** Positional parameters taking every remaining argument. */
    PositionalParamSpec.Builder positionals(String arity, String label, String description, Supplier<List<String>> get,
                                            Consumer<List<String>> set) {
        Field<List<String>> field = new Field<>(get, set);
        return positional("0..*", arity, label, description).type(List.class).auxiliaryTypes(String.class)
                .getter(field).setter(field).initialValue(get.get());
    }

    /**
     * The command's model: its arguments in declaration order, then {@code -h/--help} and
     * {@code -V/--version} as picocli's {@code mixinStandardHelpOptions} adds them.
     */
    CommandSpec build() {
        additions.forEach(Runnable::run);
        spec.addOption(OptionSpec.builder("-h", "--help").type(boolean.class).initialValue(false).usageHelp(true)
                .description("Show this help message and exit.").build());
        spec.addOption(OptionSpec.builder("-V", "--version").type(boolean.class).initialValue(false).versionHelp(true)
                .description("Print version information and exit.").build());
        return spec;
    }

    private OptionSpec.Builder option(String names, String label, String description) {
        OptionSpec.Builder option = OptionSpec.builder(names.split(", "));
        if (label != null) {
            option.paramLabel(label);
        }
        if (description != null) {
            option.description(description);
        }
        additions.add(() -> spec.addOption(option.build()));
        return option;
    }

    private PositionalParamSpec.Builder positional(String index, String arity, String label, String description) {
        PositionalParamSpec.Builder positional = PositionalParamSpec.builder().index(index).arity(arity)
                .required(Range.valueOf(arity).min() > 0).paramLabel(label);
        if (description != null) {
            positional.description(description);
        }
        additions.add(() -> spec.addPositional(positional.build()));
        return positional;
    }

    /** Reads and writes a command's field as picocli's reflective binding would. */
    private static final class Field<T> implements IGetter, ISetter {
        private final Supplier<T> read;
        private final Consumer<T> write;

        Field(Supplier<T> read, Consumer<T> write) {
            this.read = read;
            this.write = write;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <R> R get() {
            return (R) read.get();
        }

        @Override
        @SuppressWarnings("unchecked")
        public <R> R set(R value) {
            R previous = get();
            write.accept((T) value);
            return previous;
        }
    }

    /**
     * Hands each value to a callback and remembers the last, as picocli's binding of an annotated
     * setter method does (a repeated {@code -v} passes the whole array so far each time).
     */
    private static final class Callback<T> implements IGetter, ISetter {
        private final Consumer<T> onValue;
        private Object current;

        Callback(Consumer<T> onValue) {
            this.onValue = onValue;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <R> R get() {
            return (R) current;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <R> R set(R value) {
            R previous = (R) current;
            onValue.accept((T) value);
            current = value;
            return previous;
        }
    }
}
