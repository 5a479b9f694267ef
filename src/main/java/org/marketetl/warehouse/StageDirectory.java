package org.marketetl.warehouse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Where stage files lie: {@code <stage-directory>/market-etl-<warehouse>/<run id>-<owner>/}. One
 * directory per warehouse, named by a hash of what identifies it (its JDBC URL, with a DuckDB
 * file's path made absolute), so runs on other warehouses sharing the stage directory (a local
 * run beside the tests, the benchmark's scenarios) never touch each other's files; in it one
 * directory per run invocation, named by the run id and the owner token of the run lock it holds,
 * so the run that takes over a dead holder's lock knows which files were the dead one's.
 */
final class StageDirectory {

    /** Every directory of ours in the stage directory starts so. */
    static final String PREFIX = "market-etl-";
    /** A process's in-memory DuckDB is its own warehouse: no other process can reach it. */
    private static final String THIS_PROCESS = ProcessHandle.current().pid() + "-" + UUID.randomUUID();

    private StageDirectory() {
    }

    /** The warehouse's directory under {@code root}, for the datasource at {@code jdbcUrl}. */
    static Path ofWarehouse(Path root, String jdbcUrl) {
        return root.toAbsolutePath().resolve(PREFIX + hash(identity(jdbcUrl)));
    }

    /**
     * What makes a warehouse the same one: the JDBC URL; for a DuckDB file, its absolute path (two
     * processes naming one file relatively from different working directories are one warehouse,
     * one relative name from two directories is two). Read from a URL, never a connection, so
     * finding it costs no statement.
     */
    static String identity(String jdbcUrl) {
        String duckdb = "jdbc:duckdb:";
        if (!jdbcUrl.startsWith(duckdb)) {
            return jdbcUrl;
        }
        String file = jdbcUrl.substring(duckdb.length());
        int options = file.indexOf('?');
        file = options < 0 ? file : file.substring(0, options);
        if (file.isEmpty() || file.startsWith(":memory:")) {
            return duckdb + ":memory:" + THIS_PROCESS;
        }
        return duckdb + Path.of(file).toAbsolutePath().normalize();
    }

    /** The directory of one invocation's stage files: only letters, digits and {@code _ . -}. */
    static Path ofRun(Path warehouseDirectory, String runId, String owner) {
        return warehouseDirectory.resolve((runId + "-" + owner).replaceAll("[^A-Za-z0-9_.-]", "_"));
    }

    /**
     * Deletes every run directory under {@code warehouseDirectory} but {@code keep}; answers the
     * ones it deleted. Loose files there (stage files of work outside a run) are left alone.
     */
    static List<Path> removeRunsOtherThan(Path warehouseDirectory, Path keep) throws IOException {
        List<Path> removed = new ArrayList<>();
        if (!Files.isDirectory(warehouseDirectory)) {
            return removed;
        }
        try (DirectoryStream<Path> runs = Files.newDirectoryStream(warehouseDirectory, Files::isDirectory)) {
            for (Path run : runs) {
                if (!run.equals(keep)) {
                    remove(run);
                    removed.add(run);
                }
            }
        }
        return removed;
    }

    /** Deletes {@code directory} and everything in it; nothing when it is not there. */
    static void remove(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> tree = Files.walk(directory)) {
            for (Path path : tree.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    /** 16 hex digits of SHA-256: a fixed-length, path-safe name that does not spell out a URL. */
    private static String hash(String identity) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }
}
