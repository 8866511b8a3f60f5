package dev.pinwheel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Executable;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps picocli's annotations out of the CLI: reading them cost every start 45–55 ms, so the
 * command models are built by hand ({@link SpecBuilder}).
 */
class NoPicocliAnnotationsTest {

    @Test
    void noClassOfTheCliCarriesAPicocliAnnotation() throws IOException, URISyntaxException, ClassNotFoundException {
        Path classes = Path.of(CommandTree.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> names;
        try (Stream<Path> files = Files.walk(classes.resolve("dev/pinwheel/cli"))) {
            names = files.map(classes::relativize).map(Path::toString).filter(p -> p.endsWith(".class"))
                    .map(p -> p.substring(0, p.length() - ".class".length()).replace('/', '.')).sorted().toList();
        }
        assertThat(names).as("compiled classes of dev.pinwheel.cli").contains(CommandTree.class.getName(),
                CompileCommand.class.getName(), DbCommand.Upgrade.class.getName());
        List<String> found = new ArrayList<>();
        for (String name : names) {
            Class<?> type = Class.forName(name, false, getClass().getClassLoader());
            check(type, type.getName(), found);
            for (var field : type.getDeclaredFields()) {
                check(field, name + "." + field.getName(), found);
            }
            List<Executable> executables = new ArrayList<>(List.of(type.getDeclaredMethods()));
            executables.addAll(List.of(type.getDeclaredConstructors()));
            for (Executable executable : executables) {
                check(executable, name + "." + executable.getName() + "()", found);
                for (var parameter : executable.getParameters()) {
                    check(parameter, name + "." + executable.getName() + "(" + parameter.getName() + ")", found);
                }
            }
        }
        assertThat(found).as("picocli annotations (build the CommandSpec with SpecBuilder instead)").isEmpty();
    }

    private static void check(AnnotatedElement element, String where, List<String> found) {
        for (Annotation annotation : element.getDeclaredAnnotations()) {
            if (annotation.annotationType().getName().startsWith("picocli.")) {
                found.add(where + ": @" + annotation.annotationType().getSimpleName());
            }
        }
    }
}
