package dev.gatehouse.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import dev.gatehouse.core.account.AccountService;
import dev.gatehouse.core.audit.AuditStore;
import dev.gatehouse.core.audit.AuditTrail;
import dev.gatehouse.core.client.ClientService;
import dev.gatehouse.core.key.KeyService;
import dev.gatehouse.core.limit.RateLimiter;
import dev.gatehouse.core.refresh.RefreshService;
import dev.gatehouse.core.session.SessionService;
import dev.gatehouse.core.token.AccessTokenService;
import java.util.Map;
import java.util.Set;

/** The dependency directions of STYLE.md, checked on the compiled classes of every module. */
@AnalyzeClasses(packages = "dev.gatehouse", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule coreKnowsNoHttpSqlOrStores = noClasses()
            .that()
            .resideInAPackage("dev.gatehouse.core..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "dev.gatehouse.server..",
                    "dev.gatehouse.store..",
                    "io.helidon..",
                    "java.sql..",
                    "javax.sql..",
                    "com.fasterxml..",
                    "com.zaxxer..",
                    "org.flywaydb..",
                    "picocli..",
                    "io.micrometer..",
                    "io.prometheus..")
            .because("the core is the domain: it must run and be tested without a web server or a database");

    @ArchTest
    static final ArchRule onlyTheMetricsPackageAndTheRootSeeMicrometer = noClasses()
            .that()
            .resideOutsideOfPackages("dev.gatehouse.server.metrics..", "dev.gatehouse.server.app..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("io.micrometer..", "io.prometheus..")
            .because("metrics watch from outside: the core, the stores and the HTTP routes report through plain"
                    + " accessors and the audit sink, so the metrics library can change in one package");

    @ArchTest
    static final ArchRule coreTakesTimeFromAClock = noClasses()
            .that()
            .resideInAPackage("dev.gatehouse.core..")
            .should()
            .callMethod(java.time.Instant.class, "now")
            .orShould()
            .callMethod(System.class, "currentTimeMillis")
            .because("time is injected as a Clock so that expiry rules are tested with a TestClock, not by sleeping");

    @ArchTest
    static final ArchRule theTokenFormatStandsAlone = noClasses()
            .that()
            .resideInAPackage("dev.gatehouse.jwt..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "dev.gatehouse.core..",
                    "dev.gatehouse.server..",
                    "dev.gatehouse.store..",
                    "dev.gatehouse.verifier..")
            .because("the access-token rules are shared by the server and the verifier SDK, which must not"
                    + " depend on each other");

    @ArchTest
    static final ArchRule theVerifierDependsOnNoServerPart = noClasses()
            .that()
            .resideInAPackage("dev.gatehouse.verifier..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("dev.gatehouse.core..", "dev.gatehouse.server..", "dev.gatehouse.store..")
            .because("resource servers embed the verifier; it must not drag in Gatehouse's server, core or stores");

    @ArchTest
    static final ArchRule theVerifierAdaptersDependOnTheVerifierOnly = noClasses()
            .that()
            .resideInAnyPackage("dev.gatehouse.verifier.servlet..", "dev.gatehouse.verifier.javalin..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("dev.gatehouse.core..", "dev.gatehouse.server..", "dev.gatehouse.store..")
            .orShould()
            .dependOnClassesThat()
            .resideInAnyPackage("io.helidon..")
            .because("an adapter is a thin bridge from one web framework to the verifier; a resource server"
                    + " that adds it must not get Gatehouse's server or another web server with it");

    /** Guards the guard: without the adapters on the class path the rule above would pass vacuously. */
    @ArchTest
    static final ArchRule theAdaptersAreAnalysed = com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes()
            .that()
            .haveFullyQualifiedName("dev.gatehouse.verifier.servlet.GatehouseAuthenticationFilter")
            .or()
            .haveFullyQualifiedName("dev.gatehouse.verifier.javalin.GatehouseJavalin")
            .should()
            .bePublic()
            .allowEmptyShould(false);

    @ArchTest
    static final ArchRule storesDoNotKnowTheServer = noClasses()
            .that()
            .resideInAPackage("dev.gatehouse.store..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("dev.gatehouse.server..")
            .because("stores are adapters of the core's ports and must not reach back into the edge");

    @ArchTest
    static final ArchRule httpTalksToServicesNotStores = noClasses()
            .that()
            .resideInAnyPackage("dev.gatehouse.server.http..", "dev.gatehouse.server.pages..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("dev.gatehouse.store..")
            .because("the HTTP edge calls the core's services; only the composition root knows which store runs");

    @ArchTest
    static final ArchRule theEdgeRecordsNothingAndStoresNothingItself = noClasses()
            .that()
            .resideInAnyPackage(
                    "dev.gatehouse.server.http..", "dev.gatehouse.server.pages..", "dev.gatehouse.server.cli..")
            .should()
            .dependOnClassesThat()
            .belongToAnyOf(AuditTrail.class, AuditStore.class)
            .orShould()
            .dependOnClassesThat(JavaClass.Predicates.simpleNameEndingWith("Store")
                    .and(JavaClass.Predicates.resideInAPackage("dev.gatehouse.core..")))
            .because("the use cases record their own audit events and own their stores; an entry point that"
                    + " wrote either itself could forget a rule, and a new entry point must get every rule for free");

    /**
     * The calls that change accounts, sessions, clients or keys in ways other rules hang on. The edge
     * reaches them only through the use cases ({@code LoginService}, {@code GrantService},
     * {@code AdminService}), which end the sessions, forgive the counters and audit.
     */
    @ArchTest
    static final ArchRule theEdgeCoordinatesNoServices = noClasses()
            .that()
            .resideInAnyPackage(
                    "dev.gatehouse.server.http..", "dev.gatehouse.server.pages..", "dev.gatehouse.server.cli..")
            .should(callAnyOf(Map.of(
                    AccountService.class,
                    Set.of(
                            "setLocked",
                            "delete",
                            "changePassword",
                            "authenticate",
                            "storePasswordHash",
                            "markEmailVerified",
                            "changeEmail"),
                    SessionService.class,
                    Set.of("start", "revoke", "revokeAll", "revokeAllExcept"),
                    ClientService.class,
                    Set.of("delete"),
                    KeyService.class,
                    Set.of("rotate"),
                    RefreshService.class,
                    Set.of("start", "refresh", "revoke"),
                    AccessTokenService.class,
                    Set.of("issue", "revoke"),
                    RateLimiter.class,
                    Set.of("attemptLogin", "loginFailed", "loginSucceeded", "forgive"))))
            .because("locking, deleting, changing a password, refreshing and rotating each have rules (end the"
                    + " sessions, revoke on reuse, audit) that live in one core use case, not in every handler");

    private static ArchCondition<JavaClass> callAnyOf(Map<Class<?>, Set<String>> forbidden) {
        return new ArchCondition<>("call a core method that bypasses a use case") {
            @Override
            public void check(JavaClass item, ConditionEvents events) {
                for (JavaMethodCall call : item.getMethodCallsFromSelf()) {
                    Set<String> names = forbidden.entrySet().stream()
                            .filter(entry -> call.getTargetOwner().isEquivalentTo(entry.getKey()))
                            .flatMap(entry -> entry.getValue().stream())
                            .collect(java.util.stream.Collectors.toSet());
                    if (names.contains(call.getName())) {
                        events.add(SimpleConditionEvent.violated(call, call.getDescription()));
                    }
                }
            }
        };
    }

    @ArchTest
    static final ArchRule onlyTheCompositionRootPicksTheStore = noClasses()
            .that()
            .resideInAPackage("dev.gatehouse.server..")
            .and()
            .resideOutsideOfPackage("dev.gatehouse.server.app..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("dev.gatehouse.store..")
            .because("swapping SQLite for PostgreSQL must touch one package");
}
