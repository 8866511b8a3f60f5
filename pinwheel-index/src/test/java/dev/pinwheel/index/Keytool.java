package dev.pinwheel.index;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The JDK's keytool, for tests that need keys and certificates; every store's password is "changeit". */
final class Keytool {

    private Keytool() {
    }

    /** Runs keytool with these arguments (a new key pair goes into a JKS store); fails on a non-zero exit. */
    static void run(Object... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        for (Object a : args) {
            command.add(a.toString());
        }
        command.addAll(List.of("-storepass", "changeit"));
        if (command.get(1).equals("-genkeypair")) {
            command.addAll(List.of("-keypass", "changeit", "-storetype", "JKS"));
        }
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("keytool " + command + " failed:\n" + out);
        }
    }
}
