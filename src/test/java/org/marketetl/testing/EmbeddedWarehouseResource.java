package org.marketetl.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** A fresh embedded DuckDB warehouse file per test JVM, so no test sees an earlier build's rows. */
public class EmbeddedWarehouseResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        try {
            Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "warehouse-");
            return Map.of("quarkus.datasource.duckdb.jdbc.url", "jdbc:duckdb:" + dir.resolve("test.duckdb"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
    }
}
