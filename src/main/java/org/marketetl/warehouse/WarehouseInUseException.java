package org.marketetl.warehouse;

import java.sql.SQLException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The embedded warehouse file is open in another process: DuckDB allows one writing process per
 * file, and says so deep in a driver exception. This says it in words an operator can act on.
 */
public class WarehouseInUseException extends WarehouseException {

    /** DuckDB: {@code Could not set lock on file "x.duckdb": Conflicting lock is held in /usr/bin/java (PID 42) by user u}. */
    private static final Pattern DUCKDB_LOCK = Pattern.compile(
            "Could not set lock on file \"([^\"]+)\"(?:: Conflicting lock is held in (.+?) \\(PID (\\d+)\\))?");

    private WarehouseInUseException(String message, SQLException cause) {
        super(message);
        initCause(cause);
    }

    /** The exception to throw instead of {@code e}, when {@code e} (or its cause: a pool may wrap it) is DuckDB refusing its file lock. */
    static Optional<WarehouseInUseException> of(SQLException e) {
        Matcher lock = null;
        for (Throwable t = e; t != null && lock == null; t = t.getCause() == t ? null : t.getCause()) {
            Matcher found = t.getMessage() == null ? null : DUCKDB_LOCK.matcher(t.getMessage());
            lock = found != null && found.find() ? found : null;
        }
        if (lock == null) {
            return Optional.empty();
        }
        String file = lock.group(1);
        String holder = lock.group(3) == null ? "another process"
                : "process " + lock.group(3) + " (" + lock.group(2) + ")";
        String stop = lock.group(3) == null ? "stop it" : "stop it (kill " + lock.group(3) + ")";
        return Optional.of(new WarehouseInUseException("another run is using the warehouse file " + file + ": "
                + holder + " has it open, and DuckDB lets one process at a time write a file. Wait for that run to "
                + "finish, or " + stop + ", or give this run a file of its own (quarkus.datasource.duckdb.jdbc.url)", e));
    }
}
