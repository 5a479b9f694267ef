package org.marketetl.config;

import java.net.URI;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The state machine that drives every run (template.yaml, RunStateMachine). Only the API function
 * talks to it: it starts executions and describes them; the run function is what it invokes.
 */
@ConfigMapping(prefix = "market-etl.orchestration")
public interface OrchestrationConfig {

    /** ARN of the run state machine ({@code STATE_MACHINE_ARN} in the template); the API function needs it. */
    Optional<String> stateMachineArn();

    /** The AWS region of the state machine; Lambda sets {@code AWS_REGION}. */
    @WithDefault("us-east-1")
    String region();

    /** Step Functions endpoint, only to point the client at a local emulator in tests; empty: AWS's. */
    Optional<URI> endpoint();
}
