package org.marketetl.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;

import org.marketetl.deploy.Template;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * Step Functions for the API function's tests in the test JVM: moto's server (target/venv, see
 * src/test/tools/moto_server.py) on a free port, with the run state machine created from
 * template.yaml's definition. Its Lambda task reaches no function here (the packaged-function tests
 * run the whole orchestration), so its executions fail at their first step; what these tests look
 * at is the API's side: executions started, named by the run id, and described.
 */
public class MotoResource implements QuarkusTestResourceLifecycleManager {

    private static MotoServer moto;
    private static SfnClient client;

    /** A Step Functions client on the running moto, for assertions. */
    public static SfnClient stepFunctions() {
        return client;
    }

    @Override
    public Map<String, String> start() {
        try {
            moto = MotoServer.start(Map.of(), Path.of("target", "moto-" + System.nanoTime() + ".log"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start moto", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        // The function's Step Functions client reads these as Lambda's credentials stand-ins.
        System.setProperty("aws.accessKeyId", "test");
        System.setProperty("aws.secretAccessKey", "test");
        client = moto.stepFunctions();
        String arn = client.createStateMachine(b -> b.name("market-etl-runs")
                .definition(Template.read().stateMachineDefinition("arn:aws:lambda:us-east-1:123456789012:function:none"))
                .roleArn("arn:aws:iam::123456789012:role/market-etl-runs")).stateMachineArn();
        return Map.of("market-etl.orchestration.state-machine-arn", arn,
                "market-etl.orchestration.endpoint", moto.endpoint().toString(),
                "market-etl.orchestration.region", "us-east-1");
    }

    @Override
    public void stop() {
        if (client != null) {
            client.close();
        }
        if (moto != null) {
            moto.close();
        }
    }
}
