package org.marketetl.warehouse;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Rows on their way to a staging table, written as gzipped CSV to a local temporary file (on
 * Lambda, {@code /tmp}) as they arrive, so a run of any size holds no more than a write buffer of
 * them. Both warehouses read the file in one statement ({@link WarehouseSession#copyIntoStage}).
 *
 * <p>The format, and what each warehouse is told about it: comma separated, no header, every
 * text value in double quotes with inner quotes doubled (so commas, quotes and line breaks inside
 * a company description survive), NULL as an unquoted {@code \N}, so an empty text stays an empty
 * text, numbers in plain notation, dates as {@code YYYY-MM-DD}, booleans as {@code TRUE}/{@code FALSE}.
 */
final class StageFile implements AutoCloseable {

    /** What the file names are made of; they are spliced into PUT/COPY text, so nothing else. */
    private static final Pattern SAFE_PATH = Pattern.compile("[A-Za-z0-9_./-]+");

    private final Path path;
    private final String id;
    private final Writer out;
    private boolean finished;

    private StageFile(Path path, String id, Writer out) {
        this.path = path;
        this.id = id;
        this.out = out;
    }

    /** Every stage file's name starts so; nothing else of ours does. */
    private static final String PREFIX = "market-etl-";
    private static final String SUFFIX = ".csv.gz";

    /** A new, empty file in the temporary directory, named after the staging table. */
    static StageFile create(String stagingTable) {
        String id = UUID.randomUUID().toString();
        Path path = directory().resolve(PREFIX + stagingTable + "-" + id + SUFFIX).toAbsolutePath();
        if (!SAFE_PATH.matcher(path.toString()).matches()) {
            throw new IllegalStateException("the temporary directory's path cannot be spliced into a load statement: "
                    + path.getParent() + " (set java.io.tmpdir to a plain path)");
        }
        try {
            OutputStream file = Files.newOutputStream(path);
            // Fastest level: the file lives for one load, and the CPU is better spent fetching.
            OutputStream gzip = new GZIPOutputStream(file, 1 << 16) {
                {
                    def.setLevel(Deflater.BEST_SPEED);
                }
            };
            return new StageFile(path, id, new BufferedWriter(new OutputStreamWriter(gzip, StandardCharsets.UTF_8), 1 << 16));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the stage file " + path, e);
        }
    }

    private static Path directory() {
        return Path.of(System.getProperty("java.io.tmpdir"));
    }

    /**
     * Deletes the stage files in the directory, answering how many. Called by a run holding the run
     * lock: no other run is loading then, so any file left is a dead run's (Lambda may reuse the
     * container, and its /tmp, after the process was killed).
     */
    static int removeLeftovers() throws IOException {
        int removed = 0;
        try (java.nio.file.DirectoryStream<Path> files = Files.newDirectoryStream(directory(), PREFIX + "*" + SUFFIX)) {
            for (Path file : files) {
                if (Files.deleteIfExists(file)) {
                    removed++;
                }
            }
        }
        return removed;
    }

    /** Appends rows, each value in the order of the staging table's columns. */
    void write(List<Object[]> batch) throws IOException {
        for (Object[] row : batch) {
            for (int i = 0; i < row.length; i++) {
                if (i > 0) {
                    out.write(',');
                }
                writeValue(row[i]);
            }
            out.write('\n');
        }
    }

    private void writeValue(Object value) throws IOException {
        if (value == null) {
            out.write("\\N");
        } else if (value instanceof String text) {
            out.write('"');
            out.write(text.replace("\"", "\"\""));
            out.write('"');
        } else if (value instanceof BigDecimal number) {
            out.write(number.toPlainString());
        } else if (value instanceof Boolean flag) {
            out.write(flag ? "TRUE" : "FALSE");
        } else if (value instanceof Long || value instanceof Integer || value instanceof LocalDate) {
            out.write(value.toString());
        } else if (value instanceof Double number) {
            if (!Double.isFinite(number)) {
                throw new IllegalArgumentException("cannot stage a non-finite number: " + number);
            }
            out.write(number.toString());
        } else {
            throw new IllegalArgumentException("cannot stage a " + value.getClass().getName());
        }
    }

    /** Closes the file for reading; answers its path. */
    Path finish() throws IOException {
        if (!finished) {
            finished = true;
            out.close();
        }
        return path;
    }

    /** A name unique to this file, for the stage folder it is uploaded to. */
    String id() {
        return id;
    }

    /** Closes and deletes the file: it is never needed after its load, whatever the outcome. */
    @Override
    public void close() {
        try {
            finish();
        } catch (IOException e) {
            // the file is deleted next; a failed flush of it changes nothing
        }
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the stage file " + path, e);
        }
    }
}
