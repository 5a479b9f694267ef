package org.marketetl.dev;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.InetSocketAddress;
import java.net.MalformedURLException;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;

import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.marketetl.config.FmpPlan;
import org.marketetl.config.MarketDataConfig;

import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;

/**
 * Dev mode's market data ({@code ./mvnw quarkus:dev}): starts the bundled FMP simulator where the
 * %dev profile points the REST client, with the %dev API key, so a run needs nothing outside the
 * machine, like a Quarkus Dev Service. The simulator is test code ({@code target/test-classes},
 * which dev mode compiles but does not put on the application's class path), so it is loaded by
 * name in a class loader of its own and never becomes part of the function: this bean exists in
 * dev builds only, and nothing in a production build or native image refers to the simulator.
 * It keeps serving across live reloads (a reload finds it on its port and reuses it), as Dev
 * Services do, and ends with the dev JVM.
 */
@IfBuildProfile("dev")
class DevSimulator {

    private static final String MAIN = "org.marketetl.simulator.FmpSimulatorMain";
    private static final Path TEST_CLASSES = Path.of("target", "test-classes");

    void onStart(@Observes StartupEvent event,
            @ConfigProperty(name = "quarkus.rest-client.fmp.url") String url,
            @ConfigProperty(name = "market-etl.market-data.api-key") String apiKey,
            MarketDataConfig marketData) {
        int callsPerMinute = FmpPlan.callsPerMinute(marketData);
        int port = URI.create(url).getPort();
        if (listening(port)) {
            Log.infof("FMP simulator: reusing the one serving %s", url);
            return;
        }
        String[] args = {"--port", String.valueOf(port), "--api-key", apiKey, "--rate-limit",
            String.valueOf(callsPerMinute), "--latency-ms", "40", "--accept-any-symbol", "true",
            "--as-of", LocalDate.now(ZoneOffset.UTC).toString()};
        Method main = simulatorMain();
        Thread serving = new Thread(() -> run(main, args), "fmp-simulator");
        serving.setDaemon(true);
        serving.start();
        awaitListening(port, url);
        Log.infof("FMP simulator: serving %s (any symbol, %d calls/min, 40 ms latency); post a run request to "
                + "the mock event server, e.g. curl -d '{}' localhost:8080/_lambda_", url, callsPerMinute);
    }

    private static Method simulatorMain() {
        if (!Files.isDirectory(TEST_CLASSES)) {
            throw new IllegalStateException("dev mode starts the FMP simulator from " + TEST_CLASSES.toAbsolutePath()
                    + ", which is missing; run ./mvnw quarkus:dev from the project directory");
        }
        try {
            URL classes = TEST_CLASSES.toUri().toURL();
            // Parent: the application's loader, which has Jackson; the simulator's classes come from here.
            @SuppressWarnings("resource") // lives as long as the simulator: the dev JVM
            URLClassLoader loader = new URLClassLoader(new URL[] {classes}, DevSimulator.class.getClassLoader());
            return loader.loadClass(MAIN).getMethod("main", String[].class);
        } catch (MalformedURLException | ReflectiveOperationException e) {
            throw new IllegalStateException("cannot load the FMP simulator from " + TEST_CLASSES.toAbsolutePath(), e);
        }
    }

    private static void run(Method main, String[] args) {
        try {
            main.invoke(null, (Object) args);
        } catch (InvocationTargetException e) {
            Log.errorf(e.getCause(), "the FMP simulator stopped");
        } catch (IllegalAccessException e) {
            Log.errorf(e, "cannot start the FMP simulator");
        }
    }

    private static void awaitListening(int port, String url) {
        for (int i = 0; i < 200; i++) {
            if (listening(port)) {
                return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new IllegalStateException("the FMP simulator did not start serving " + url);
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
