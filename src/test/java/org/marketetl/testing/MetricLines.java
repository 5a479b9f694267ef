package org.marketetl.testing;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The CloudWatch Embedded Metric Format lines the function writes to stdout while this is open
 * (stdout still gets them too), as CloudWatch Logs would find them: every line that is a JSON
 * object with an {@code _aws} directive.
 */
public final class MetricLines implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final PrintStream original = System.out;
    private final ByteArrayOutputStream copy = new ByteArrayOutputStream();

    private MetricLines() {
        OutputStream both = new OutputStream() {
            @Override
            public void write(int b) {
                original.write(b);
                synchronized (copy) {
                    copy.write(b);
                }
            }

            @Override
            public void write(byte[] bytes, int offset, int length) {
                original.write(bytes, offset, length);
                synchronized (copy) {
                    copy.write(bytes, offset, length);
                }
            }
        };
        System.setOut(new PrintStream(both, true, StandardCharsets.UTF_8));
    }

    /** Starts capturing stdout. */
    public static MetricLines capture() {
        return new MetricLines();
    }

    /** The EMF lines written so far carrying {@code metric}, in order. */
    public List<JsonNode> with(String metric) {
        String text;
        synchronized (copy) {
            text = copy.toString(StandardCharsets.UTF_8);
        }
        return text.lines().filter(line -> line.startsWith("{\"_aws\"")).map(MetricLines::parse)
                .filter(line -> line.has(metric)).toList();
    }

    @Override
    public void close() {
        System.setOut(original);
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
