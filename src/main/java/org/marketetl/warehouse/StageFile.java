package org.marketetl.warehouse;

import java.io.BufferedWriter;
import java.io.FilterOutputStream;
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
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

import io.quarkus.logging.Log;

/**
 * Rows on their way to a staging table, written as gzipped CSV to a local file as they arrive, so
 * a run of any size holds no more than a write buffer of them. The file lies in its run's own
 * directory under the stage directory ({@code market-etl.warehouse.stage-directory}, by default the
 * temporary directory: {@code /tmp} on Lambda; see {@link StageDirectory}). Both warehouses read
 * the file in one statement ({@link WarehouseSession#copyIntoStage}).
 *
 * <p>The format, and what each warehouse is told about it: comma separated, no header, every
 * text value in double quotes with inner quotes doubled (so commas, quotes and line breaks inside
 * a company description survive), NULL as an unquoted {@code \N}, so an empty text stays an empty
 * text, numbers in plain notation, dates as {@code YYYY-MM-DD}, booleans as {@code TRUE}/{@code FALSE}.
 */
final class StageFile implements AutoCloseable {

    /** What the file names are made of; they are spliced into PUT/COPY text, so nothing else. */
    private static final Pattern SAFE_PATH = Pattern.compile("[A-Za-z0-9_./-]+");

    /** The setting that moves the stage files, named in every message about their directory. */
    static final String SETTING = "market-etl.warehouse.stage-directory";
    private static final long MB = 1024 * 1024;
    /** Every stage file's name starts so. */
    private static final String PREFIX = "market-etl-";
    private static final String SUFFIX = ".csv.gz";

    private final Path path;
    private final String id;
    private final String stagingTable;
    private final CountingOutputStream written;
    private final Writer out;
    private boolean finished;

    private StageFile(Path path, String id, String stagingTable, CountingOutputStream written, Writer out) {
        this.path = path;
        this.id = id;
        this.stagingTable = stagingTable;
        this.written = written;
        this.out = out;
    }

    /** A new, empty file in {@code directory} (created if need be), named after the staging table. */
    static StageFile create(Path directory, String stagingTable) {
        String id = UUID.randomUUID().toString();
        Path path = directory.resolve(PREFIX + stagingTable + "-" + id + SUFFIX).toAbsolutePath();
        if (!SAFE_PATH.matcher(path.toString()).matches()) {
            throw new IllegalStateException("the stage directory's path cannot be spliced into a load statement: "
                    + path.getParent() + " (set " + SETTING + " to a path of letters, digits and _ . / - only)");
        }
        Log.debugf("staging %s in %s", stagingTable, path);
        try {
            Files.createDirectories(directory);
            CountingOutputStream file = new CountingOutputStream(Files.newOutputStream(path));
            // Fastest level: the file lives for one load, and the CPU is better spent fetching.
            OutputStream gzip = new GZIPOutputStream(file, 1 << 16) {
                {
                    def.setLevel(Deflater.BEST_SPEED);
                }
            };
            return new StageFile(path, id, stagingTable, file,
                    new BufferedWriter(new OutputStreamWriter(gzip, StandardCharsets.UTF_8), 1 << 16));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the stage file for " + stagingTable + " in "
                    + path.getParent() + ": " + reason(e) + "; set " + SETTING + " to a writable directory", e);
        }
    }

    /** Appends rows, each value in the order of the staging table's columns. */
    void write(List<Object[]> batch) {
        try {
            writeRows(batch);
        } catch (IOException e) {
            throw cannotWrite(e);
        }
    }

    private void writeRows(List<Object[]> batch) throws IOException {
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

    /** Closes the file for reading (writing what is buffered); answers its path. */
    Path finish() {
        if (!finished) {
            finished = true;
            try {
                out.close();
            } catch (IOException e) {
                throw cannotWrite(e);
            }
        }
        return path;
    }

    /**
     * What an operator needs when the file cannot grow: what ran out, in which directory, how
     * large the file had grown, how much room is left there, and the setting that moves it.
     */
    private UncheckedIOException cannotWrite(IOException e) {
        Path directory = path.getParent();
        String free = "";
        try {
            free = ", " + size(Files.getFileStore(directory).getUsableSpace()) + " free there";
        } catch (IOException | RuntimeException unknown) {
            // the figure is a help, not the message
        }
        return new UncheckedIOException(String.format(Locale.ROOT,
                "cannot write the stage file for %s in %s: %s (the file needed %s so far%s); free space there "
                        + "or set %s to a directory with room (a 5,000-symbol price file is 200-260 MB)",
                stagingTable, directory, reason(e), size(written.bytes), free, SETTING), e);
    }

    private static String size(long bytes) {
        return bytes < MB ? String.format(Locale.ROOT, "%,d KB", (bytes + 1023) / 1024)
                : String.format(Locale.ROOT, "%,.1f MB", bytes / (double) MB);
    }

    /** The operating system's word for it: "No space left on device" says the disk is full. */
    private static String reason(IOException e) {
        String message = e.getMessage();
        if (message == null) {
            return e.getClass().getSimpleName();
        }
        return message.contains("No space left on device") ? "the disk is full (No space left on device)" : message;
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
        } catch (UncheckedIOException e) {
            // the file is deleted next; a failed flush of it changes nothing
        }
        try {
            // A gzip stream whose final flush failed (a full disk) does not close the file beneath
            // it; left open, the deleted file would keep its space until the process ends.
            written.close();
        } catch (IOException e) {
            // closing a file that could not be flushed: nothing more to lose
        }
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the stage file " + path, e);
        }
    }

    /** Counts the bytes sent to the file, the one that failed included: what it needed of the disk. */
    private static final class CountingOutputStream extends FilterOutputStream {

        private long bytes;

        CountingOutputStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            bytes++;
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            bytes += len;
            out.write(b, off, len);
        }
    }
}
