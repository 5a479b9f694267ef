package org.marketetl.nativeimage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.AnnotatedElement;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.oracle.svm.core.annotate.Substitute;
import com.oracle.svm.core.annotate.TargetClass;

/**
 * The link check of issue 18: what {@code native-image --link-at-build-time} resolves, resolved on
 * the JVM in {@code ./mvnw verify}, so that a class that cannot link is found here and not by the
 * next native build. {@link LinkProbe} runs in a JVM of its own with the module options of
 * {@code quarkus.native.additional-build-args} and, on the class path the image is built from
 * ({@code target/classes} and the runtime-scope jars, {@code target/runtime-classpath.txt}), loads
 * every class of every one of those jars with all its declared members, looks up every class their
 * constant pools name, initialises Arrow's {@code MemoryUtil}, and loads every substitution target.
 * Each fault must be listed in {@code infra/native-link.tsv} with its decision; a listed fault that
 * no longer occurs is reported too, so the list follows the jars. infra/native.md, section 1,
 * explains the list.
 */
class NativeLinkCheckTest {

    static final Path DECISIONS = Path.of("infra", "native-link.tsv");
    private static final String SHADED = "net.snowflake.client.jdbc.internal.";
    private static final Duration PROBE_TIMEOUT = Duration.ofMinutes(8);
    private static final List<String> INITIALISED = List.of(
            "net.snowflake.client.jdbc.internal.apache.arrow.memory.util.MemoryUtil");

    private static List<Fault> faults;
    private static List<Decision> decisions;

    @BeforeAll
    static void probe() throws Exception {
        decisions = Decision.read(DECISIONS);
        faults = runProbe();
    }

    @Test
    void everyClassOfTheImagesClassPath_linksOrIsListedWithItsDecision() {
        List<Fault> unlisted = faults.stream().filter(f -> !f.kind().equals("target"))
                .filter(f -> decisions.stream().noneMatch(d -> !d.isLoadable() && d.matches(f))).toList();

        assertThat(faults).as("the probe found the faults it always finds (JNA, log4j, aws-crt)").isNotEmpty();
        assertThat(summary(unlisted)).as("faults not in %s (kind, class -> missing type; one example each)", DECISIONS)
                .isEmpty();
    }

    @Test
    void everyListedFault_stillOccurs() {
        List<String> stale = decisions.stream().filter(d -> !d.isLoadable())
                .filter(d -> faults.stream().noneMatch(d::matches)).map(Decision::toString).toList();

        assertThat(stale).as("entries of %s that match no fault any more: remove them", DECISIONS).isEmpty();
    }

    @Test
    void whatADependencyOrBuildArgumentMakesLoadable_staysLoadable() {
        List<String> broken = new ArrayList<>();
        for (Decision decision : decisions.stream().filter(Decision::isLoadable).toList()) {
            faults.stream().filter(decision::matches).findFirst().ifPresent(f -> broken.add(
                    decision.by() + " no longer makes it loadable: " + f));
        }

        assertThat(decisions).filteredOn(Decision::isLoadable).as("the loadable entries").hasSizeGreaterThanOrEqualTo(4);
        assertThat(broken).isEmpty();
    }

    @Test
    void everySubstitutionTarget_loadsWithAllItsDeclaredMembers() {
        assertThat(faults).filteredOn(f -> f.kind().equals("target")).as("native-image loads a target with all its members")
                .isEmpty();
    }

    @Test
    void everyDecision_namesWhatCarriesIt() throws IOException {
        String pom = Files.readString(Path.of("pom.xml"));
        String arguments = NativeConfigurationTest.applicationProperties().getProperty("quarkus.native.additional-build-args");
        List<String> problems = new ArrayList<>();
        for (Decision decision : decisions) {
            switch (decision.decision()) {
                case "cut" -> Arrays.stream(decision.by().split("\\s+")).filter(by -> !isSubstitutedMethod(by))
                        .forEach(by -> problems.add(decision + ": " + by + " is not a @Substitute of a checked substitution"));
                case "loadable" -> {
                    if (!arguments.contains(decision.by()) && !inPom(pom, decision.by())) {
                        problems.add(decision + ": " + decision.by() + " is neither a build argument nor in pom.xml");
                    }
                }
                case "builder" -> {
                    if (!decision.by().equals("native-image")) {
                        problems.add(decision + ": only native-image itself provides classes at build time");
                    }
                }
                case "unreachable" -> {
                    if (decision.why().length() < 20) {
                        problems.add(decision + ": say why it is unreachable");
                    }
                }
                default -> problems.add(decision + ": unknown decision (cut, loadable, builder, unreachable)");
            }
        }

        assertThat(problems).isEmpty();
    }

    /** {@code groupId:artifactId} as pom.xml names it: in one string or as a dependency's two elements. */
    private static boolean inPom(String pom, String coordinates) {
        String[] parts = coordinates.split(":");
        return pom.contains(coordinates) || parts.length == 2 && pom.contains("<groupId>" + parts[0] + "</groupId>")
                && pom.contains("<artifactId>" + parts[1] + "</artifactId>");
    }

    /** {@code Target_x.method} (or {@code .<init>}) names a substituting member of a checked substitution class. */
    private static boolean isSubstitutedMethod(String by) {
        int dot = by.lastIndexOf('.');
        if (dot < 0) {
            return false;
        }
        String type = by.substring(0, dot);
        String member = by.substring(dot + 1);
        for (Class<?> substitution : NativeConfigurationTest.SUBSTITUTIONS) {
            if (substitution.getSimpleName().equals(type)) {
                AnnotatedElement[] members = member.equals("<init>") ? substitution.getDeclaredConstructors()
                        : Arrays.stream(substitution.getDeclaredMethods()).filter(m -> m.getName().equals(member))
                                .toArray(AnnotatedElement[]::new);
                return Arrays.stream(members).anyMatch(m -> m.isAnnotationPresent(Substitute.class));
            }
        }
        return false;
    }

    // --- the probe

    private static List<Fault> runProbe() throws IOException, InterruptedException {
        Path work = Files.createDirectories(Path.of("target", "link-check"));
        List<String> classPath = new ArrayList<>();
        classPath.add(Path.of("target", "classes").toAbsolutePath().toString());
        classPath.addAll(Arrays.asList(Files.readString(Path.of("target", "runtime-classpath.txt")).strip()
                .split(java.io.File.pathSeparator)));
        Files.write(work.resolve("class-path.txt"), classPath);
        Files.write(work.resolve("checked.txt"), classPath);
        Files.write(work.resolve("initialised.txt"), INITIALISED);
        Files.write(work.resolve("targets.txt"), NativeConfigurationTest.SUBSTITUTIONS.stream()
                .map(s -> s.getAnnotation(TargetClass.class).className()).toList());

        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptionsOfTheNativeBuild());
        command.addAll(List.of("-cp", Path.of("target", "test-classes").toAbsolutePath().toString(),
                LinkProbe.class.getName()));
        Stream.of("class-path.txt", "checked.txt", "initialised.txt", "targets.txt")
                .forEach(file -> command.add(work.resolve(file).toAbsolutePath().toString()));
        Path output = work.resolve("faults.tsv");
        Process process = new ProcessBuilder(command).redirectOutput(output.toFile())
                .redirectError(work.resolve("probe.log").toFile()).start();
        if (!process.waitFor(PROBE_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the link probe did not finish within " + PROBE_TIMEOUT);
        }
        List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as("the link probe's exit; see %s", work.resolve("probe.log")).isZero();
        assertThat(lines).as("the probe's last line counts the classes it checked").last().asString().startsWith("checked\t");
        System.out.printf("NativeLinkCheckTest: %s classes checked, %d faults found (%s)%n",
                lines.get(lines.size() - 1).split("\t")[1], lines.size() - 1, output);
        return lines.subList(0, lines.size() - 1).stream().map(Fault::parse).toList();
    }

    /**
     * What the native build gives its builder JVM ({@code -J<option>}) and its image
     * ({@code --add-opens}, {@code --add-exports}): the probe's JVM gets the same.
     */
    static List<String> jvmOptionsOfTheNativeBuild() throws IOException {
        Properties properties = NativeConfigurationTest.applicationProperties();
        List<String> options = new ArrayList<>();
        for (String argument : properties.getProperty("quarkus.native.additional-build-args").split(",")) {
            String option = argument.strip();
            if (option.startsWith("-J")) {
                options.add(option.substring(2));
            } else if (option.startsWith("--add-opens=") || option.startsWith("--add-exports=")) {
                options.add(option);
            }
        }
        return options;
    }

    /** One example of each (kind, class pattern, missing type) group, so a failure reads in a screen. */
    private static List<String> summary(List<Fault> unlisted) {
        Map<String, Fault> first = new TreeMap<>();
        Map<String, Integer> counts = new TreeMap<>();
        for (Fault fault : unlisted) {
            String key = fault.kind() + " " + packageOf(fault.type()) + " -> " + packageOf(fault.missing());
            first.putIfAbsent(key, fault);
            counts.merge(key, 1, Integer::sum);
        }
        return first.entrySet().stream().map(e -> e.getKey() + " (" + counts.get(e.getKey()) + "x, e.g. " + e.getValue() + ")")
                .collect(Collectors.toList());
    }

    private static String packageOf(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? name : name.substring(0, dot) + ".*";
    }

    /** A line of the probe: kind, the class, the type it misses, the error. */
    record Fault(String kind, String type, String missing, String detail) {

        static Fault parse(String line) {
            String[] fields = line.split("\t", 4);
            return new Fault(fields[0], fields[1], fields[2], fields.length > 3 ? fields[3] : "");
        }

        @Override
        public String toString() {
            return kind + " " + type + " -> " + missing + " (" + detail + ")";
        }
    }

    /**
     * A line of {@code infra/native-link.tsv}: which faults (kind, class pattern, missing-type
     * pattern; {@code ~.} stands for the driver's shading prefix, {@code *} for any name part,
     * {@code **} for anything), the decision, what carries it, why.
     */
    record Decision(String kind, Pattern classes, Pattern missing, String decision, String by, String why, String line) {

        static List<Decision> read(Path file) throws IOException {
            List<Decision> read = new ArrayList<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] fields = line.split("\t");
                assertThat(fields).as("six tab-separated fields: %s", line).hasSize(6);
                read.add(new Decision(fields[0], glob(fields[1]), glob(fields[2]), fields[3], fields[4], fields[5],
                        fields[0] + " " + fields[1] + " -> " + fields[2]));
            }
            return read;
        }

        boolean isLoadable() {
            return decision.equals("loadable");
        }

        boolean matches(Fault fault) {
            return (kind.equals("*") || kind.equals(fault.kind())) && classes.matcher(fault.type()).matches()
                    && missing.matcher(fault.missing()).matches();
        }

        private static Pattern glob(String glob) {
            String expanded = glob.startsWith("~.") ? SHADED + glob.substring(2) : glob;
            StringBuilder regex = new StringBuilder();
            for (int i = 0; i < expanded.length(); i++) {
                char c = expanded.charAt(i);
                if (c == '*' && i + 1 < expanded.length() && expanded.charAt(i + 1) == '*') {
                    regex.append(".*");
                    i++;
                } else if (c == '*') {
                    regex.append("[^.]*");
                } else {
                    regex.append(Pattern.quote(String.valueOf(c)));
                }
            }
            return Pattern.compile(regex.toString());
        }

        @Override
        public String toString() {
            return line;
        }
    }
}
