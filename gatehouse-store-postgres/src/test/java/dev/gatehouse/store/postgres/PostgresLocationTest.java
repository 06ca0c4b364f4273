package dev.gatehouse.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class PostgresLocationTest {
    @Test
    void readsTheUsualUrlFormWithCredentialsPortAndParameters() {
        PostgresLocation location =
                PostgresLocation.parse("postgresql://gate:s3cr%40t@db.internal:6432/auth?sslmode=require");

        assertThat(location.jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:6432/auth?sslmode=require");
        assertThat(location.user()).contains("gate");
        assertThat(location.password()).contains("s3cr@t");
    }

    @Test
    void acceptsThePostgresSchemeAndAUrlWithoutCredentials() {
        PostgresLocation location = PostgresLocation.parse("postgres://localhost/auth");

        assertThat(location.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost/auth");
        assertThat(location.user()).isEmpty();
        assertThat(location.password()).isEmpty();
    }

    @Test
    void passesAJdbcUrlThrough() {
        PostgresLocation location = PostgresLocation.parse("jdbc:postgresql://h:5432/db?user=u&password=p");

        assertThat(location.jdbcUrl()).isEqualTo("jdbc:postgresql://h:5432/db?user=u&password=p");
        assertThat(location.user()).isEqualTo(Optional.empty());
    }

    @Test
    void neverPrintsThePassword() {
        assertThat(PostgresLocation.parse("postgresql://gate:hunter22@h/db").toString())
                .doesNotContain("hunter22")
                .contains("as gate");
        assertThat(PostgresLocation.parse("jdbc:postgresql://h/db?user=u&password=hunter22")
                        .toString())
                .doesNotContain("hunter22")
                .contains("password=****");
    }

    @Test
    void refusesWhatIsNotAPostgresUrl() {
        assertThatThrownBy(() -> PostgresLocation.parse("mysql://h/db")).hasMessageContaining("postgresql://");
        assertThatThrownBy(() -> PostgresLocation.parse("postgresql://h")).hasMessageContaining("database");
        assertThatThrownBy(() -> PostgresLocation.parse("postgresql:///db")).hasMessageContaining("host");
    }
}
