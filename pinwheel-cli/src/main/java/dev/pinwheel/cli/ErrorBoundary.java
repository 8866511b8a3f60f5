package dev.pinwheel.cli;

import dev.pinwheel.packaging.PinwheelException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.InterruptedIOException;
import java.nio.channels.ClosedByInterruptException;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The one place where failures become output and an exit status: {@code error:} with the
 * message, a {@code Caused by:} line per distinct cause, then {@code hint:}. Stack traces are
 * printed only with {@code -v}.
 */
final class ErrorBoundary {

    private ErrorBoundary() {
    }

    static int handle(Throwable failure, Console console) {
        if (isInterrupt(failure)) {
            console.printError("error", "interrupted");
            return ExitCodes.INTERRUPTED;
        }
        int status;
        String hint = null;
        if (failure instanceof PinwheelException pe) {
            status = ExitCodes.of(pe.category());
            hint = pe.hint().orElse(null);
            console.printError("error", pe.getMessage());
        } else if (failure instanceof UncheckedIOException || failure instanceof IOException) {
            status = ExitCodes.ENVIRONMENT;
            console.printError("error", describe(failure instanceof UncheckedIOException u ? u.getCause() : failure));
        } else {
            status = ExitCodes.INTERNAL;
            console.printError("error", "internal error: " + describe(failure));
            hint = "this is a bug in pinwheel; rerun with -v and report the output";
        }
        printCauses(failure, console);
        if (hint != null) {
            console.printHint(hint);
        }
        if (console.options().verbose()) {
            failure.printStackTrace(console.context().err());
        }
        return status;
    }

    private static void printCauses(Throwable failure, Console console) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        seen.put(failure, true);
        String previous = failure.getMessage();
        Throwable skipped = failure instanceof UncheckedIOException ? failure.getCause() : null;
        for (Throwable cause = failure.getCause(); cause != null && seen.put(cause, true) == null;
                cause = cause.getCause()) {
            // UncheckedIOException only carries its cause; the top-level IO cause is already the message.
            if (cause == skipped || cause instanceof UncheckedIOException) {
                continue;
            }
            String text = describe(cause);
            if (previous == null || !previous.contains(text)) {
                console.printCause(text);
            }
            previous = text;
        }
    }

    /** A cause's message, or its kind when it has none; pinwheel's own messages stand alone. */
    static String describe(Throwable t) {
        String message = t.getMessage();
        if (t instanceof PinwheelException) {
            return message;
        }
        String kind = switch (t.getClass().getName()) {
            case "java.nio.file.NoSuchFileException" -> "no such file or directory";
            case "java.nio.file.AccessDeniedException" -> "permission denied";
            case "java.nio.file.FileAlreadyExistsException" -> "file already exists";
            case "java.nio.file.NotDirectoryException" -> "not a directory";
            case "java.nio.file.DirectoryNotEmptyException" -> "directory not empty";
            case "java.net.UnknownHostException", "java.nio.channels.UnresolvedAddressException" -> "unknown host";
            case "java.net.ConnectException" -> message == null ? "cannot connect" : "connection failed";
            case "java.net.SocketTimeoutException" -> "timed out";
            default -> null;
        };
        if (kind != null) {
            return message == null ? kind : kind + ": " + message;
        }
        if (message == null || message.isBlank()) {
            return t.getClass().getSimpleName();
        }
        return message;
    }

    private static boolean isInterrupt(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof InterruptedException || c instanceof ClosedByInterruptException
                    || (c instanceof InterruptedIOException && !(c instanceof java.net.SocketTimeoutException))) {
                return true;
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return false;
    }
}
