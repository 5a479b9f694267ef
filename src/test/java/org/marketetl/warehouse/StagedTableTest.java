package org.marketetl.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import jakarta.inject.Inject;


import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.marketetl.testing.SimulatorResource;
import org.marketetl.testing.WarehouseResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Rows go through a stage file and come out of the staging table exactly as they went in, on
 * each warehouse: the awkward text FMP sends (commas, quotes, line breaks, empty, non-ASCII,
 * backslashes), NULL in every type, decimals wider than a double, dates, doubles, booleans. And
 * the stage files are gone afterwards, whatever the outcome.
 */
@QuarkusTest
@QuarkusTestResource(SimulatorResource.class)
@QuarkusTestResource(WarehouseResource.class)
@Tag("warehouse")
class StagedTableTest {

    private static final List<String> COLUMNS = List.of("SYMBOL", "COMPANY_NAME", "CEO", "WEBSITE", "IPO_DATE",
            "FULL_TIME_EMPLOYEES", "BETA", "IS_ETF", "IS_ACTIVELY_TRADING");
    /** A MERGE stand-in that changes nothing, so the test reads the staging table itself. */
    private static final StagedTable STAGE = new StagedTable("STG_COMPANY", COLUMNS,
            "DELETE FROM STG_COMPANY WHERE 1 = 0");

    @Inject
    Warehouse warehouse;

    @Test
    void everyValueSurvivesTheStageFile() {
        List<Object[]> rows = List.of(
                row("AWK", "Comma, \"quoted\" and\nnew line, then\r\nCRLF", "", "back\\slash \\N and ; too",
                        LocalDate.of(1980, 12, 12), new BigDecimal("9007199254740993"), 1.2345678901234567E-5,
                        true, false),
                row("NUL", null, null, null, null, null, null, null, null),
                row("UNI", "Société Générale — ünïcödé ✓ 株式会社", "  leading and trailing  ", "\"", LocalDate.of(2026, 2, 28),
                        BigDecimal.ZERO, -0.5, false, true));

        List<Path> filesBefore = stageFiles();

        List<List<Object>> staged = warehouse.inTransaction(session -> {
            try (StagedTable.Load load = STAGE.open(session)) {
                load.stage(rows.subList(0, 1));
                load.stage(rows.subList(1, 3));
                load.merge();
            }
            return session.query("SELECT " + String.join(", ", COLUMNS) + " FROM STG_COMPANY ORDER BY SYMBOL",
                    StagedTableTest::values);
        });

        assertThat(staged).containsExactly(Arrays.asList(rows.get(0)), Arrays.asList(rows.get(1)),
                Arrays.asList(rows.get(2)));
        assertThat(stageFiles()).isEqualTo(filesBefore);
    }

    /** 18 significant digits: more than a double holds, so no step of the load may pass through one. */
    @Test
    void decimalsKeepEveryDigit() {
        StagedTable prices = new StagedTable("STG_DAILY_PRICE", List.of("SYMBOL", "PRICE_DATE", "CLOSE", "VWAP"),
                "DELETE FROM STG_DAILY_PRICE WHERE 1 = 0");
        BigDecimal close = new BigDecimal("12345678901234.5678");
        BigDecimal vwap = new BigDecimal("-0.0001");

        List<BigDecimal> staged = warehouse.inTransaction(session -> {
            try (StagedTable.Load load = prices.open(session)) {
                load.stage(List.<Object[]>of(row("DEC", LocalDate.of(2026, 11, 24), close, vwap)));
                load.merge();
            }
            return session.query("SELECT CLOSE, VWAP FROM STG_DAILY_PRICE", r -> List.of(r.getBigDecimal(1),
                    r.getBigDecimal(2))).get(0);
        });

        assertThat(staged).containsExactly(close, vwap);
    }

    @Test
    void aLoadWithoutRows_sendsNothing() {
        long before = warehouse.statementsSent();

        int merged = warehouse.inTransaction(session -> {
            try (StagedTable.Load load = STAGE.open(session)) {
                load.stage(List.of());
                return load.merge();
            }
        });

        assertThat(merged).isZero();
        assertThat(warehouse.statementsSent()).isEqualTo(before);
    }

    @Test
    void aFailedTransaction_leavesNoStageFileBehind() {
        List<Path> before = stageFiles();

        assertThatThrownBy(() -> warehouse.inTransaction(session -> {
            try (StagedTable.Load load = STAGE.open(session)) {
                load.stage(List.<Object[]>of(row("ABC", "x", null, null, null, null, null, null, null)));
                assertThat(stageFiles()).hasSize(before.size() + 1);
                throw new SQLException("the step failed before merging");
            }
        })).isInstanceOf(WarehouseException.class).hasMessageContaining("the step failed before merging");

        assertThat(stageFiles()).isEqualTo(before);
    }

    private static Object[] row(Object... values) {
        return values;
    }

    private static List<Object> values(ResultSet row) throws SQLException {
        List<Object> values = new ArrayList<>();
        values.add(row.getString(1));
        values.add(row.getString(2));
        values.add(row.getString(3));
        values.add(row.getString(4));
        values.add(row.getDate(5) == null ? null : row.getDate(5).toLocalDate());
        values.add(row.getBigDecimal(6));
        values.add(row.getObject(7) == null ? null : row.getDouble(7));
        values.add(row.getObject(8) == null ? null : row.getBoolean(8));
        values.add(row.getObject(9) == null ? null : row.getBoolean(9));
        return values;
    }

    /**
     * Stage files of STG_COMPANY in this warehouse's stage directory (work outside a run stages
     * there directly): other processes on this machine write in directories of their own.
     */
    private static List<Path> stageFiles() {
        Path directory = WarehouseStage.directory(Path.of(System.getProperty("java.io.tmpdir")));
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.getFileName().toString().startsWith("market-etl-STG_COMPANY-")).sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
