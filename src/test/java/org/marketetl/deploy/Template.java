package org.marketetl.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code template.yaml} as the tests read it, so that what is tested is what is deployed: the
 * function's runtime, handler and environment for a packaging ({@code native} or {@code jvm}), and
 * the run state machine's definition. Short-form tags read as their long forms ({@code !Ref X} is
 * {@code {Ref: X}}); {@code Fn::If} on the packaging conditions is resolved for the packaging asked.
 */
public final class Template {

    static final Path FILE = Path.of("template.yaml");
    static final List<String> PACKAGINGS = List.of("native", "jvm");

    private final Map<String, Object> root;

    private Template(Map<String, Object> root) {
        this.root = root;
    }

    public static Template read() {
        try (InputStream in = Files.newInputStream(FILE)) {
            return new Template(new Yaml(new CloudFormationConstructor()).load(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Map<String, Object> root() {
        return root;
    }

    Map<String, Object> resources() {
        return map(root.get("Resources"));
    }

    Map<String, Object> properties(String resource) {
        return map(map(resources().get(resource)).get("Properties"));
    }

    Map<String, Object> globalFunction() {
        return map(map(root.get("Globals")).get("Function"));
    }

    /** A function property, its own or from Globals, resolved for {@code packaging}. */
    Object functionProperty(String function, String property, String packaging) {
        Object own = properties(function).get(property);
        return resolve(own != null ? own : globalFunction().get(property), packaging);
    }

    /**
     * The function's environment variables that the template gives a literal value (Globals and its
     * own), for {@code packaging}; variables taken from parameters or other resources are left out:
     * the test gives those its own values.
     */
    Map<String, String> literalEnvironment(String function, String packaging) {
        Map<String, String> env = new LinkedHashMap<>();
        for (Map<String, Object> holder : List.of(globalFunction(), properties(function))) {
            Object environment = holder.get("Environment");
            if (environment == null) {
                continue;
            }
            map(map(environment).get("Variables")).forEach((name, value) -> {
                Object resolved = resolve(value, packaging);
                if (resolved instanceof String text) {
                    env.put(name, text);
                }
            });
        }
        return env;
    }

    /** Every environment variable name the function gets, whatever its value. */
    List<String> environmentNames(String function, String packaging) {
        java.util.Set<String> names = new java.util.LinkedHashSet<>();
        for (Map<String, Object> holder : List.of(globalFunction(), properties(function))) {
            Object environment = holder.get("Environment");
            if (environment != null) {
                map(map(environment).get("Variables")).forEach((name, value) -> {
                    if (!isNoValue(resolve(value, packaging))) {
                        names.add(name);
                    }
                });
            }
        }
        return List.copyOf(names);
    }

    /** The run state machine's definition as JSON, with {@code ${RunFunctionArn}} replaced by {@code functionArn}. */
    public String stateMachineDefinition(String functionArn) {
        try {
            String json = new ObjectMapper().writeValueAsString(properties("RunStateMachine").get("Definition"));
            return json.replace("${RunFunctionArn}", functionArn);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code Fn::If} on IsNative / IsJvm, for {@code packaging}; anything else as it is. */
    private static Object resolve(Object value, String packaging) {
        if (value instanceof Map<?, ?> intrinsic && intrinsic.containsKey("Fn::If")) {
            List<?> arguments = (List<?>) intrinsic.get("Fn::If");
            boolean holds = switch (String.valueOf(arguments.get(0))) {
                case "IsNative" -> packaging.equals("native");
                case "IsJvm" -> packaging.equals("jvm");
                default -> throw new IllegalStateException("a condition the tests cannot resolve: " + arguments.get(0));
            };
            return resolve(arguments.get(holds ? 1 : 2), packaging);
        }
        return value;
    }

    private static boolean isNoValue(Object value) {
        return value instanceof Map<?, ?> ref && "AWS::NoValue".equals(ref.get("Ref"));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        if (!(value instanceof Map)) {
            throw new IllegalStateException("expected a mapping, got " + value);
        }
        return (Map<String, Object>) value;
    }

    /**
     * Reads CloudFormation's short-form tags as their long forms: {@code !Ref X} becomes
     * {@code {Ref: X}}, {@code !GetAtt A.B} becomes {@code {Fn::GetAtt: [A, B]}}, and every other
     * {@code !Name} becomes {@code {Fn::Name: ...}}.
     */
    static final class CloudFormationConstructor extends SafeConstructor {

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
