package org.marketetl.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Named;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.marketetl.lambda.ApiHandler;
import org.marketetl.lambda.RunHandler;
import org.marketetl.bookkeeping.RunLockedException;
import org.marketetl.report.RunReport;
import org.marketetl.report.RunStatus;
import org.marketetl.report.Step;
import org.marketetl.report.StepReport;
import org.marketetl.report.StepStatus;
import org.marketetl.run.EmbeddedMetrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code template.yaml} passes cfn-lint and {@code sam validate --lint} for both packagings, and
 * says what the deployment promises: one artifact, two functions (the run function limited to one
 * at a time, the API function not), the state machine that drives every run, the schedule
 * starting it, IAM auth on both API routes, least-privilege roles, secrets by ARN, log retention,
 * alarms for failures.
 */
class TemplateTest {

    private static final Path VENV = Path.of("target", "venv", "bin");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Template template;

    @BeforeAll
    static void readTemplate() {
        template = Template.read();
    }

    @ParameterizedTest
    @ValueSource(strings = { "native", "jvm" })
    void passesCfnLintAndSamValidate_forEachPackaging(String packaging) throws Exception {
        Path copy = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "template-").resolve("template.yaml");
        String text = Files.readString(Template.FILE);
        Matcher defaultPackaging = Pattern.compile("(  Packaging:\\n    Type: String\\n    Default: )native").matcher(text);
        assertThat(defaultPackaging.find()).as("the Packaging parameter defaults to native").isTrue();
        Files.writeString(copy, defaultPackaging.replaceFirst("$1" + packaging));

        assertThat(run(VENV.resolve("cfn-lint").toString(), copy.toString())).as("cfn-lint, %s", packaging).isEmpty();
        assertThat(run(VENV.resolve("sam").toString(), "validate", "--lint", "-t", copy.toString()))
                .as("sam validate --lint, %s", packaging).contains("is a valid SAM Template");
    }

    @Test
    void packagingChoosesRuntimeAndHandler_nativeByDefault() {
        assertThat(Template.map(Template.map(template.root().get("Parameters")).get("Packaging")))
                .containsEntry("Default", "native").containsEntry("AllowedValues", List.of("native", "jvm"));
        for (String function : List.of("MarketEtlFunction", "ApiFunction")) {
            assertThat(template.functionProperty(function, "Runtime", "native")).isEqualTo("provided.al2023");
            assertThat(template.functionProperty(function, "Handler", "native")).isEqualTo("bootstrap");
            assertThat(template.functionProperty(function, "Runtime", "jvm")).isEqualTo("java25");
            assertThat(template.functionProperty(function, "Handler", "jvm"))
                    .isEqualTo("io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest");
            assertThat(template.functionProperty(function, "CodeUri", "jvm")).isEqualTo("target/function.zip");
        }
        assertThat(template.literalEnvironment("MarketEtlFunction", "native")).containsEntry("DISABLE_SIGNAL_HANDLERS", "true")
                .doesNotContainKey("JAVA_TOOL_OPTIONS");
        assertThat(template.literalEnvironment("MarketEtlFunction", "jvm")).doesNotContainKey("DISABLE_SIGNAL_HANDLERS")
                .containsKey("JAVA_TOOL_OPTIONS");
    }

    @Test
    void jvmRuntimeIsTheJavaTheTestsRunOn_runningTheBuildsBytecode_withSnapStartOnTheJvmOnly() throws IOException {
        String pom = Files.readString(Path.of("pom.xml"));
        int runtimeJava = Integer.parseInt(pomProperty(pom, "lambda.java.version"));
        assertThat(template.functionProperty("MarketEtlFunction", "Runtime", "jvm")).isEqualTo("java" + runtimeJava);
        assertThat(Integer.parseInt(pomProperty(pom, "maven.compiler.release"))).isLessThanOrEqualTo(runtimeJava);
        assertThat(pom).as("the tests' JDK toolchain is of the runtime's major")
                .contains("<build-jdk.version>[${lambda.java.version},${lambda.java.version}.999]</build-jdk.version>");
        assertThat(template.functionProperty("MarketEtlFunction", "SnapStart", "jvm"))
                .isEqualTo(Map.of("ApplyOn", "PublishedVersions"));
        assertThat(template.functionProperty("MarketEtlFunction", "SnapStart", "native"))
                .isEqualTo(Map.of("Ref", "AWS::NoValue"));
        assertThat(template.globalFunction()).containsEntry("AutoPublishAlias", "live");
    }

    @Test
    void eachFunctionSelectsItsHandlerByName() {
        assertThat(template.literalEnvironment("MarketEtlFunction", "native"))
                .containsEntry("QUARKUS_LAMBDA_HANDLER", RunHandler.class.getAnnotation(Named.class).value());
        assertThat(template.literalEnvironment("ApiFunction", "native"))
                .containsEntry("QUARKUS_LAMBDA_HANDLER", ApiHandler.class.getAnnotation(Named.class).value());
    }

    @Test
    void onlyTheRunFunctionIsLimitedToOneAtATime_andTheApiAnswersWithinApiGatewaysLimit() {
        Map<String, Object> run = template.properties("MarketEtlFunction");
        assertThat(run).containsEntry("ReservedConcurrentExecutions", 1);
        assertThat((Integer) run.get("Timeout")).isBetween(60, 900);
        assertThat((Integer) run.get("MemorySize")).isBetween(512, 10240);
        Map<String, Object> api = template.properties("ApiFunction");
        assertThat(api).doesNotContainKey("ReservedConcurrentExecutions");
        assertThat((Integer) api.get("Timeout")).isLessThan(29);
    }

    @Test
    void stateMachineInvokesTheRunFunction_continuesWhileWorkIsLeft_andRetriesLockRefusals() throws IOException {
        Map<String, Object> machine = template.properties("RunStateMachine");
        assertThat(machine).containsEntry("Type", "STANDARD");
        assertThat(Template.map(machine.get("DefinitionSubstitutions")))
                .containsEntry("RunFunctionArn", Map.of("Ref", "MarketEtlFunction.Alias"));
        JsonNode definition = JSON.readTree(template.stateMachineDefinition("arn:run"));
        JsonNode run = definition.path("States").path(definition.path("StartAt").asText());
        assertThat(run.path("Parameters").path("FunctionName").asText()).isEqualTo("arn:run");
        assertThat(run.path("Parameters").path("Payload").path("runId.$").asText()).isEqualTo("$$.Execution.Name");
        assertThat(run.path("Retry").findValues("ErrorEquals").toString()).contains(RunLockedException.class.getName())
                .contains("Runtime.ExitError");
        JsonNode decide = definition.path("States").path(run.path("Next").asText());
        assertThat(decide.path("Choices").get(0).path("Variable").asText()).isEqualTo("$.result.workLeft");
        assertThat(decide.path("Choices").get(0).path("Next").asText()).isEqualTo(definition.path("StartAt").asText());
        assertThat(definition.path("States").path("RunFailed").path("CausePath").asText()).isEqualTo("$.result.reason");
    }

    @Test
    void nightlyScheduleStartsAnIncrementalRunOfTheStateMachine() throws IOException {
        Map<String, Object> nightly = Template.map(Template.map(template.properties("RunStateMachine").get("Events"))
                .get("Nightly"));
        assertThat(nightly.get("Type")).isEqualTo("Schedule");
        Map<String, Object> props = Template.map(nightly.get("Properties"));
        assertThat(props.get("Schedule")).isEqualTo(Map.of("Ref", "ScheduleExpression"));
        List<?> choice = (List<?>) Template.map(props.get("Input")).get("Fn::If");
        assertThat(choice.get(0)).isEqualTo("HasScheduleUniverse");
        JsonNode input = JSON.readTree((String) choice.get(2));
        assertThat(input.path("trigger").asText()).isEqualTo("schedule");
        assertThat(input.path("request").path("mode").asText()).isEqualTo("incremental");
        assertThat(input.path("request").has("universe")).isFalse();
        assertThat(template.properties("MarketEtlFunction")).doesNotContainKey("Events");
    }

    @Test
    void theNightlyRunTakesAUniverseSelector_fromAParameter() throws IOException {
        Map<String, Object> props = Template.map(Template.map(Template.map(template.properties("RunStateMachine")
                .get("Events")).get("Nightly")).get("Properties"));
        List<?> choice = (List<?>) Template.map(props.get("Input")).get("Fn::If");
        String withUniverse = (String) Template.map(choice.get(1)).get("Fn::Sub");

        for (String selector : List.of("\"us-common-stocks\"", "{\"exchanges\":[\"NASDAQ\",\"NYSE\",\"AMEX\"],"
                + "\"includeDelisted\":true}")) {
            JsonNode input = JSON.readTree(withUniverse.replace("${ScheduleUniverse}", selector));
            assertThat(input.path("trigger").asText()).isEqualTo("schedule");
            assertThat(input.path("request").path("mode").asText()).isEqualTo("incremental");
            assertThat(input.path("request").path("universe")).isEqualTo(JSON.readTree(selector));
        }
    }

    @Test
    void bothApiRoutesGoToTheApiFunction_andRequireIam() {
        Map<String, Object> events = Template.map(template.properties("ApiFunction").get("Events"));
        assertThat(route(events, "StartRun")).containsEntry("Path", "/runs").containsEntry("Method", "post");
        assertThat(route(events, "GetRun")).containsEntry("Path", "/runs/{runId}").containsEntry("Method", "get");
        for (String name : List.of("StartRun", "GetRun")) {
            assertThat(Template.map(route(events, name).get("Auth"))).as(name).containsEntry("Authorizer", "AWS_IAM");
            assertThat(route(events, name).get("RestApiId")).isEqualTo(Map.of("Ref", "RunsApi"));
        }
        assertThat(Template.map(template.properties("RunsApi").get("Auth"))).containsEntry("DefaultAuthorizer", "AWS_IAM");
    }

    @Test
    void rolesGrantEachPartOnlyWhatItNeeds() {
        // The run function: its logs and both secrets.
        assertThat(actions("MarketEtlFunctionRole")).containsExactlyInAnyOrder("logs:CreateLogStream,logs:PutLogEvents",
                "secretsmanager:GetSecretValue");
        assertThat(resourcesOf("MarketEtlFunctionRole", "secretsmanager:GetSecretValue")).isEqualTo(List.of(
                Map.of("Ref", "FmpApiKeySecretArn"), Map.of("Ref", "SnowflakePrivateKeySecretArn")));
        // The API function: its logs, start and describe executions of that one state machine, the ledger's key.
        assertThat(actions("ApiFunctionRole")).containsExactlyInAnyOrder("logs:CreateLogStream,logs:PutLogEvents",
                "states:StartExecution", "states:DescribeExecution", "secretsmanager:GetSecretValue");
        assertThat(resourcesOf("ApiFunctionRole", "states:StartExecution")).isEqualTo(Map.of("Ref", "RunStateMachine"));
        assertThat(String.valueOf(resourcesOf("ApiFunctionRole", "states:DescribeExecution")))
                .contains(":execution:${RunStateMachine.Name}:*");
        assertThat(resourcesOf("ApiFunctionRole", "secretsmanager:GetSecretValue"))
                .isEqualTo(Map.of("Ref", "SnowflakePrivateKeySecretArn"));
        // The state machine: invoke the run function's alias, nothing more.
        assertThat(actions("RunStateMachineRole")).containsExactly("lambda:InvokeFunction");
        assertThat(resourcesOf("RunStateMachineRole", "lambda:InvokeFunction"))
                .isEqualTo(Map.of("Ref", "MarketEtlFunction.Alias"));
        for (String role : List.of("MarketEtlFunctionRole", "ApiFunctionRole", "RunStateMachineRole")) {
            assertThat(statements(role)).as(role).allSatisfy(s -> {
                assertThat(String.valueOf(s.get("Action"))).doesNotContain("*");
                assertThat(s.get("Resource")).isNotEqualTo("*");
            });
        }
        assertThat(template.properties("MarketEtlFunction")).doesNotContainKey("Policies");
        assertThat(template.properties("ApiFunction")).doesNotContainKey("Policies");
    }

    @Test
    void secretsArePassedByArn_andTheApiFunctionGetsNoFmpKey() {
        assertThat(template.environmentNames("MarketEtlFunction", "native"))
                .contains("FMP_API_KEY_SECRET_ARN", "SNOWFLAKE_PRIVATE_KEY_SECRET_ARN", "SNOWFLAKE_ACCOUNT",
                        "SNOWFLAKE_USER", "SNOWFLAKE_DATABASE", "SNOWFLAKE_SCHEMA", "SNOWFLAKE_WAREHOUSE", "SNOWFLAKE_ROLE")
                .doesNotContain("FMP_API_KEY", "SNOWFLAKE_PRIVATE_KEY", "SNOWFLAKE_PASSWORD");
        assertThat(template.environmentNames("MarketEtlFunction", "native")).contains("MARKET_ETL_MARKET_DATA_PLAN");
        assertThat(template.environmentNames("ApiFunction", "native")).contains("STATE_MACHINE_ARN",
                "SNOWFLAKE_PRIVATE_KEY_SECRET_ARN").doesNotContain("FMP_API_KEY_SECRET_ARN", "FMP_API_KEY");
    }

    @Test
    void logsAreKeptForALimitedTime() {
        assertThat(Template.map(template.properties("MarketEtlFunction").get("LoggingConfig")).get("LogGroup"))
                .isEqualTo(Map.of("Ref", "MarketEtlLogGroup"));
        assertThat(Template.map(template.properties("ApiFunction").get("LoggingConfig")).get("LogGroup"))
                .isEqualTo(Map.of("Ref", "ApiLogGroup"));
        assertThat(template.properties("MarketEtlLogGroup")).containsKey("RetentionInDays");
        assertThat(template.properties("ApiLogGroup")).containsKey("RetentionInDays");
    }

    @Test
    void failedRunsAndFunctionErrorsRaiseAlarms() {
        Map<String, Object> failedRuns = template.properties("FailedRunsAlarm");
        assertThat(failedRuns).containsEntry("Namespace", "AWS/States").containsEntry("MetricName", "ExecutionsFailed");
        assertThat(failedRuns.get("Dimensions")).isEqualTo(List.of(
                Map.of("Name", "StateMachineArn", "Value", Map.of("Ref", "RunStateMachine"))));
        for (String alarm : List.of("FailedRunsAlarm", "RunFunctionErrorsAlarm", "ApiFunctionErrorsAlarm")) {
            assertThat((List<?>) template.properties(alarm).get("AlarmActions")).as(alarm).isNotEmpty();
        }
    }

    @Test
    void holdsNoSecretValues() throws IOException {
        String text = Files.readString(Template.FILE);
        assertThat(text).doesNotContain("PRIVATE KEY-----").doesNotContainPattern("(?i)apikey=\\w");
        assertThat(Template.map(template.root().get("Parameters")).values()).allSatisfy(p -> assertThat(Template.map(p))
                .as("a secret is passed by ARN, not as a parameter value").doesNotContainKey("NoEcho"));
    }

    @Test
    void dashboardChartsOnlyMetricsTheFunctionWrites_withTheirDimensions() throws IOException {
        // What the function writes: its EMF lines for a run of every step, then a refused invocation
        Instant start = Instant.parse("2026-11-25T04:00:00Z");
        List<StepReport> steps = Arrays.stream(Step.values()).map(step -> new StepReport(step.id(), StepStatus.SUCCEEDED,
                start, start.plusMillis(10), 10, 1, 1, 1, 0, 0, List.of(), null, 1)).toList();
        RunReport run = new RunReport("run-1", "schedule", "incremental", RunStatus.SUCCEEDED, false, 1, start, 10,
                List.of(), steps, 3, false, null, List.of());
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(written, true, StandardCharsets.UTF_8);
        EmbeddedMetrics metrics = new EmbeddedMetrics(JSON);
        metrics.emit(run, false, 0, out);
        metrics.emitLockRefused("run-2", 1000, out);
        Set<List<String>> emitted = new HashSet<>();
        for (String line : written.toString(StandardCharsets.UTF_8).lines().toList()) {
            JsonNode values = JSON.readTree(line);
            JsonNode directive = values.path("_aws").path("CloudWatchMetrics").get(0);
            for (JsonNode metric : directive.path("Metrics")) {
                for (JsonNode dimensions : directive.path("Dimensions")) {
                    List<String> series = new ArrayList<>(List.of(directive.path("Namespace").asText(),
                            metric.path("Name").asText()));
                    dimensions.forEach(key -> series.addAll(List.of(key.asText(), values.path(key.asText()).asText())));
                    emitted.add(series);
                }
            }
        }

        // What the dashboard charts, read from the template
        Object body = Template.map(template.properties("RunDashboard").get("DashboardBody")).get("Fn::Sub");
        JsonNode dashboard = JSON.readTree(((String) body).replace("${AWS::Region}", "us-east-1"));
        List<List<String>> charted = new ArrayList<>();
        Set<String> titles = new HashSet<>();
        for (JsonNode widget : dashboard.path("widgets")) {
            titles.add(widget.path("properties").path("title").asText());
            for (JsonNode entry : widget.path("properties").path("metrics")) {
                List<String> series = new ArrayList<>();
                entry.forEach(part -> {
                    if (part.isTextual()) {
                        series.add(part.asText());
                    }
                });
                charted.add(series);
            }
        }

        assertThat(charted.stream().filter(s -> s.get(0).equals("MarketEtl")).toList()).as("the MarketEtl series charted")
                .isNotEmpty().allSatisfy(series -> assertThat(emitted).as("written by EmbeddedMetrics").contains(series));
        assertThat(charted.stream().map(s -> s.get(1)).toList()).as("what operators asked to see").contains("DurationMs",
                "ApiRequests", "Throttled", "FailedSymbols", "Continuations", "LockWaitMs", "LockRefused");
        assertThat(charted.stream().filter(s -> !s.get(0).equals("MarketEtl")).toList()).allSatisfy(series ->
                assertThat(series).startsWith("AWS/States").contains("StateMachineArn", "${RunStateMachine}"));
        assertThat(titles).hasSameSizeAs(dashboard.path("widgets"));
    }

    private static Map<String, Object> route(Map<String, Object> events, String name) {
        Map<String, Object> event = Template.map(events.get(name));
        assertThat(event.get("Type")).as(name).isEqualTo("Api");
        return Template.map(event.get("Properties"));
    }

    /** Every statement of the role's inline policies, the conditional KMS one resolved as granted. */
    private static List<Map<String, Object>> statements(String role) {
        return ((List<?>) template.properties(role).get("Policies")).stream()
                .flatMap(p -> ((List<?>) Template.map(Template.map(p).get("PolicyDocument")).get("Statement")).stream())
                .map(Template::map)
                .filter(s -> !s.containsKey("Fn::If"))
                .toList();
    }

    private static List<String> actions(String role) {
        return statements(role).stream().map(s -> s.get("Action") instanceof List<?> list
                ? String.join(",", list.stream().map(String::valueOf).toList()) : String.valueOf(s.get("Action"))).toList();
    }

    private static Object resourcesOf(String role, String action) {
        return statements(role).stream().filter(s -> action.equals(s.get("Action"))).findFirst()
                .map(s -> s.get("Resource")).orElseThrow();
    }

    private static String pomProperty(String pom, String name) {
        Matcher property = Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</").matcher(pom);
        assertThat(property.find()).as("pom.xml sets %s", name).isTrue();
        return property.group(1);
    }

    private static String run(String... command) throws Exception {
        assertThat(Path.of(command[0])).as("%s is installed by the build in generate-test-resources "
                + "(src/test/tools/install-venv.sh); run the tests through Maven", command[0]).isExecutable();
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        // sam validate needs a region, never credentials; no telemetry from a test.
        builder.environment().put("AWS_DEFAULT_REGION", "us-east-1");
        builder.environment().put("SAM_CLI_TELEMETRY", "0");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(180, TimeUnit.SECONDS)).as("%s finished", command[0]).isTrue();
        assertThat(process.exitValue()).as("%s exit code; its output:%n%s", command[0], output).isZero();
        return output;
    }
}
