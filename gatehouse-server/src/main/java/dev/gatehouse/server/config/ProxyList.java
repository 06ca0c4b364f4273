package dev.gatehouse.server.config;

/** Comma-separated addresses and CIDR blocks of trusted reverse proxies. */
record ProxyList() implements ValueType<TrustedProxies> {

    @Override
    public Parsed<TrustedProxies> parse(String text) {
        return TrustedProxies.parse(text)
                .map(Parsed::accepted)
                .orElseGet(() -> Parsed.refused(
                        "must be IP addresses or CIDR blocks like 10.0.0.0/8, comma-separated (no host names)"));
    }

    @Override
    public String show(TrustedProxies value) {
        return value.isEmpty() ? "(none)" : String.join(", ", value.written());
    }
}
