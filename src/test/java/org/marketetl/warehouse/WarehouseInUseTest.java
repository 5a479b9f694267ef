package org.marketetl.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.marketetl.testing.HoldDuckDbFile;

/**
 * Two local runs on one DuckDB file: the second cannot open it while the first holds it, and is
 * told so in words (which file, which process, what to do) instead of DuckDB's lock error deep in
 * a trace. The first run is a real second process holding the file.
 */
class WarehouseInUseTest {

    @Test
    void fileHeldByAnotherProcess_isReportedAsAnotherRunUsingIt_withItsPid_andWhatToDo() throws Exception {
        // Arrange
        Path file = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "in-use-").resolve("held.duckdb");
        Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), HoldDuckDbFile.class.getName(), file.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
            assertThat(out.readLine()).isEqualTo("ready");

            // Act
            SQLException refused = catchThrowableOfType(SQLException.class,
                    () -> DriverManager.getConnection("jdbc:duckdb:" + file).close());
            WarehouseInUseException inUse = WarehouseInUseException.of(refused).orElseThrow();

            // Assert
            assertThat(inUse.getMessage())
                    .startsWith("another run is using the warehouse file " + file + ": process " + holder.pid() + " (")
                    .contains("Wait for that run to finish, or stop it (kill " + holder.pid() + ")")
                    .contains("quarkus.datasource.duckdb.jdbc.url");
            assertThat(inUse).hasCause(refused);
        } finally {
            holder.getOutputStream().close();
            if (!holder.waitFor(30, TimeUnit.SECONDS)) {
                holder.destroyForcibly();
            }
        }
    }

    @Test
    void otherWarehouseErrors_areLeftAsTheyAre() {
        assertThat(WarehouseInUseException.of(new SQLException("Catalog Error: Table with name X does not exist!")))
                .isEmpty();
    }
}
