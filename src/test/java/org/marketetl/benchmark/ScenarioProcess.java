package org.marketetl.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a {@link Scenario} in a child JVM on this JVM's class path and collects its result line.
 * The child's output goes to {@code target/benchmark/<scenario>.log}.
 */
final class ScenarioProcess {

    /** snowflake-jdbc's Arrow reader needs it; the same flag the local run and the tests pass. */
    private static final String OPENS = "--add-opens=java.base/java.nio=ALL-UNNAMED";

    private final Path logDirectory;

    ScenarioProcess(Path logDirectory) {
        this.logDirectory = logDirectory;
    }

    ScenarioResult run(Scenario scenario) throws IOException, InterruptedException {
        Files.createDirectories(logDirectory);
        Path log = logDirectory.resolve(scenario.name() + ".log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add(OPENS);
        // Stage files in a directory of the scenario's own, set with the function's own setting
        // (the Lambda runtime sets java.io.tmpdir itself): nothing else on a shared machine writes or
        // cleans there.
        Path stage = Files.createDirectories(logDirectory.resolve("stage").resolve(scenario.name())).toAbsolutePath();
        command.add("-Dmarket-etl.warehouse.stage-directory=" + stage);
        if (scenario.maxHeap() != null) {
            command.add("-Xmx" + scenario.maxHeap());
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), BenchmarkScenario.class.getName(),
                Json.write(scenario)));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        int exitCode = child.waitFor();
        List<String> resultLines = Files.readAllLines(log).stream()
                .filter(line -> line.startsWith(BenchmarkScenario.RESULT_PREFIX)).toList();
        if (exitCode != 0 || resultLines.isEmpty()) {
            throw new IOException(scenario.name() + ": the child exited with " + exitCode
                    + (resultLines.isEmpty() ? " and no result line" : "") + "; see " + log);
        }
        String json = resultLines.get(resultLines.size() - 1).substring(BenchmarkScenario.RESULT_PREFIX.length());
        return Json.MAPPER.readValue(json, ScenarioResult.class);
    }
}
