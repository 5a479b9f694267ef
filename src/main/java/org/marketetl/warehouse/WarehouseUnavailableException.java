package org.marketetl.warehouse;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * The pool gave no connection within its acquisition timeout: a new connection took longer to
 * open (a loaded machine: DuckDB loads its native library and opens the file; Snowflake signs in),
 * or every pooled connection was in use. Said in one line, naming the setting, instead of the
 * pool's message under a stack trace.
 */
public class WarehouseUnavailableException extends WarehouseException {

    private WarehouseUnavailableException(String message, SQLException cause) {
        super(message);
        initCause(cause);
    }

    /**
     * The exception to throw instead of {@code e}, when {@code e} is Agroal's acquisition timeout
     * ("Acquisition timeout while waiting for new connection", or "Sorry, acquisition timeout!"
     * when the pool is exhausted) on datasource {@code datasource} with {@code timeout}.
     */
    static Optional<WarehouseUnavailableException> of(SQLException e, String datasource, Duration timeout) {
        String message = e.getMessage();
        if (message == null || !message.toLowerCase(Locale.ROOT).contains("acquisition timeout")) {
            return Optional.empty();
        }
        return Optional.of(new WarehouseUnavailableException(String.format(Locale.ROOT,
                "the warehouse gave no connection within %s (%s): a new connection took longer to open than that "
                        + "(a loaded machine), or every connection of the pool was in use; try again, or raise "
                        + "quarkus.datasource.%s.jdbc.acquisition-timeout",
                seconds(timeout), message.strip(), datasource), e));
    }

    private static String seconds(Duration timeout) {
        long ms = timeout.toMillis();
        return ms < 1000 ? ms + " ms" : ms % 1000 == 0 ? ms / 1000 + " s"
                : String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }
}
