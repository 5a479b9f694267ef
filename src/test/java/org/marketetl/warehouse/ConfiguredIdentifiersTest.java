package org.marketetl.warehouse;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.marketetl.config.WarehouseConfig;

/** The Snowflake names spliced into the JDBC URL are plain identifiers, or the start fails. */
class ConfiguredIdentifiersTest {

    private record Names(String account, String database, String schema, String warehouse, String role)
            implements WarehouseConfig.Snowflake {
    }

    @Test
    void acceptsTheDefaultsAndTypicalNames() {
        assertThatCode(() -> ConfiguredIdentifiers.check(new Names("myorg-acct1", "MARKET", "ETL", "MARKET_ETL_WH",
                "MARKET_ETL"))).doesNotThrowAnyException();
        assertThatCode(() -> ConfiguredIdentifiers.check(new Names("xy12345.eu-west-1.aws", "_raw", "Etl$2", "WH",
                "R" + "x".repeat(254)))).doesNotThrowAnyException();
    }

    @ParameterizedTest(name = "[{index}] database ''{0}''")
    @ValueSource(strings = { "", "MARKET&role=ACCOUNTADMIN", "MARKET;DROP TABLE X", "1MARKET", "MAR KET",
            "\"Market\"", "MARKET\n", "MARKET?x=1", "MARKET/..", "MÄRKET", "MARKET--", "MARKET'" })
    void refusesADatabaseThatIsNotAPlainIdentifier_namingTheSetting(String database) {
        assertThatThrownBy(() -> ConfiguredIdentifiers.check(new Names("acct", database, "ETL", "WH", "ROLE")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("database (SNOWFLAKE_DATABASE)")
                .hasMessageContaining("not a plain Snowflake identifier");
    }

    @Test
    void refusesAnIdentifierLongerThan255Characters() {
        assertThatThrownBy(() -> ConfiguredIdentifiers.check(new Names("acct", "DB", "S" + "x".repeat(255), "WH", "R")))
                .hasMessageContaining("schema (SNOWFLAKE_SCHEMA)");
    }

    @Test
    void namesEveryBadSetting_atOnce() {
        assertThatThrownBy(() -> ConfiguredIdentifiers.check(new Names("evil.com/x?", "DB", "ETL", "WH&a=b", "R R")))
                .hasMessageContaining("account (SNOWFLAKE_ACCOUNT)")
                .hasMessageContaining("warehouse (SNOWFLAKE_WAREHOUSE)")
                .hasMessageContaining("role (SNOWFLAKE_ROLE)")
                .hasMessageNotContaining("database");
    }
}
