package dev.pinwheel.index;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/** A response's header fields: names compared without case, values in the order received. */
final class ResponseHeaders {

    private final Map<String, List<String>> fields;

    private ResponseHeaders(Map<String, List<String>> fields) {
        this.fields = fields;
    }

    Optional<String> firstValue(String name) {
        List<String> values = fields.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    OptionalLong firstValueAsLong(String name) {
        Optional<String> v = firstValue(name);
        if (v.isEmpty()) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(v.get().strip()));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    List<String> allValues(String name) {
        return fields.getOrDefault(name, List.of());
    }

    /** Whether a comma-separated field ({@code Connection}, {@code Transfer-Encoding}) has a token. */
    boolean hasToken(String name, String token) {
        for (String value : allValues(name)) {
            for (String part : value.split(",")) {
                if (part.strip().equalsIgnoreCase(token)) {
                    return true;
                }
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return fields.toString();
    }

    static final class Builder {
        private final Map<String, List<String>> fields = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

        Builder add(String name, String value) {
            fields.computeIfAbsent(name, k -> new ArrayList<>(1)).add(value);
            return this;
        }

        ResponseHeaders build() {
            Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            fields.forEach((k, v) -> copy.put(k, List.copyOf(v)));
            return new ResponseHeaders(Collections.unmodifiableMap(copy));
        }
    }
}
