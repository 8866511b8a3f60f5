package dev.pinwheel.packaging;

import java.math.BigInteger;
import java.util.Objects;

/**
 * The optional build tag of a wheel file name (PEP 427): it starts with a digit and sorts as
 * the pair (leading number, rest as text), so {@code 10} sorts after {@code 9} and {@code 1a}
 * after {@code 1}.
 */
public record BuildTag(BigInteger number, String suffix) implements Comparable<BuildTag> {

    public BuildTag {
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(suffix, "suffix");
        if (number.signum() < 0) {
            throw new IllegalArgumentException("a build number is not negative: " + number);
        }
    }

    /** Parses a build tag such as {@code 1} or {@code 2_cuda}; it must start with a digit. */
    public static BuildTag parse(String text) {
        Objects.requireNonNull(text, "text");
        int digits = 0;
        while (digits < text.length() && text.charAt(digits) >= '0' && text.charAt(digits) <= '9') {
            digits++;
        }
        if (digits == 0) {
            throw new ParseException(text, 0, 1, "a build tag must start with a digit");
        }
        for (int i = digits; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '-' || Character.isWhitespace(c) || Character.isISOControl(c)) {
                throw new ParseException(text, i, 1, "invalid character in build tag");
            }
        }
        return new BuildTag(new BigInteger(text.substring(0, digits)), text.substring(digits));
    }

    @Override
    public int compareTo(BuildTag other) {
        int byNumber = number.compareTo(other.number);
        return byNumber != 0 ? byNumber : suffix.compareTo(other.suffix);
    }

    @Override
    public String toString() {
        return number + suffix;
    }
}
