package org.marketetl.testing;

import java.sql.Connection;
import java.sql.DriverManager;

/**
 * Another process with a DuckDB file open, as a second local run would be: opens the file named
 * by argument 1, prints {@code ready}, and holds it until its standard input closes.
 */
public final class HoldDuckDbFile {

    private HoldDuckDbFile() {
    }

    public static void main(String[] args) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:" + args[0])) {
            connection.createStatement().execute("CREATE TABLE IF NOT EXISTS HELD (X INTEGER)");
            System.out.println("ready");
            System.out.flush();
            while (System.in.read() != -1) {
                // hold the file until the test lets go
            }
        }
    }
}
