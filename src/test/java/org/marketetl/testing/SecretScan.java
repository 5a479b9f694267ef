package org.marketetl.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.jboss.logmanager.ExtLogRecord;

/**
 * Captures every log record the application writes while it is open (a handler on the root
 * logger of the JBoss LogManager Quarkus runs on, so the same records the console gets, stack
 * traces included), plus any text the test adds (reports, ledger rows), and fails if a secret
 * appears: the FMP API key of the tests, or a PEM private key.
 */
public final class SecretScan implements AutoCloseable {

    private final List<String> captured = Collections.synchronizedList(new ArrayList<>());
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            captured.add(format(record));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private SecretScan() {
        handler.setLevel(Level.ALL);
        Logger.getLogger("").addHandler(handler);
    }

    /** Starts capturing the application's log. */
    public static SecretScan start() {
        return new SecretScan();
    }

    /** Adds text the test saw (a report, a response body) to what is scanned. */
    public void add(String text) {
        captured.add(text);
    }

    /** Log records captured so far, formatted. */
    public int lines() {
        return captured.size();
    }

    /** Everything captured so far: log lines (with their stack traces) and added text. */
    public List<String> captured() {
        synchronized (captured) {
            return List.copyOf(captured);
        }
    }

    /** Fails if any captured text holds the API key or a private key. */
    public void assertNoSecrets() {
        List<String> all;
        synchronized (captured) {
            all = List.copyOf(captured);
        }
        assertThat(all).as("captured log lines and reports").isNotEmpty();
        for (String text : all) {
            assertThat(text).as("a captured log line or report").doesNotContain(SimulatorResource.API_KEY)
                    .doesNotContain("PRIVATE KEY-----").doesNotContainPattern("(?i)apikey=(?!\\*\\*\\*)");
        }
    }

    @Override
    public void close() {
        Logger.getLogger("").removeHandler(handler);
    }

    private static String format(LogRecord record) {
        String message = record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage();
        StringBuilder text = new StringBuilder(record.getLoggerName() + " " + record.getLevel() + " " + message);
        if (record.getThrown() != null) {
            StringWriter trace = new StringWriter();
            record.getThrown().printStackTrace(new PrintWriter(trace));
            text.append('\n').append(trace);
        }
        return text.toString();
    }
}
