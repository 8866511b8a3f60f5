package dev.pinwheel.cli;

import java.lang.reflect.Field;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Start-up work taken off the main thread. picocli reads the commands' annotations, and the JDK
 * hands each annotation out as a dynamic proxy whose class it generates on first use (one per
 * annotation type, plus {@code @Retention}, {@code @Target} and the like on those types): a few
 * milliseconds each in a fresh JVM, which class-data sharing cannot archive. A second thread
 * reads the annotations of one specimen of every kind the commands use while the main thread
 * initializes picocli, so the proxy classes are ready when the command tree is built.
 */
final class AnnotationWarmUp {

    private AnnotationWarmUp() {
    }

    static void start() {
        Thread t = new Thread(AnnotationWarmUp::run, "pinwheel-warm-up");
        t.setDaemon(true);
        t.start();
    }

    private static void run() {
        try {
            Specimen.class.getAnnotations();
            for (Field f : Specimen.class.getDeclaredFields()) {
                f.getAnnotations();
            }
        } catch (RuntimeException | LinkageError e) {
            // only an optimization: the main thread does the same work when it needs it
        }
    }

    /** Never instantiated: it carries one of each annotation the commands use. */
    @Command(name = "specimen")
    @SuppressWarnings("unused")
    private static final class Specimen {
        @Spec
        CommandSpec spec;
        @Option(names = "--x")
        boolean option;
        @Parameters
        List<String> parameters;
        @Mixin
        GlobalOptions mixin;
    }
}
