package org.marketetl.warehouse;

import java.sql.SQLException;

/** A warehouse statement failed; carries the driver's message and SQL state. */
public class WarehouseException extends RuntimeException {

    public WarehouseException(SQLException cause) {
        super("warehouse error" + (cause.getSQLState() == null ? "" : " [" + cause.getSQLState() + "]")
                + ": " + cause.getMessage(), cause);
    }

    public WarehouseException(String message) {
        super(message);
    }
}
