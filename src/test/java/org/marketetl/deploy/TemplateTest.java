package org.marketetl.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code template.yaml} passes cfn-lint and says what the deployment promises: the native
 * function, reserved concurrency 1, the nightly schedule, IAM auth on both API routes, secrets
 * readable only by ARN, log retention, and somewhere for failures to go.
 */
class TemplateTest {

    private static final Path TEMPLATE = Path.of("template.yaml");
    private static final Path CFN_LINT = Path.of("target", "venv", "bin", "cfn-lint");

    private static Map<String, Object> template;
    private static Map<String, Object> resources;
    private static Map<String, Object> function;

    @BeforeAll
    static void readTemplate() throws IOException {
        try (InputStream in = Files.newInputStream(TEMPLATE)) {
            template = new Yaml(new CloudFormationConstructor()).load(in);
        }
        resources = map(template.get("Resources"));
        function = properties("MarketEtlFunction");
    }

    @Test
    void passesCfnLint() throws Exception {
        assertThat(CFN_LINT).as("cfn-lint is installed by the build in generate-test-resources "
                + "(src/test/tools/install-venv.sh); run the tests through Maven").isExecutable();
        Process lint = new ProcessBuilder(CFN_LINT.toString(), TEMPLATE.toString()).redirectErrorStream(true).start();
        String output = new String(lint.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(lint.waitFor(120, TimeUnit.SECONDS)).as("cfn-lint finished").isTrue();
        assertThat(lint.exitValue()).as("cfn-lint exit code; its findings:%n%s", output).isZero();
    }

    @Test
    void functionIsTheNativeBootstrapFromFunctionZip() {
        assertThat(resource("MarketEtlFunction").get("Type")).isEqualTo("AWS::Serverless::Function");
        assertThat(function).containsEntry("Runtime", "provided.al2023")
                .containsEntry("Handler", "bootstrap")
                .containsEntry("CodeUri", "target/function.zip");
    }

    @Test
    void atMostOneRunAtATime_withTimeoutAndMemorySet() {
        assertThat(function).containsEntry("ReservedConcurrentExecutions", 1);
        assertThat((Integer) function.get("Timeout")).isBetween(60, 900);
        assertThat((Integer) function.get("MemorySize")).isBetween(512, 10240);
    }

    @Test
    void nightlyScheduleStartsAnIncrementalRun() throws IOException {
        Map<String, Object> nightly = map(map(function.get("Events")).get("Nightly"));
        assertThat(nightly.get("Type")).isEqualTo("Schedule");
        Map<String, Object> props = map(nightly.get("Properties"));
        assertThat(props.get("Schedule")).isEqualTo(Map.of("Ref", "ScheduleExpression"));
        assertThat(map(map(template.get("Parameters")).get("ScheduleExpression")).get("Default").toString())
                .startsWith("cron(");
        JsonNode input = new ObjectMapper().readTree((String) props.get("Input"));
        assertThat(input.path("source").asText()).isEqualTo("aws.events");
        assertThat(input.path("detail").path("mode").asText()).isEqualTo("incremental");
    }

    @Test
    void bothApiRoutesRequireIam() {
        Map<String, Object> events = map(function.get("Events"));
        assertThat(route(events, "StartRun")).containsEntry("Path", "/runs").containsEntry("Method", "post");
        assertThat(route(events, "GetRun")).containsEntry("Path", "/runs/{runId}").containsEntry("Method", "get");
        for (String name : List.of("StartRun", "GetRun")) {
            assertThat(map(route(events, name).get("Auth"))).as(name).containsEntry("Authorizer", "AWS_IAM");
        }
        assertThat(map(properties("RunsApi").get("Auth"))).containsEntry("DefaultAuthorizer", "AWS_IAM");
        assertThat(events.values()).as("every API event goes to the IAM-protected API")
                .filteredOn(e -> "Api".equals(map(e).get("Type")))
                .allSatisfy(e -> assertThat(map(map(e).get("Properties")).get("RestApiId"))
                        .isEqualTo(Map.of("Ref", "RunsApi")));
    }

    @Test
    void secretsAreReadableOnlyByTheirArns() {
        assertThat(function.get("Role")).isEqualTo(Map.of("Fn::GetAtt", List.of("MarketEtlFunctionRole", "Arn")));
        assertThat(function).doesNotContainKey("Policies");
        List<Map<String, Object>> statements = statements(properties("MarketEtlFunctionRole"));

        List<Map<String, Object>> secretStatements = statements.stream()
                .filter(s -> String.valueOf(s.get("Action")).contains("secretsmanager")).toList();
        assertThat(secretStatements).singleElement().satisfies(s -> {
            assertThat(s.get("Action")).isEqualTo("secretsmanager:GetSecretValue");
            assertThat(s.get("Resource")).isEqualTo(List.of(
                    Map.of("Ref", "FmpApiKeySecretArn"), Map.of("Ref", "SnowflakePrivateKeySecretArn")));
        });
        assertThat(statements).as("no statement grants anything on every resource")
                .allSatisfy(s -> assertThat(String.valueOf(s.get("Resource"))).doesNotContain("*"))
                .allSatisfy(s -> assertThat(String.valueOf(s.get("Action"))).doesNotContain("*"));

        Map<String, Object> variables = map(map(function.get("Environment")).get("Variables"));
        assertThat(variables)
                .containsEntry("FMP_API_KEY_SECRET_ARN", Map.of("Ref", "FmpApiKeySecretArn"))
                .containsEntry("SNOWFLAKE_PRIVATE_KEY_SECRET_ARN", Map.of("Ref", "SnowflakePrivateKeySecretArn"))
                .containsKeys("SNOWFLAKE_ACCOUNT", "SNOWFLAKE_USER", "SNOWFLAKE_DATABASE", "SNOWFLAKE_SCHEMA",
                        "SNOWFLAKE_WAREHOUSE", "SNOWFLAKE_ROLE")
                .doesNotContainKeys("FMP_API_KEY", "SNOWFLAKE_PRIVATE_KEY", "SNOWFLAKE_PASSWORD");
    }

    @Test
    void kmsDecryptOnlyWhenAKeyIsGiven_andOnlyThroughSecretsManager() {
        Map<String, Object> conditional = conditionalStatements(properties("MarketEtlFunctionRole")).get(0);
        List<Object> ifArgs = list(conditional.get("Fn::If"));
        assertThat(ifArgs.get(0)).isEqualTo("HasKmsKey");
        Map<String, Object> kms = map(ifArgs.get(1));
        assertThat(kms).containsEntry("Action", "kms:Decrypt").containsEntry("Resource", Map.of("Ref", "SecretsKmsKeyArn"));
        assertThat(String.valueOf(kms.get("Condition"))).contains("kms:ViaService");
        assertThat(ifArgs.get(2)).isEqualTo(Map.of("Ref", "AWS::NoValue"));
    }

    @Test
    void logsAreKeptForALimitedTime() {
        assertThat(map(function.get("LoggingConfig")).get("LogGroup")).isEqualTo(Map.of("Ref", "MarketEtlLogGroup"));
        assertThat(properties("MarketEtlLogGroup")).containsKey("RetentionInDays");
    }

    @Test
    void failedRunsGoToAQueue_andRaiseAnAlarm() {
        Map<String, Object> onFailure = map(map(map(function.get("EventInvokeConfig")).get("DestinationConfig"))
                .get("OnFailure"));
        assertThat(onFailure).containsEntry("Type", "SQS")
                .containsEntry("Destination", Map.of("Fn::GetAtt", List.of("FailedRunsQueue", "Arn")));
        assertThat(resource("FailedRunsQueue").get("Type")).isEqualTo("AWS::SQS::Queue");

        Map<String, Object> alarm = properties("ErrorsAlarm");
        assertThat(resource("ErrorsAlarm").get("Type")).isEqualTo("AWS::CloudWatch::Alarm");
        assertThat(alarm).containsEntry("Namespace", "AWS/Lambda").containsEntry("MetricName", "Errors");
        assertThat(list(alarm.get("Dimensions"))).singleElement()
                .isEqualTo(Map.of("Name", "FunctionName", "Value", Map.of("Ref", "MarketEtlFunction")));
        assertThat(list(alarm.get("AlarmActions"))).isNotEmpty();
    }

    @Test
    void holdsNoSecretValues() throws IOException {
        String text = Files.readString(TEMPLATE);
        assertThat(text).doesNotContain("PRIVATE KEY-----").doesNotContainPattern("(?i)apikey=\\w");
        assertThat(map(template.get("Parameters")).values()).allSatisfy(p -> assertThat(map(p))
                .as("a secret is passed by ARN, not as a parameter value").doesNotContainKey("NoEcho"));
    }

    private static Map<String, Object> route(Map<String, Object> events, String name) {
        Map<String, Object> event = map(events.get(name));
        assertThat(event.get("Type")).as(name).isEqualTo("Api");
        return map(event.get("Properties"));
    }

    /** Every plain statement of the role's inline policies; conditional ones are skipped here. */
    private static List<Map<String, Object>> statements(Map<String, Object> role) {
        return policyStatements(role).stream().map(TemplateTest::map).filter(s -> !s.containsKey("Fn::If")).toList();
    }

    private static List<Map<String, Object>> conditionalStatements(Map<String, Object> role) {
        return policyStatements(role).stream().map(TemplateTest::map).filter(s -> s.containsKey("Fn::If")).toList();
    }

    private static List<Object> policyStatements(Map<String, Object> role) {
        return list(role.get("Policies")).stream()
                .flatMap(p -> list(map(map(p).get("PolicyDocument")).get("Statement")).stream())
                .toList();
    }

    private static Map<String, Object> resource(String name) {
        assertThat(resources).as("resources").containsKey(name);
        return map(resources.get(name));
    }

    private static Map<String, Object> properties(String name) {
        return map(resource(name).get("Properties"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        assertThat(value).isInstanceOf(List.class);
        return (List<Object>) value;
    }

    /**
     * Reads CloudFormation's short-form tags as their long forms: {@code !Ref X} becomes
     * {@code {Ref: X}}, {@code !GetAtt A.B} becomes {@code {Fn::GetAtt: [A, B]}}, and every other
     * {@code !Name} becomes {@code {Fn::Name: ...}}.
     */
    private static final class CloudFormationConstructor extends SafeConstructor {

        CloudFormationConstructor() {
            super(new LoaderOptions());
            yamlMultiConstructors.put("!", new AbstractConstruct() {
                @Override
                public Object construct(Node node) {
                    String tag = node.getTag().getValue().substring(1);
                    Object value;
                    if (node instanceof ScalarNode scalar) {
                        value = scalar.getValue();
                    } else if (node instanceof SequenceNode sequence) {
                        value = constructSequence(sequence);
                    } else {
                        value = constructMapping((MappingNode) node);
                    }
                    if (tag.equals("Ref") || tag.equals("Condition")) {
                        return Map.of(tag, value);
                    }
                    if (tag.equals("GetAtt") && value instanceof String attribute) {
                        return Map.of("Fn::GetAtt", List.of(attribute.split("\\.", 2)));
                    }
                    return Map.of("Fn::" + tag, value);
                }
            });
        }
    }
}
