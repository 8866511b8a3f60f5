package dev.pinwheel.env;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class JsonParseProperties {

    /** Documents as jackson-core writes them read back equal (the writer is the reference). */
    @Property(tries = 300)
    void whatTheWriterWritesReadsBackEqual(@ForAll("documents") Object document) {
        assertThat(Json.parse(Json.write(document))).isEqualTo(document);
    }

    @Provide
    Arbitrary<Object> documents() {
        return value(3);
    }

    private Arbitrary<Object> value(int depth) {
        Arbitrary<Object> leaf = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(20).map(s -> (Object) s),
                Arbitraries.longs().map(l -> (Object) l),
                Arbitraries.of(Boolean.TRUE, Boolean.FALSE).map(b -> (Object) b),
                Arbitraries.just(null));
        if (depth == 0) {
            return leaf;
        }
        Arbitrary<Object> list = value(depth - 1).list().ofMaxSize(4).map(l -> (Object) new ArrayList<>(l));
        Arbitrary<Object> map = Arbitraries.maps(Arbitraries.strings().ofMaxLength(8), value(depth - 1)).ofMaxSize(4)
                .map(m -> (Object) new LinkedHashMap<>(m));
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, leaf), net.jqwik.api.Tuple.of(1, list), net.jqwik.api.Tuple.of(1, map));
    }

    @Test
    void readsWhatPythonsJsonModuleWrites() {
        Object o = Json.parse(" {\"a\": [1, -2.5, 3e2, true, false, null], \"b\": \"\\u00e9\\ud83d\\ude00\\\"\\\\\\/\\b\\f\\n\\r\\t\","
                + " \"c\": {}, \"d\": [], \"e\": 12345678901234567890}\n");
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("a", java.util.Arrays.asList(1L, -2.5, 300.0, true, false, null));
        expected.put("b", "é\uD83D\uDE00\"\\/\b\f\n\r\t");
        expected.put("c", Map.of());
        expected.put("d", List.of());
        expected.put("e", 1.2345678901234567E19);
        assertThat(o).isEqualTo(expected);
    }

    @Test
    void refusesWhatIsNotJson() {
        for (String bad : List.of("", " ", "{", "[1,]", "{\"a\" 1}", "{\"a\":1,}", "01", "1.", "-", "tru", "\"a",
                "\"\\x\"", "\"\\u12\"", "\"a\nb\"", "{} x", "{a:1}", "[1 2]")) {
            assertThatThrownBy(() -> Json.parse(bad)).as(bad).isInstanceOf(UncheckedIOException.class);
        }
    }
}
