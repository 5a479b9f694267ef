package org.marketetl.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Byte-string search in a (large) binary, read in blocks that overlap by the longest needle. */
final class Binaries {

    private static final int BLOCK = 1 << 20;

    private Binaries() {
    }

    /** The {@code needles} (ASCII) that occur anywhere in {@code file}. */
    static Set<String> containsAny(Path file, String... needles) throws IOException {
        List<byte[]> patterns = new ArrayList<>();
        for (String needle : needles) {
            patterns.add(needle.getBytes(StandardCharsets.US_ASCII));
        }
        int overlap = patterns.stream().mapToInt(p -> p.length).max().orElse(0) - 1;
        Set<String> found = new LinkedHashSet<>();
        byte[] buffer = new byte[BLOCK + overlap];
        int kept = 0;
        try (InputStream in = Files.newInputStream(file)) {
            int read;
            while ((read = in.readNBytes(buffer, kept, BLOCK)) > 0) {
                int length = kept + read;
                for (int i = 0; i < patterns.size(); i++) {
                    if (indexOf(buffer, length, patterns.get(i)) >= 0) {
                        found.add(needles[i]);
                    }
                }
                kept = Math.min(overlap, length);
                System.arraycopy(buffer, length - kept, buffer, 0, kept);
            }
        }
        return found;
    }

    private static int indexOf(byte[] haystack, int length, byte[] needle) {
        outer:
        for (int i = 0; i <= length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

}
