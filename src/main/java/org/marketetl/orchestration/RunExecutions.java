package org.marketetl.orchestration;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.marketetl.config.OrchestrationConfig;

import io.quarkus.logging.Log;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.SfnClientBuilder;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException;

/**
 * Runs as executions of the run state machine, one per run id: the execution is named by the run
 * id, so starting the same run twice starts nothing the second time. The AWS SDK's Step Functions
 * client with the JDK's URL connection (no Apache or Netty client), built on first use, so the run
 * function, which never calls it, pays nothing at start. Credentials come from Lambda's
 * environment variables (system properties in a JVM outside Lambda).
 */
@ApplicationScoped
public class RunExecutions {

    /** The API function answers within API Gateway's 29 s; a Step Functions call takes well under one. */
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);

    private final OrchestrationConfig config;
    private volatile SfnClient client;

    public RunExecutions(OrchestrationConfig config) {
        this.config = config;
    }

    /**
     * Starts the execution {@code runId} with {@code input}; answers false when an execution of that
     * name exists already (the same run was started before; it is not started again). Step
     * Functions itself starts nothing for a name it knows (it answers the running execution for the
     * same input, and refuses other input), but only a look first tells the caller which it was.
     */
    public boolean start(String runId, String input) {
        if (describe(runId).isPresent()) {
            Log.infof("execution %s exists already; not started again", runId);
            return false;
        }
        try {
            client().startExecution(b -> b.stateMachineArn(stateMachineArn()).name(runId).input(input));
            Log.infof("started execution %s of the run state machine", runId);
            return true;
        } catch (ExecutionAlreadyExistsException e) {
            Log.infof("execution %s exists already; not started again", runId);
            return false;
        }
    }

    /** The execution of {@code runId}, if one was started. */
    public Optional<Execution> describe(String runId) {
        try {
            DescribeExecutionResponse execution = client().describeExecution(b -> b.executionArn(executionArn(runId)));
            return Optional.of(new Execution(execution.statusAsString(), execution.error(), execution.cause(),
                    execution.startDate()));
        } catch (ExecutionDoesNotExistException e) {
            return Optional.empty();
        }
    }

    /** {@code arn:aws:states:R:A:stateMachine:NAME} names its executions {@code arn:aws:states:R:A:execution:NAME:RUN}. */
    String executionArn(String runId) {
        return stateMachineArn().replaceFirst(":stateMachine:", ":execution:") + ":" + runId;
    }

    private String stateMachineArn() {
        return config.stateMachineArn().orElseThrow(() -> new IllegalStateException(
                "market-etl.orchestration.state-machine-arn (STATE_MACHINE_ARN) is not set: the API function "
                        + "starts runs as executions of the run state machine"));
    }

    private SfnClient client() {
        if (client == null) {
            synchronized (this) {
                if (client == null) {
                    SfnClientBuilder builder = SfnClient.builder()
                            .httpClient(UrlConnectionHttpClient.create())
                            .region(Region.of(config.region()))
                            .credentialsProvider(AwsCredentialsProviderChain.of(
                                    EnvironmentVariableCredentialsProvider.create(),
                                    SystemPropertyCredentialsProvider.create()))
                            .overrideConfiguration(o -> o.apiCallTimeout(CALL_TIMEOUT));
                    config.endpoint().ifPresent(builder::endpointOverride);
                    client = builder.build();
                }
            }
        }
        return client;
    }

    /**
     * An execution as Step Functions describes it.
     *
     * @param status    RUNNING, SUCCEEDED, FAILED, TIMED_OUT, ABORTED (or PENDING_REDRIVE)
     * @param error     the error name of a failed execution
     * @param cause     the cause of a failed execution: the run's reason
     * @param startedAt when it started
     */
    public record Execution(String status, String error, String cause, Instant startedAt) {
    }
}
