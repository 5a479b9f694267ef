package org.marketetl;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Runs the local run's JVM (or the benchmark's) from inside Maven ({@code ./mvnw -Plocal-run
 * package}, through exec-maven-plugin's {@code java} goal) and gives the Maven command its exit
 * code. The child gets the terminal itself (standard input, output and error inherited), so what
 * it prints is what the user sees. When it exits 0 the build goes on; otherwise this ends Maven's
 * JVM with the child's code, so a refused request shows the function's one line and exits 2
 * ({@link LocalRun#REFUSED}), a failed run exits 1, and Maven prints no failure report of its own
 * after them.
 *
 * <p>Arguments: the command, e.g. {@code /usr/lib/jvm/.../bin/java -cp ... org.marketetl.LocalRun '{}'}.
 */
public final class Launcher {

    private Launcher() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        int exitCode = run(Arrays.asList(args));
        if (exitCode != 0) {
            System.exit(exitCode);
        }
    }

    /** Runs {@code command} on this process's terminal; answers its exit code. */
    static int run(List<String> command) throws IOException, InterruptedException {
        // Maven passes an empty <argument/> as null: the local run's request left out.
        List<String> given = command.stream().filter(Objects::nonNull).toList();
        Process child = new ProcessBuilder(given).inheritIO().start();
        try {
            return child.waitFor();
        } finally {
            // Maven stopped (Ctrl-C reaches the child too): never leave the run behind.
            child.destroy();
        }
    }
}
