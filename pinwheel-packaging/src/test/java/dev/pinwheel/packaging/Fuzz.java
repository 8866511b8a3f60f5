package dev.pinwheel.packaging;

import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/** Generated and mutated inputs for the "parses or throws ParseException" robustness tests. */
final class Fuzz {

    private Fuzz() {
    }

    /**
     * {@code count} strings: a fixed-seed mix of the seeds themselves, random strings over
     * {@code alphabet}, and seeds with 1-4 random edits (insert, delete, replace, duplicate a
     * slice, truncate).
     */
    static List<String> strings(List<String> seeds, String alphabet, int count, long seed) {
        Random random = new Random(seed);
        List<String> out = new ArrayList<>(count);
        out.addAll(seeds);
        while (out.size() < count) {
            if (random.nextInt(10) == 0) {
                StringBuilder s = new StringBuilder();
                int length = random.nextInt(40);
                for (int i = 0; i < length; i++) {
                    s.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
                out.add(s.toString());
                continue;
            }
            StringBuilder s = new StringBuilder(seeds.get(random.nextInt(seeds.size())));
            int edits = 1 + random.nextInt(4);
            for (int e = 0; e < edits; e++) {
                int at = s.length() == 0 ? 0 : random.nextInt(s.length() + 1);
                char c = alphabet.charAt(random.nextInt(alphabet.length()));
                switch (random.nextInt(5)) {
                    case 0 -> s.insert(at, c);
                    case 1 -> {
                        if (at < s.length()) {
                            s.deleteCharAt(at);
                        }
                    }
                    case 2 -> {
                        if (at < s.length()) {
                            s.setCharAt(at, c);
                        }
                    }
                    case 3 -> {
                        int end = Math.min(s.length(), at + random.nextInt(8));
                        s.insert(at, s.substring(at, end));
                    }
                    default -> s.setLength(at);
                }
            }
            out.add(s.toString());
        }
        return out;
    }

    /** Runs {@code parser} on every input; anything thrown but a ParseException fails the test. */
    static int assertParsesOrThrowsParseException(List<String> inputs, Consumer<String> parser) {
        int parsed = 0;
        for (String input : inputs) {
            try {
                parser.accept(input);
                parsed++;
            } catch (ParseException expected) {
                // the message must render too
                if (expected.getMessage() == null) {
                    fail("no message for %s", input);
                }
            } catch (RuntimeException | StackOverflowError e) {
                throw new AssertionError("parsing " + quote(input) + " threw " + e, e);
            }
        }
        return parsed;
    }

    static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c < 0x20 || c == '"' || c == '\\' || c > 0x7e) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
