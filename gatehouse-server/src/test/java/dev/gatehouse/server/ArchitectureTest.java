package dev.gatehouse.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

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
                    "picocli..")
            .because("the core is the domain: it must run and be tested without a web server or a database");

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
            .resideInAPackage("dev.gatehouse.server.http..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("dev.gatehouse.store..")
            .because("the HTTP edge calls the core's services; only the composition root knows which store runs");

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
