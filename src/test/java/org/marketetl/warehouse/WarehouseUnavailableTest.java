package org.marketetl.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.marketetl.LocalRun;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;

/**
 * A pool that gives no connection within its acquisition timeout (a loaded laptop opening its
 * first DuckDB connection took longer than Agroal's 5 s default) is said in one line naming the
 * setting, and a local run prints that line instead of a stack trace. The slow connection is real:
 * an Agroal pool whose snowflake-jdbc sign-in goes to a server that accepts and never answers.
 */
class WarehouseUnavailableTest {

    private static final Duration TIMEOUT = Duration.ofMillis(300);

    @Test
    void poolThatGivesNoConnectionInTime_isSaidInOneLine_namingTheSetting() throws Exception {
        // Act
        SQLException timedOut = acquireFromASilentServer();
        WarehouseUnavailableException unavailable = WarehouseUnavailableException.of(timedOut, "duckdb", TIMEOUT)
                .orElseThrow();

        // Assert
        assertThat(unavailable.getMessage()).startsWith("the warehouse gave no connection within 300 ms (")
                .contains(timedOut.getMessage())
                .endsWith("try again, or raise quarkus.datasource.duckdb.jdbc.acquisition-timeout")
                .doesNotContain("\n");
        assertThat(unavailable).hasCause(timedOut).isInstanceOf(WarehouseException.class);
    }

    @Test
    void localRunWhoseWarehouseGivesNoConnection_printsOneLine_andExits1() throws Exception {
        // Arrange: Quarkus fails to start (the embedded warehouse migrates at start) with it as a cause
        WarehouseUnavailableException unavailable = WarehouseUnavailableException.of(acquireFromASilentServer(),
                "duckdb", TIMEOUT).orElseThrow();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        // Act
        int exitCode = LocalRun.run("{}", (in, out) -> {
            throw new RuntimeException("Failed to start Quarkus", new IllegalStateException(unavailable));
        }, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        // Assert
        assertThat(exitCode).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8).lines()).singleElement().asString()
                .isEqualTo("run not started: " + unavailable.getMessage());
    }

    @Test
    void otherConnectionFailures_areLeftAsTheyAre() {
        assertThat(WarehouseUnavailableException.of(new SQLException("Exception while creating new connection"),
                "duckdb", TIMEOUT)).isEmpty();
    }

    /** What Agroal throws when a new connection takes longer than its acquisition timeout. */
    private static SQLException acquireFromASilentServer() throws Exception {
        try (ServerSocket silent = new ServerSocket(0);
                AgroalDataSource pool = AgroalDataSource.from(new AgroalDataSourceConfigurationSupplier()
                        .connectionPoolConfiguration(cp -> cp.maxSize(1).acquisitionTimeout(TIMEOUT)
                                .connectionFactoryConfiguration(cf -> cf
                                        .jdbcUrl("jdbc:snowflake://127.0.0.1:" + silent.getLocalPort()
                                                + "/?ssl=off&account=silent&disablePlatformDetection=true")
                                        .principal(new NamePrincipal("nobody"))
                                        .credential(new SimplePassword("nothing")))))) {
            return catchThrowableOfType(SQLException.class, () -> pool.getConnection().close());
        }
    }
}
