package org.marketetl.testing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A plain HTTP pass-through on a free loopback port that forwards every request to {@code target}
 * unchanged and keeps the (un-gzipped) bodies of the requests to one path. fakesnow accepts any
 * login; this is how a test sees what the driver actually sent, e.g. the JWT of a key-pair sign-in.
 */
public final class RecordingProxy implements AutoCloseable {

    /** Headers Java's HttpClient sets itself and refuses to be given. */
    private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");

    private final HttpServer server;
    private final URI target;
    private final String recordedPath;
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<String> recorded = new CopyOnWriteArrayList<>();

    private RecordingProxy(URI target, String recordedPath) {
        this.target = target;
        this.recordedPath = recordedPath;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::forward);
        server.start();
    }

    /** Forwards to {@code target} (scheme, host and port), recording the bodies sent to {@code recordedPath}. */
    public static RecordingProxy start(URI target, String recordedPath) {
        return new RecordingProxy(target, recordedPath);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The bodies of the requests to the recorded path, in order. */
    public List<String> recorded() {
        return List.copyOf(recorded);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void forward(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            URI uri = target.resolve(exchange.getRequestURI().getRawPath()
                    + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery()));
            if (uri.getPath().equals(recordedPath)) {
                recorded.add(text(body, exchange.getRequestHeaders().getFirst("Content-Encoding")));
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                    .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (!RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
                    values.forEach(value -> request.header(name, value));
                }
            });
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            response.headers().map().forEach((name, values) -> {
                String lower = name.toLowerCase(Locale.ROOT);
                if (!RESTRICTED.contains(lower) && !lower.equals("transfer-encoding") && !lower.startsWith(":")) {
                    exchange.getResponseHeaders().put(name, values);
                }
            });
            byte[] answer = response.body();
            exchange.sendResponseHeaders(response.statusCode(), answer.length == 0 ? -1 : answer.length);
            exchange.getResponseBody().write(answer);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static String text(byte[] body, String encoding) throws IOException {
        if ("gzip".equalsIgnoreCase(encoding)) {
            try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
        return new String(body, StandardCharsets.UTF_8);
    }
}
