package dev.gatehouse.core.testing;

import dev.gatehouse.core.account.AccountId;
import dev.gatehouse.core.email.EmailToken;
import dev.gatehouse.core.email.EmailTokenPurpose;
import dev.gatehouse.core.email.EmailTokenStore;
import dev.gatehouse.core.session.TokenHash;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Link tokens in a map, for unit tests of the core. */
public final class InMemoryEmailTokenStore implements EmailTokenStore {
    private final Map<TokenHash, EmailToken> tokens = new HashMap<>();

    @Override
    public synchronized void replace(EmailToken token) {
        discard(token.account(), token.purpose());
        tokens.put(token.hash(), token);
    }

    @Override
    public synchronized Optional<EmailToken> find(TokenHash hash, EmailTokenPurpose purpose) {
        return Optional.ofNullable(tokens.get(hash)).filter(t -> t.purpose() == purpose);
    }

    @Override
    public synchronized Optional<EmailToken> take(TokenHash hash, EmailTokenPurpose purpose) {
        Optional<EmailToken> found = find(hash, purpose);
        found.ifPresent(t -> tokens.remove(hash));
        return found;
    }

    @Override
    public synchronized int discard(AccountId account, EmailTokenPurpose purpose) {
        int before = tokens.size();
        tokens.values().removeIf(t -> t.account().equals(account) && t.purpose() == purpose);
        return before - tokens.size();
    }
}
