package dev.gatehouse.core.limit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.audit.AuditTrail;
import dev.gatehouse.core.audit.AuditType;
import dev.gatehouse.core.testing.InMemoryAuditStore;
import dev.gatehouse.core.testing.TestClock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
    private final TestClock clock = TestClock.startingAt("2026-01-01T00:00:00Z");
    private final InMemoryAuditStore audit = new InMemoryAuditStore();
    private final RateLimiter limiter = new RateLimiter(
            new LocalCounters(clock, 10_000),
            new RateLimitPolicy(
                    Map.of(LimitedAction.LOGIN, new Limit(5, Duration.ofMinutes(1))),
                    Map.of(LimitedAction.LOGIN, new Limit(3, Duration.ofMinutes(1))),
                    Map.of(LimitedAction.REFRESH, new Limit(2, Duration.ofMinutes(1))),
                    3,
                    Duration.ofSeconds(30),
                    Duration.ofMinutes(15)),
            clock,
            new AuditTrail(audit, event -> {}, Duration.ofDays(1), clock));
    private static final Optional<String> UNKNOWN = Optional.empty();
    private static final java.util.function.Supplier<Optional<java.time.Instant>> NEVER_FORGIVEN = Optional::empty;
    private static final Optional<String> OWNERS_PHONE = Optional.of("device-of-the-owner");

    @Test
    void refusesAnAddressOverItsLimitUntilTheWindowEnds() {
        for (int i = 0; i < 5; i++) {
            assertThat(limiter.attempt(LimitedAction.LOGIN, "203.0.113.7", Optional.empty()))
                    .isEqualTo(RateDecision.ALLOWED);
        }
        clock.advance(Duration.ofSeconds(20));

        assertThat(limiter.attempt(LimitedAction.LOGIN, "203.0.113.7", Optional.empty()))
                .isEqualTo(new RateDecision.Refused(Duration.ofSeconds(40), RateDecision.Cause.CLIENT_ADDRESS));
        assertThat(limiter.attempt(LimitedAction.LOGIN, "203.0.113.8", Optional.empty()))
                .isEqualTo(RateDecision.ALLOWED);
        clock.advance(Duration.ofSeconds(40));
        assertThat(limiter.attempt(LimitedAction.LOGIN, "203.0.113.7", Optional.empty()))
                .isEqualTo(RateDecision.ALLOWED);
    }

    @Test
    void countsEveryRefusalByActionAndCauseThoughTheTrailRecordsThemAggregated() {
        for (int i = 0; i < 5; i++) {
            limiter.attempt(LimitedAction.LOGIN, "203.0.113.7", Optional.empty());
        }
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.attempt(LimitedAction.LOGIN, "203.0.113.7", Optional.empty()))
                    .isInstanceOf(RateDecision.Refused.class);
        }

        assertThat(limiter.refusals(LimitedAction.LOGIN, RateDecision.Cause.CLIENT_ADDRESS))
                .isEqualTo(3);
        assertThat(limiter.refusals(LimitedAction.LOGIN, RateDecision.Cause.ACCOUNT))
                .isZero();
        assertThat(limiter.refusals(LimitedAction.REFRESH, RateDecision.Cause.CLIENT_ADDRESS))
                .isZero();
        assertThat(audit.all().stream().filter(e -> e.type() == AuditType.RATE_LIMITED))
                .as("the 1st refusal of the minute is an event; the 2nd and 3rd only count")
                .hasSize(1);
    }

    @Test
    void countsAWholeIpv6Slash64AsOneClient() {
        for (int i = 0; i < 5; i++) {
            limiter.attempt(LimitedAction.LOGIN, "2001:db8:1:2::" + Integer.toHexString(i + 1), Optional.empty());
        }

        assertThat(limiter.attempt(LimitedAction.LOGIN, "2001:db8:1:2:ffff::9", Optional.empty()))
                .isInstanceOf(RateDecision.Refused.class);
        assertThat(limiter.attempt(LimitedAction.LOGIN, "2001:db8:1:3::1", Optional.empty()))
                .isEqualTo(RateDecision.ALLOWED);
    }

    @Test
    void limitsOneIdentifierAcrossRotatingAddresses() {
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.attempt(LimitedAction.LOGIN, "198.51.100." + i, Optional.of("ada@example.com")))
                    .isEqualTo(RateDecision.ALLOWED);
        }

        assertThat(limiter.attempt(LimitedAction.LOGIN, "198.51.100.99", Optional.of("ada@example.com")))
                .isInstanceOfSatisfying(
                        RateDecision.Refused.class, r -> assertThat(r.cause()).isEqualTo(RateDecision.Cause.ACCOUNT));
    }

    @Test
    void locksAnIdentifierProgressivelyAfterFailuresButNeverForever() {
        assertThat(limiter.loginFailed("ada@example.com", UNKNOWN)).isZero();
        assertThat(limiter.loginFailed("ada@example.com", UNKNOWN)).isZero();
        assertThat(limiter.loginFailed("ada@example.com", UNKNOWN)).isEqualTo(Duration.ofSeconds(30));
        assertThat(limiter.attempt(LimitedAction.LOGIN, "192.0.2.1", Optional.of("ada@example.com")))
                .isEqualTo(new RateDecision.Refused(Duration.ofSeconds(30), RateDecision.Cause.ACCOUNT_LOCKED));
        assertThat(limiter.loginFailed("ada@example.com", UNKNOWN)).isEqualTo(Duration.ofMinutes(1));
        assertThat(limiter.loginFailed("ada@example.com", UNKNOWN)).isEqualTo(Duration.ofMinutes(2));
        for (int i = 0; i < 20; i++) {
            limiter.loginFailed("ada@example.com", UNKNOWN);
        }
        assertThat(limiter.loginFailed("ada@example.com", UNKNOWN)).isEqualTo(Duration.ofMinutes(15));

        clock.advance(Duration.ofMinutes(15).plusSeconds(1));
        assertThat(limiter.attempt(LimitedAction.LOGIN, "192.0.2.2", Optional.of("ada@example.com")))
                .isEqualTo(RateDecision.ALLOWED);
    }

    @Test
    void aSuccessOrAnUnlockStartsTheIdentifierAfresh() {
        for (int i = 0; i < 4; i++) {
            limiter.loginFailed("ada@example.com", UNKNOWN);
        }
        limiter.loginSucceeded("ada@example.com", UNKNOWN);

        assertThat(limiter.attempt(LimitedAction.LOGIN, "192.0.2.3", Optional.of("ada@example.com")))
                .isEqualTo(RateDecision.ALLOWED);
        assertThat(limiter.loginFailed("ada@example.com", UNKNOWN)).isZero();
    }

    @Test
    void strangersCannotLockOutADeviceThatSignedInBefore() {
        for (int i = 0; i < 10; i++) {
            limiter.loginFailed("ada@example.com", UNKNOWN);
        }

        assertThat(limiter.attemptLogin("192.0.2.9", "ada@example.com", UNKNOWN, NEVER_FORGIVEN))
                .isInstanceOfSatisfying(
                        RateDecision.Refused.class,
                        r -> assertThat(r.cause()).isEqualTo(RateDecision.Cause.ACCOUNT_LOCKED));
        assertThat(limiter.attemptLogin("192.0.2.10", "ada@example.com", OWNERS_PHONE, NEVER_FORGIVEN))
                .isEqualTo(RateDecision.ALLOWED);
    }

    @Test
    void aKnownDeviceIsLockedByItsOwnFailuresAlone() {
        for (int i = 0; i < 2; i++) {
            assertThat(limiter.loginFailed("ada@example.com", OWNERS_PHONE)).isZero();
        }
        assertThat(limiter.loginFailed("ada@example.com", OWNERS_PHONE)).isEqualTo(Duration.ofSeconds(30));

        assertThat(limiter.attemptLogin("192.0.2.10", "ada@example.com", OWNERS_PHONE, NEVER_FORGIVEN))
                .isInstanceOf(RateDecision.Refused.class);
        assertThat(limiter.attemptLogin("192.0.2.11", "ada@example.com", Optional.of("another-device"), NEVER_FORGIVEN))
                .isEqualTo(RateDecision.ALLOWED);
        assertThat(limiter.attemptLogin("192.0.2.12", "ada@example.com", UNKNOWN, NEVER_FORGIVEN))
                .isEqualTo(RateDecision.ALLOWED);
    }

    @Test
    void aKnownDeviceIsNotCountedInTheIdentifiersWindow() {
        for (int i = 0; i < 3; i++) {
            limiter.attemptLogin("198.51.100." + i, "ada@example.com", UNKNOWN, NEVER_FORGIVEN);
        }

        assertThat(limiter.attemptLogin("198.51.100.50", "ada@example.com", UNKNOWN, NEVER_FORGIVEN))
                .isInstanceOf(RateDecision.Refused.class);
        assertThat(limiter.attemptLogin("198.51.100.51", "ada@example.com", OWNERS_PHONE, NEVER_FORGIVEN))
                .isEqualTo(RateDecision.ALLOWED);
    }

    @Test
    void aKnownDevicesSuccessDoesNotForgiveTheStrangersFailures() {
        for (int i = 0; i < 3; i++) {
            limiter.loginFailed("ada@example.com", UNKNOWN);
        }
        limiter.loginSucceeded("ada@example.com", OWNERS_PHONE);

        assertThat(limiter.attemptLogin("192.0.2.9", "ada@example.com", UNKNOWN, NEVER_FORGIVEN))
                .isInstanceOf(RateDecision.Refused.class);
    }

    @Test
    void forgivingAnIdentifierClearsItsLockAndItsLoginWindow() {
        for (int i = 0; i < 3; i++) {
            limiter.attemptLogin("198.51.100." + i, "ada@example.com", UNKNOWN, NEVER_FORGIVEN);
            limiter.loginFailed("ada@example.com", UNKNOWN);
        }
        assertThat(limiter.attemptLogin("198.51.100.60", "ada@example.com", UNKNOWN, NEVER_FORGIVEN))
                .isInstanceOf(RateDecision.Refused.class);

        limiter.forgive("ada@example.com");

        assertThat(limiter.attemptLogin("198.51.100.61", "ada@example.com", UNKNOWN, NEVER_FORGIVEN))
                .isEqualTo(RateDecision.ALLOWED);
    }

    @Test
    void forgivingAlsoLiftsTheLocksOfTheAccountsKnownDevices() {
        for (int i = 0; i < 3; i++) {
            limiter.loginFailed("ada@example.com", OWNERS_PHONE);
        }
        assertThat(limiter.attemptLogin("192.0.2.10", "ada@example.com", OWNERS_PHONE, NEVER_FORGIVEN))
                .isInstanceOf(RateDecision.Refused.class);

        limiter.forgive("ada@example.com");

        assertThat(limiter.attemptLogin("192.0.2.10", "ada@example.com", OWNERS_PHONE, NEVER_FORGIVEN))
                .isEqualTo(RateDecision.ALLOWED);
    }

    @Test
    void anUnlockRecordedByAnotherProcessIsAppliedOnceWhenTheAccountIsLocked() {
        for (int i = 0; i < 3; i++) {
            limiter.loginFailed("ada@example.com", UNKNOWN);
        }
        var unlockedByTheCli = clock.instant();
        java.util.function.Supplier<Optional<java.time.Instant>> forgiven = () -> Optional.of(unlockedByTheCli);

        assertThat(limiter.attemptLogin("192.0.2.9", "ada@example.com", UNKNOWN, forgiven))
                .isEqualTo(RateDecision.ALLOWED);
        for (int i = 0; i < 3; i++) {
            limiter.loginFailed("ada@example.com", UNKNOWN);
        }
        assertThat(limiter.attemptLogin("192.0.2.9", "ada@example.com", UNKNOWN, forgiven))
                .as("the same unlock is not applied twice")
                .isInstanceOf(RateDecision.Refused.class);
    }

    @Test
    void countsFailuresPerAddressWithoutCountingSuccesses() {
        limiter.failed(LimitedAction.REFRESH, "203.0.113.5");
        assertThat(limiter.checkFailures(LimitedAction.REFRESH, "203.0.113.5")).isEqualTo(RateDecision.ALLOWED);
        limiter.failed(LimitedAction.REFRESH, "203.0.113.5");

        assertThat(limiter.checkFailures(LimitedAction.REFRESH, "203.0.113.5"))
                .isInstanceOf(RateDecision.Refused.class);
        assertThat(limiter.checkFailures(LimitedAction.REFRESH, "203.0.113.6")).isEqualTo(RateDecision.ALLOWED);
        assertThat(limiter.checkFailures(LimitedAction.INTROSPECTION, "203.0.113.5"))
                .isEqualTo(RateDecision.ALLOWED);
    }

    @Test
    void recordsEveryRefusalAndLockOutInTheAuditTrail() {
        for (int i = 0; i < 3; i++) {
            limiter.loginFailed("ada@example.com", UNKNOWN);
        }
        limiter.attemptLogin("192.0.2.9", "ada@example.com", UNKNOWN, NEVER_FORGIVEN);

        assertThat(audit.all())
                .extracting(event -> event.type())
                .containsExactly(AuditType.ACCOUNT_LOCKED_OUT, AuditType.RATE_LIMITED);
        assertThat(audit.all().get(1).ipAddress()).contains("192.0.2.9");
        assertThat(audit.all().get(0).details()).doesNotContainValue("ada@example.com");
    }

    @Test
    void aFloodOfRefusalsIsRecordedAsAFewEventsThatCountIt() {
        for (int i = 0; i < 1_005; i++) {
            limiter.attempt(LimitedAction.LOGIN, "203.0.113.77", Optional.empty());
        }

        assertThat(audit.all())
                .extracting(event -> event.details().get("refusals_this_minute"))
                .containsExactly("1", "10", "100", "1000");
        clock.advance(Duration.ofMinutes(1));
        limiter.attempt(LimitedAction.LOGIN, "203.0.113.77", Optional.empty());
        assertThat(audit.all()).hasSize(4);
    }

    @Test
    void anUnlimitedLimiterAllowsEverythingAndLocksNothing() {
        RateLimiter unlimited = RateLimiter.unlimited(clock);
        for (int i = 0; i < 100; i++) {
            assertThat(unlimited.loginFailed("ada@example.com", UNKNOWN)).isZero();
            assertThat(unlimited.attempt(LimitedAction.LOGIN, "192.0.2.1", Optional.of("ada@example.com")))
                    .isEqualTo(RateDecision.ALLOWED);
        }
    }

    @Test
    void readsLimitsWrittenAsCountPerWindow() {
        assertThat(Limit.parse("30/1m")).contains(new Limit(30, Duration.ofMinutes(1)));
        assertThat(Limit.parse("5/15s")).contains(new Limit(5, Duration.ofSeconds(15)));
        assertThat(Limit.parse("0/1m")).isEmpty();
        assertThat(Limit.parse("30 per minute")).isEmpty();
        assertThat(Limit.parse("30/1d")).isEmpty();
    }
}
