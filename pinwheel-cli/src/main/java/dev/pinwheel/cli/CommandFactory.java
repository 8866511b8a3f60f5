package dev.pinwheel.cli;

import java.lang.reflect.Constructor;
import picocli.CommandLine;

/**
 * Creates command objects for picocli, handing the run's {@link Console} to every command whose
 * constructor takes one. Commands therefore never reach for {@code System.out} or globals.
 */
final class CommandFactory implements CommandLine.IFactory {

    private final Console console;
    private final CommandLine.IFactory fallback = CommandLine.defaultFactory();

    CommandFactory(Console console) {
        this.console = console;
    }

    @Override
    public <K> K create(Class<K> cls) throws Exception {
        try {
            Constructor<K> withConsole = cls.getDeclaredConstructor(Console.class);
            withConsole.setAccessible(true);
            return withConsole.newInstance(console);
        } catch (NoSuchMethodException e) {
            return fallback.create(cls);
        }
    }
}
