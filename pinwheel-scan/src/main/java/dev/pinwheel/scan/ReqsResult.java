package dev.pinwheel.scan;

import java.util.List;

/**
 * What the project needs: the runtime list and the development list (tests, tooling; never
 * repeating a runtime need), each sorted by normalized name, plus the warnings of the scan
 * (files that could not be read or tokenized) and notes about how it was done.
 */
public record ReqsResult(List<Needed> runtime, List<Needed> dev, List<String> warnings, List<String> notes,
                         int filesScanned) {

    public ReqsResult {
        runtime = List.copyOf(runtime);
        dev = List.copyOf(dev);
        warnings = List.copyOf(warnings);
        notes = List.copyOf(notes);
    }
}
