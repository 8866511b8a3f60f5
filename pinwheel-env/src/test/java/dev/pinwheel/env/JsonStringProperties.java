package dev.pinwheel.env;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

class JsonStringProperties {

    @Property(tries = 500)
    void anyStringReadsBackAsItWasWritten(@ForAll String value) {
        StringBuilder out = new StringBuilder();
        Json.appendString(out, value);
        assertThat(Json.parse(out.toString())).isEqualTo(value);
    }

    @Property(tries = 200)
    void aJournalIntentReadsBackWithEveryPath(
            @ForAll @CharRange(from = '\u0001', to = '\u007f') @StringLength(min = 1, max = 40) String name,
            @ForAll @Size(max = 20) List<@CharRange(from = '\u0001', to = '\u007f') @StringLength(min = 1, max = 30) String> files) {
        // ASCII only (quotes, backslashes and control characters included): file names in other
        // scripts need a UTF-8 locale to be paths at all, which a CI machine may not have.
        String safe = name.replace("\0", "").replace("/", "");
        Path distInfo = Path.of("/venv/lib/" + (safe.isEmpty() ? "x" : safe) + ".dist-info");
        List<Path> paths = files.stream().map(f -> f.replace("\0", "").replace("/", "")).filter(f -> !f.isEmpty())
                .map(f -> Path.of("/venv/lib", f)).toList();
        Map<String, Object> intent = Json.parseObject(Journal.intent("install", distInfo, paths));
        assertThat(intent.get("action")).isEqualTo("install");
        assertThat(intent.get("dist_info")).isEqualTo(distInfo.toString());
        assertThat(intent.get("files")).isEqualTo(paths.stream().map(Path::toString).toList());
    }
}
