package org.marketetl.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.marketetl.testing.Lambda;
import org.marketetl.testing.SimulatorResource;
import org.marketetl.testing.WarehouseProbe;
import org.marketetl.testing.WarehouseResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The deploy-time migration on an empty warehouse, as production runs it: no migration at start,
 * runs refused until {@code {"operation": "migrate"}} has been invoked, which is idempotent.
 */
@QuarkusTest
@TestProfile(MigrationTest.NoMigrationAtStart.class)
@QuarkusTestResource(SimulatorResource.class)
@QuarkusTestResource(WarehouseResource.class)
@Tag("warehouse")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MigrationTest {

    @Test
    @Order(1)
    void runBeforeMigration_isRefusedWithAClearMessage() {
        Lambda.invoke("{\"dryRun\":true}").then()
                .statusCode(500)
                .body("errorMessage", containsString("warehouse schema is at version 0 but this build needs 15"))
                .body("errorMessage", containsString("{\"operation\": \"migrate\"}"));
    }

    @Test
    @Order(2)
    void migrate_createsTheSchemaFromNothing_andASecondMigrateChangesNothing() {
        Lambda.invoke("{\"operation\":\"migrate\"}").then()
                .statusCode(200)
                .body("applied", equalTo(List.of(1, 2, 3, 4, 5, 6, 8, 9, 10, 12, 13, 14, 15)))
                .body("schemaVersion", is(15));
        WarehouseProbe warehouse = WarehouseProbe.current();
        List<String> tables = List.of("SCHEMA_VERSION", "COMPANY", "DAILY_PRICE", "INCOME_STATEMENT", "BALANCE_SHEET",
                "CASH_FLOW", "FINANCIALS_TTM", "FINANCIAL_RATIOS", "MARKET_METRICS", "RUN_LEDGER", "RUN_STEP",
                "MARKET_DATA_FETCH", "RUN_LOCK", "MARKET_DATA_CALLS", "DIVIDEND", "INCOME_STATEMENT_VERSION",
                "BALANCE_SHEET_VERSION", "CASH_FLOW_VERSION", "FINANCIALS_TTM_VERSION", "FINANCIAL_RATIOS_VERSION");
        Map<String, String> afterFirst = warehouse.fingerprints(tables);

        Lambda.invoke("{\"operation\":\"migrate\"}").then()
                .statusCode(200)
                .body("applied", equalTo(List.of()))
                .body("schemaVersion", is(15));

        assertThat(warehouse.fingerprints(tables)).isEqualTo(afterFirst);
        assertThat(warehouse.count("SELECT COUNT(*) FROM SCHEMA_VERSION")).isEqualTo(13);
    }

    @Test
    @Order(3)
    void runAfterMigration_proceeds() {
        Lambda.invoke("{\"dryRun\":true}").then().statusCode(200).body("status", is("SUCCEEDED"));
    }

    @Test
    @Order(4)
    void operationRequestWithExtraFields_isRefused() {
        Lambda.invoke("{\"operation\":\"drop-everything\"}").then()
                .statusCode(500)
                .body("errorMessage", containsString("{\"operation\": \"migrate\"} and nothing else"));
    }

    /** Production's setting: migrations are a deploy step, not a side effect of starting. */
    public static class NoMigrationAtStart implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("market-etl.warehouse.migrate-at-start", "false");
        }
    }
}
