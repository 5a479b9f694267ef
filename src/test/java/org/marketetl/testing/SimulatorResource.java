package org.marketetl.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Map;

import org.marketetl.simulator.FmpSimulator;
import org.marketetl.simulator.SimulatorConfig;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts the FMP simulator on a free loopback port for the Quarkus tests and points the REST
 * client at it. Tests reach the running simulator through a field annotated {@link Simulator}.
 */
public class SimulatorResource implements QuarkusTestResourceLifecycleManager {

    /** The API key the %test profile configures; the simulator refuses any other. */
    public static final String API_KEY = "test-key-0123456789";

    private FmpSimulator simulator;

    @Override
    public Map<String, String> start() {
        simulator = FmpSimulator.start(SimulatorConfig.builder().apiKey(API_KEY).acceptAnySymbol(true).build());
        return Map.of("quarkus.rest-client.fmp.url", simulator.baseUrl());
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(simulator, new TestInjector.AnnotatedAndMatchesType(Simulator.class,
                FmpSimulator.class));
    }

    @Override
    public void stop() {
        if (simulator != null) {
            simulator.close();
        }
    }

    /** Marks the test field that receives the running simulator. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface Simulator {
    }
}
