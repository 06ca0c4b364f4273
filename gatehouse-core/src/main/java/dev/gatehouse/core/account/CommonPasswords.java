package dev.gatehouse.core.account;

import dev.gatehouse.core.GatehouseException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Passwords too common to accept, compared without regard to case.
 *
 * <p>The bundled list holds the entries of eight characters or more from the zxcvbn-ts common
 * password list (MIT licence); shorter ones are refused by length already.
 */
public final class CommonPasswords {
    private static final String BUNDLED = "/dev/gatehouse/core/account/common-passwords.txt";

    private final Set<String> entries;

    private CommonPasswords(Set<String> entries) {
        this.entries = Set.copyOf(entries);
    }

    public static CommonPasswords of(Set<String> entries) {
        Set<String> lower = new HashSet<>();
        entries.forEach(e -> lower.add(e.toLowerCase(Locale.ROOT)));
        return new CommonPasswords(lower);
    }

    public static CommonPasswords bundled() {
        try (InputStream in = CommonPasswords.class.getResourceAsStream(BUNDLED)) {
            if (in == null) {
                throw new GatehouseException("bundled common-password list missing: " + BUNDLED);
            }
            Set<String> lines = new HashSet<>();
            var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    lines.add(line.strip());
                }
            }
            return of(lines);
        } catch (IOException e) {
            throw new GatehouseException("cannot read the bundled common-password list", e);
        }
    }

    public boolean contains(String password) {
        return entries.contains(password.toLowerCase(Locale.ROOT));
    }

    public int size() {
        return entries.size();
    }
}
