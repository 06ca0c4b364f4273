package dev.gatehouse.server.http;

import java.util.List;
import java.util.Map;

/** A short, human name for a User-Agent ("Firefox on Linux") for the session list. A guess, never a rule. */
public final class DeviceName {
    // Order matters: Edge and Opera also say "Chrome", Chrome also says "Safari".
    private static final List<Map.Entry<String, String>> BROWSERS = List.of(
            Map.entry("Edg/", "Edge"),
            Map.entry("OPR/", "Opera"),
            Map.entry("Firefox/", "Firefox"),
            Map.entry("Chrome/", "Chrome"),
            Map.entry("Safari/", "Safari"),
            Map.entry("curl/", "curl"),
            Map.entry("Java-http-client", "Java"),
            Map.entry("okhttp", "OkHttp"));
    private static final List<Map.Entry<String, String>> SYSTEMS = List.of(
            Map.entry("Android", "Android"),
            Map.entry("iPhone", "iOS"),
            Map.entry("iPad", "iPadOS"),
            Map.entry("Windows", "Windows"),
            Map.entry("Mac OS X", "macOS"),
            Map.entry("Macintosh", "macOS"),
            Map.entry("CrOS", "ChromeOS"),
            Map.entry("Linux", "Linux"));

    private DeviceName() {}

    public static String describe(String userAgent) {
        String browser = firstMatch(BROWSERS, userAgent);
        String system = firstMatch(SYSTEMS, userAgent);
        if (browser.isEmpty() && system.isEmpty()) {
            return "Unknown device";
        }
        if (system.isEmpty()) {
            return browser;
        }
        return browser.isEmpty() ? system : browser + " on " + system;
    }

    private static String firstMatch(List<Map.Entry<String, String>> table, String userAgent) {
        return table.stream()
                .filter(entry -> userAgent.contains(entry.getKey()))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse("");
    }
}
