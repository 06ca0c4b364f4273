package dev.gatehouse.server.config;

/** Text taken as written, such as a host name, checked where it is used. */
record FreeText() implements ValueType<String> {

    @Override
    public Parsed<String> parse(String text) {
        return Parsed.accepted(text);
    }

    @Override
    public String show(String value) {
        return value.isEmpty() ? "(unset)" : value;
    }
}
