package dev.gatehouse.server.config;

import dev.gatehouse.core.GatehouseException;
import java.util.List;

/** The configuration cannot be used; every problem names its key and what it allows. */
public final class ConfigException extends GatehouseException {
    private static final long serialVersionUID = 1L;

    private final transient List<String> problems;

    public ConfigException(List<String> problems) {
        super("invalid configuration:\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
