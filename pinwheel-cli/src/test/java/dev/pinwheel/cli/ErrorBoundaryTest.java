package dev.pinwheel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pinwheel.packaging.PinwheelException;
import dev.pinwheel.packaging.PinwheelException.Category;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ErrorBoundaryTest {

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private Console console(Map<String, String> env, boolean interactive, int verbosity, GlobalOptions.ColorChoice color) {
        GlobalOptions options = new GlobalOptions();
        options.raiseVerbosity(verbosity);
        options.setColor(color);
        Context context = new Context(Path.of("/tmp"), env, new ByteArrayInputStream(new byte[0]),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), interactive);
        return new Console(context, options);
    }

    private Console plain() {
        return console(Map.of(), false, 0, GlobalOptions.ColorChoice.AUTO);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void eachCategoryMapsToItsDocumentedExitStatus() {
        assertThat(ErrorBoundary.handle(new PinwheelException(Category.NEGATIVE, "no"), plain())).isEqualTo(1);
        assertThat(ErrorBoundary.handle(new PinwheelException(Category.BAD_INPUT, "no"), plain())).isEqualTo(2);
        assertThat(ErrorBoundary.handle(new PinwheelException(Category.ENVIRONMENT, "no"), plain())).isEqualTo(3);
        assertThat(ErrorBoundary.handle(new PinwheelException(Category.INTERNAL, "no"), plain())).isEqualTo(4);
        assertThat(ErrorBoundary.handle(new IllegalStateException("boom"), plain())).isEqualTo(4);
        assertThat(ErrorBoundary.handle(new UncheckedIOException(new IOException("disk full")), plain())).isEqualTo(3);
        assertThat(ErrorBoundary.handle(new RuntimeException(new InterruptedException()), plain())).isEqualTo(130);
    }

    @Test
    void printsErrorCausesAndHintWithoutStackTrace() {
        var failure = new PinwheelException(Category.ENVIRONMENT, "cannot read requirements/base.in",
                "check the path", new UncheckedIOException(new NoSuchFileException("requirements/base.in")));
        int status = ErrorBoundary.handle(failure, plain());
        assertThat(status).isEqualTo(3);
        assertThat(stderr()).isEqualTo("""
                error: cannot read requirements/base.in
                  Caused by: no such file or directory: requirements/base.in
                hint: check the path
                """);
    }

    @Test
    void verbosePrintsTheStackTrace() {
        ErrorBoundary.handle(new IllegalStateException("boom"), console(Map.of(), false, 1, GlobalOptions.ColorChoice.AUTO));
        assertThat(stderr()).startsWith("error: internal error: boom\n")
                .contains("hint: this is a bug in pinwheel")
                .contains("at dev.pinwheel.cli.ErrorBoundaryTest");
    }

    @Test
    void internalErrorsNeverShowATraceWithoutVerbose() {
        ErrorBoundary.handle(new NullPointerException(), plain());
        assertThat(stderr()).isEqualTo("""
                error: internal error: NullPointerException
                hint: this is a bug in pinwheel; rerun with -v and report the output
                """);
    }

    @Test
    void colourOnlyOnTerminalsAndNeverWithNoColor() {
        assertThat(console(Map.of(), true, 0, GlobalOptions.ColorChoice.AUTO).colored()).isTrue();
        assertThat(console(Map.of("NO_COLOR", "1"), true, 0, GlobalOptions.ColorChoice.AUTO).colored()).isFalse();
        assertThat(console(Map.of(), false, 0, GlobalOptions.ColorChoice.AUTO).colored()).isFalse();
        assertThat(console(Map.of("NO_COLOR", "1"), false, 0, GlobalOptions.ColorChoice.ALWAYS).colored()).isTrue();
        assertThat(console(Map.of(), true, 0, GlobalOptions.ColorChoice.NEVER).colored()).isFalse();
    }

    @Test
    void colouredErrorUsesAnsiCodes() {
        ErrorBoundary.handle(new PinwheelException(Category.NEGATIVE, "drift"), console(Map.of(), false, 0, GlobalOptions.ColorChoice.ALWAYS));
        assertThat(stderr()).contains("\u001b[1;31merror\u001b[0m");
    }
}
