package org.marketetl.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One function of {@code target/function.zip} run as Lambda runs it: the unpacked zip as the task
 * root, behind the AWS Lambda Runtime Interface Emulator, started by the runtime's own command —
 * {@code bootstrap} for a native build, else the managed Java runtime's: the runtime interface
 * client on the class path, the task root as working directory (from which the client loads the
 * zip's root and {@code lib/*.jar}) and the handler the template names. Configuration reaches the
 * function as environment variables only: the template's own, then the test's.
 */
final class LambdaEmulator implements AutoCloseable {

    private static final Duration START = Duration.ofSeconds(30);
    /** Where the runtime interface client loads its JNI library from when set (its JniHelper). */
    private static final String RIC_JNI_PROPERTY = "com.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String name;
    private final Process process;
    private final Path log;
    private final URI invocations;

    private LambdaEmulator(String name, Process process, Path log, URI invocations) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.invocations = invocations;
    }

    /** The zip unpacked under {@code target}, replacing what was there: a task root. */
    static Path unzip(Path zip, Path target) throws IOException {
        if (Files.exists(target)) {
            try (Stream<Path> old = Files.walk(target)) {
                old.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
            }
        }
        Files.createDirectories(target);
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                Path file = target.resolve(entry.getName()).normalize();
                if (!file.startsWith(target)) {
                    throw new IOException("zip entry outside the task root: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(file);
                } else {
                    Files.createDirectories(file.getParent());
                    Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        Path bootstrap = target.resolve("bootstrap");
        if (Files.exists(bootstrap)) {
            // ZipInputStream drops Unix modes; Lambda runs bootstrap as an executable.
            Files.setPosixFilePermissions(bootstrap, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        return target;
    }

    /**
     * Starts function {@code function} of the template from {@code task} (the unpacked zip),
     * with the template's environment for {@code packaging} and then {@code environment}.
     */
    static LambdaEmulator start(String name, Template template, String function, String packaging, Path task,
            Map<String, String> environment, Path workDir) throws IOException, InterruptedException {
        Path rie = Path.of(required("lambda.emulator"));
        Path ric = Path.of(required("lambda.runtime-client"));
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(rie.toString(),
                "--runtime-interface-emulator-address", "127.0.0.1:" + port,
                "--runtime-api-address", "127.0.0.1:" + freePort()));
        String handler = (String) template.functionProperty(function, "Handler", packaging);
        Files.createDirectories(workDir);
        command.addAll(runtimeCommand(task, ric, handler, workDir));

        Map<String, String> env = new HashMap<>();
        env.put("PATH", System.getenv("PATH"));
        env.put("LANG", "en_US.UTF-8");
        env.put("TZ", ":UTC");
        env.put("_HANDLER", handler);
        env.put("AWS_LAMBDA_FUNCTION_NAME", name);
        env.put("AWS_LAMBDA_FUNCTION_TIMEOUT", String.valueOf(template.functionProperty(function, "Timeout", packaging)));
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
                String.valueOf(template.functionProperty(function, "MemorySize", packaging)));
        env.put("AWS_REGION", "us-east-1");
        env.put("LAMBDA_TASK_ROOT", task.toAbsolutePath().toString());
        env.putAll(template.literalEnvironment(function, packaging));
        env.putAll(environment);

        Path log = workDir.resolve(name + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(task.toFile()).redirectErrorStream(true);
        builder.redirectOutput(log.toFile());
        builder.environment().clear();
        builder.environment().putAll(env);
        LambdaEmulator emulator = new LambdaEmulator(name, builder.start(), log,
                URI.create("http://127.0.0.1:" + port + "/2015-03-31/functions/function/invocations"));
        emulator.awaitListening(port);
        return emulator;
    }

    /** Lambda's Invoke API of this function, as a URL (moto's glue posts there). */
    URI invocations() {
        return invocations;
    }

    Path log() {
        return log;
    }

    /** Invokes the function; answers the emulator's status and body (a report, or an error object). */
    Answer invoke(JsonNode event) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(invocations).timeout(Duration.ofMinutes(10))
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(event))).build();
        long start = System.nanoTime();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), JSON.readTree(response.body()), (System.nanoTime() - start) / 1_000_000);
    }

    /** Invokes, expecting an answer (HTTP 200 from the emulator); the body. */
    JsonNode call(JsonNode event) throws IOException, InterruptedException {
        Answer answer = invoke(event);
        assertThat(answer.status()).as("%s answered %s; see %s", name, answer.body(), log).isEqualTo(200);
        return answer.body();
    }

    /**
     * Kills the function's process (what Lambda does at a timeout, or what running out of memory
     * does), not the emulator: its invocation fails with Runtime.ExitError and the next one starts
     * the function afresh, as in Lambda.
     */
    int killRuntime() {
        List<ProcessHandle> runtime = process.toHandle().children().toList();
        runtime.forEach(ProcessHandle::destroyForcibly);
        return runtime.size();
    }

    /** The first group of {@code pattern} in the log, waiting up to ten seconds for it. */
    String awaitLog(Pattern pattern) throws IOException, InterruptedException {
        Instant giveUp = Instant.now().plusSeconds(10);
        while (Instant.now().isBefore(giveUp)) {
            Matcher matcher = pattern.matcher(Files.readString(log));
            if (matcher.find()) {
                return matcher.group(1);
            }
            Thread.sleep(100);
        }
        throw new AssertionError(name + " logged no '" + pattern + "'; see " + log);
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
    }

    private static List<String> runtimeCommand(Path task, Path ric, String handler, Path workDir) throws IOException {
        Path bootstrap = task.resolve("bootstrap");
        if (Files.isExecutable(bootstrap)) {
            return List.of(bootstrap.toString());
        }
        // The managed Java runtime's command: java ... -cp /var/runtime/lib/* AWSLambda HANDLER, in
        // /var/task. JVM options approximate its defaults for 1024 MB (serial GC); the template's
        // JAVA_TOOL_OPTIONS come on top through the environment, as in Lambda. The java is this
        // test's own: failsafe runs on the JDK of the runtime's major (pom.xml, maven-toolchains-plugin),
        // which PackagedFunctionIT.packaging checks against the template.
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return List.of(java.toString(), "-XX:MaxHeapSize=870m", "-XX:+UseSerialGC", "-Xshare:auto",
                "-Djava.net.preferIPv4Stack=true", "-Dfile.encoding=UTF-8",
                "-D" + RIC_JNI_PROPERTY + "=" + runtimeClientJni(ric, workDir),
                "-cp", ric.toAbsolutePath() + "/*",
                "com.amazonaws.services.lambda.runtime.api.client.AWSLambda", handler);
    }

    /**
     * The runtime client's JNI library, unpacked into the work directory. Left to itself the client
     * unpacks it to the fixed path /tmp/.libaws-lambda-jni.so (Lambda gives each function its own
     * /tmp); here another user's or build's copy there would stop it ("Operation not permitted").
     */
    private static Path runtimeClientJni(Path ric, Path workDir) throws IOException {
        String arch = System.getProperty("os.arch").equals("aarch64") ? "aarch_64" : "x86_64";
        Path jni = workDir.resolve("libaws-lambda-jni.so").toAbsolutePath();
        try (Stream<Path> jars = Files.list(ric)) {
            Path client = jars.filter(jar -> jar.getFileName().toString().startsWith("aws-lambda-java-runtime-interface-client"))
                    .findFirst().orElseThrow(() -> new IOException("no runtime interface client in " + ric));
            try (ZipFile zip = new ZipFile(client.toFile())) {
                ZipEntry entry = zip.getEntry("jni/libaws-lambda-jni.linux-" + arch + ".so");
                try (InputStream in = zip.getInputStream(entry)) {
                    Files.copy(in, jni, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        return jni;
    }

    private void awaitListening(int port) throws InterruptedException {
        Instant giveUp = Instant.now().plus(START);
        while (Instant.now().isBefore(giveUp)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + ": the Lambda emulator exited with " + process.exitValue()
                        + "; see " + log);
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException e) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException(name + ": the Lambda emulator did not listen on " + port + " within " + START);
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + property + " is not set; run through Maven (failsafe)");
        }
        return value;
    }

    /** What the emulator answered an invocation, and how long it took. */
    record Answer(int status, JsonNode body, long ms) {
    }
}
