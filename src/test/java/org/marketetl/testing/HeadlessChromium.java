package org.marketetl.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Debian's Chromium, headless, driven over its DevTools protocol (a websocket, the JDK's own
 * client): load a page, evaluate in it, read what it logged, take a screenshot. Started quiet for a
 * machine without a network (no first-run, sync, component or background traffic, no QUIC), with
 * a fresh profile and a debugging port of the system's choosing (read back from the profile's
 * {@code DevToolsActivePort}). Nothing is downloaded: where Chromium is not installed,
 * {@link #find()} says so and the caller skips.
 */
public final class HeadlessChromium implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration START = Duration.ofSeconds(60);
    private static final Duration COMMAND = Duration.ofSeconds(60);

    private final Process process;
    private final Path profile;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> answers = new ConcurrentHashMap<>();
    private final List<JsonNode> events = Collections.synchronizedList(new ArrayList<>());
    /** Where the events of the page loaded last begin. */
    private volatile int pageEvents;

    private HeadlessChromium(Process process, Path profile, WebSocket socket) {
        this.process = process;
        this.profile = profile;
        this.socket = socket;
    }

    /** The Chromium executable: {@code CHROMIUM} if set, else the Debian package's. */
    public static Optional<Path> find() {
        String configured = System.getenv("CHROMIUM");
        return Stream.of(configured, "/usr/bin/chromium", "/usr/bin/chromium-browser")
                .filter(path -> path != null && !path.isBlank()).map(Path::of).filter(Files::isExecutable).findFirst();
    }

    /** Starts {@code executable} headless with an empty page and connects to that page. */
    public static HeadlessChromium start(Path executable) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("chromium-profile");
        Path log = profile.resolveSibling(profile.getFileName() + ".log");
        Process process = new ProcessBuilder(executable.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-extensions", "--user-data-dir=" + profile, "--remote-debugging-port=0",
                "--window-size=1280,900", "about:blank").redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            int port = debuggingPort(process, profile.resolve("DevToolsActivePort"), log);
            HttpClient http = HttpClient.newHttpClient();
            String pageSocket = null;
            long giveUp = System.nanoTime() + START.toNanos();
            while (pageSocket == null && System.nanoTime() < giveUp) {
                JsonNode targets = JSON.readTree(http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/json/list")).build(),
                        HttpResponse.BodyHandlers.ofString()).body());
                for (JsonNode target : targets) {
                    if ("page".equals(target.path("type").asText())) {
                        pageSocket = target.path("webSocketDebuggerUrl").asText();
                    }
                }
                if (pageSocket == null) {
                    Thread.sleep(100);
                }
            }
            if (pageSocket == null) {
                throw new IOException("chromium shows no page target; its output: " + Files.readString(log));
            }
            Listener listener = new Listener();
            WebSocket socket = http.newWebSocketBuilder().buildAsync(URI.create(pageSocket), listener).join();
            HeadlessChromium chromium = new HeadlessChromium(process, profile, socket);
            listener.chromium = chromium;
            return chromium;
        } catch (IOException | InterruptedException | RuntimeException e) {
            stop(process);
            throw e;
        }
    }

    private static int debuggingPort(Process process, Path activePort, Path log) throws IOException,
            InterruptedException {
        long giveUp = System.nanoTime() + START.toNanos();
        while (System.nanoTime() < giveUp) {
            if (Files.exists(activePort)) {
                List<String> lines = Files.readAllLines(activePort);
                if (!lines.isEmpty() && !lines.get(0).isBlank()) {
                    return Integer.parseInt(lines.get(0).trim());
                }
            }
            if (!process.isAlive()) {
                throw new IOException("chromium ended with " + process.exitValue() + ": " + Files.readString(log));
            }
            Thread.sleep(100);
        }
        throw new IOException("chromium did not open its debugging port within " + START + ": " + Files.readString(log));
    }

    /** Sends a DevTools command and waits for its result. */
    public JsonNode send(String method, Map<String, Object> params) {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        answers.put(id, answer);
        ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
        message.set("params", JSON.valueToTree(params));
        socket.sendText(message.toString(), true).join();
        try {
            JsonNode reply = answer.get(COMMAND.toSeconds(), TimeUnit.SECONDS);
            if (reply.has("error")) {
                throw new IllegalStateException(method + " failed: " + reply.get("error"));
            }
            return reply.path("result");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(method + " interrupted", e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException(method + " got no answer", e);
        } finally {
            answers.remove(id);
        }
    }

    /**
     * Opens {@code page} and waits until it has loaded, with the runtime, the log and the page
     * domains enabled first, so everything it logs while loading is seen.
     */
    public void load(URI page) throws InterruptedException {
        send("Runtime.enable", Map.of());
        send("Log.enable", Map.of());
        send("Page.enable", Map.of());
        int before = events.size();
        pageEvents = before;
        send("Page.navigate", Map.of("url", page.toString()));
        long giveUp = System.nanoTime() + COMMAND.toNanos();
        while (System.nanoTime() < giveUp) {
            synchronized (events) {
                if (events.subList(before, events.size()).stream()
                        .anyMatch(e -> "Page.loadEventFired".equals(e.path("method").asText()))) {
                    return;
                }
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("the page did not load within " + COMMAND + ": " + page);
    }

    /** Evaluates {@code expression} in the page and answers its value (JSON). */
    public JsonNode evaluate(String expression) {
        JsonNode result = send("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true));
        if (result.has("exceptionDetails")) {
            throw new IllegalStateException("evaluation failed: " + result.get("exceptionDetails"));
        }
        return result.path("result").path("value");
    }

    /**
     * What the page loaded last reported as errors: console errors, uncaught exceptions, and the browser's own
     * log entries of level error (a resource refused by the content security policy, a failed load).
     */
    public List<String> errors() {
        List<String> errors = new ArrayList<>();
        synchronized (events) {
            for (JsonNode event : events.subList(pageEvents, events.size())) {
                String method = event.path("method").asText();
                JsonNode params = event.path("params");
                if ("Runtime.consoleAPICalled".equals(method) && "error".equals(params.path("type").asText())) {
                    errors.add("console: " + params.path("args"));
                } else if ("Runtime.exceptionThrown".equals(method)) {
                    errors.add("exception: " + params.path("exceptionDetails"));
                } else if ("Log.entryAdded".equals(method)
                        && "error".equals(params.path("entry").path("level").asText())) {
                    errors.add("log: " + params.path("entry").path("text").asText() + " "
                            + params.path("entry").path("url").asText());
                }
            }
        }
        return errors;
    }

    /** A PNG of the whole page at {@code width} CSS pixels, written to {@code file}. */
    public void screenshot(Path file, int width) throws IOException {
        int height = evaluate("Math.ceil(document.documentElement.scrollHeight)").asInt(900);
        send("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", height, "deviceScaleFactor", 1,
                "mobile", false));
        String png = send("Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true))
                .path("data").asText();
        Files.createDirectories(file.getParent());
        Files.write(file, java.util.Base64.getDecoder().decode(png));
    }

    @Override
    public void close() throws IOException {
        try {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null)
                    .join();
        } finally {
            stop(process);
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    /** Ends the Chromium this started and the processes it started (renderer, GPU, zygote). */
    private static void stop(Process process) {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        children.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                children.forEach(ProcessHandle::destroyForcibly);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private void received(String text) {
        try {
            JsonNode message = JSON.readTree(text);
            if (message.has("id")) {
                CompletableFuture<JsonNode> answer = answers.get(message.get("id").asInt());
                if (answer != null) {
                    answer.complete(message);
                }
            } else {
                events.add(message);
            }
        } catch (IOException e) {
            throw new IllegalStateException("unreadable DevTools message: " + text, e);
        }
    }

    /** Collects the text frames of a message (it may arrive in parts) and hands each whole message over. */
    private static final class Listener implements WebSocket.Listener {

        private final StringBuilder partial = new StringBuilder();
        private volatile HeadlessChromium chromium;
        private final List<String> early = new ArrayList<>();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String message = partial.toString();
                partial.setLength(0);
                if (chromium == null) {
                    early.add(message);
                } else {
                    early.forEach(chromium::received);
                    early.clear();
                    chromium.received(message);
                }
            }
            webSocket.request(1);
            return null;
        }
    }
}
