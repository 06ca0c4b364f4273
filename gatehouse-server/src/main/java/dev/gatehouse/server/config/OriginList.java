package dev.gatehouse.server.config;

import java.util.ArrayList;
import java.util.List;

/** Comma-separated origins ({@code https://app.example.com}), each read into the form browsers send. */
record OriginList() implements ValueType<List<String>> {

    @Override
    public Parsed<List<String>> parse(String text) {
        if (text.isBlank()) {
            return Parsed.accepted(List.of());
        }
        List<String> origins = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        for (String item : text.split(",")) {
            String written = item.strip();
            OriginText.parse(written)
                    .filter(origin -> !written.equals("*"))
                    .ifPresentOrElse(origins::add, () -> refused.add("'" + written + "'"));
        }
        if (!refused.isEmpty()) {
            return Parsed.refused(String.join(", ", refused)
                    + (refused.size() == 1 ? " is not an origin" : " are not origins")
                    + " like https://app.example.com (no path, no wildcard)");
        }
        return Parsed.accepted(List.copyOf(origins));
    }

    @Override
    public String show(List<String> value) {
        return value.isEmpty() ? "(none)" : String.join(", ", value);
    }
}
