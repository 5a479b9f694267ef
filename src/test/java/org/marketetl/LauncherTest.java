package org.marketetl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the local run's Maven command ends with ({@code ./mvnw -Plocal-run package}, which runs the
 * local run through {@link Launcher} inside Maven's JVM): the child's own output and its exit code,
 * nothing after them. Here a JVM plays Maven's part and a one-file program plays the refused run.
 */
class LauncherTest {

    @TempDir
    Path dir;

    @Test
    void refusedChild_endsTheLaunchingJvmWithItsExitCode2_andItsOneLineIsAllThatIsPrinted() throws Exception {
        // Arrange
        Path refusing = program("Refusing", "System.err.println(\"request refused: mode must be one of incremental, "
                + "backfill, full-refresh\"); System.exit(" + LocalRun.REFUSED + ");");

        // Act
        Process maven = launch(refusing);

        // Assert
        assertThat(maven.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(maven.exitValue()).isEqualTo(LocalRun.REFUSED);
        assertThat(new String(maven.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines())
                .containsExactly("request refused: mode must be one of incremental, backfill, full-refresh");
    }

    @Test
    void childThatSucceeds_letsTheLaunchingJvmGoOn() throws Exception {
        // Arrange
        Path succeeding = program("Succeeding", "System.out.println(\"run SUCCEEDED\");");

        // Act
        Process maven = launch(succeeding);

        // Assert
        assertThat(maven.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(maven.exitValue()).isZero();
        assertThat(new String(maven.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines())
                .containsExactly("run SUCCEEDED");
    }

    /** A JVM running {@link Launcher} with {@code java program}, stdout and stderr together. */
    private static Process launch(Path program) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Launcher.class.getName(),
                java, program.toString()).redirectErrorStream(true).start();
    }

    /** A one-file Java program (run from source) whose main is {@code body}. */
    private Path program(String name, String body) throws Exception {
        Path file = dir.resolve(name + ".java");
        Files.writeString(file, "public class " + name + " { public static void main(String[] args) { " + body + " } }");
        return file;
    }
}
