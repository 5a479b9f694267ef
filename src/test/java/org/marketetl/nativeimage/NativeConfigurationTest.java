package org.marketetl.nativeimage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.FieldInfo;
import org.jboss.jandex.Indexer;
import org.jboss.jandex.MethodInfo;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.oracle.svm.core.annotate.Alias;
import com.oracle.svm.core.annotate.Substitute;
import com.oracle.svm.core.annotate.TargetClass;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The native configuration checked against the snowflake-jdbc jar on the JVM, so that a driver
 * upgrade which renames or adds something fails here rather than in the next native build:
 * every class it names exists, every substitution still matches a method of its target, every
 * resource and bundle it lists is there, and the lists that must be complete still are.
 * Here the targets are read from their class files (Jandex); {@link NativeLinkCheckTest} loads them
 * as native-image does (with all their declared members) and checks every class of the image's
 * class path against infra/native-link.tsv.
 */
class NativeConfigurationTest {

    private static final List<Class<?>> REFLECTION = List.of(SnowflakeDriverReflection.class,
            SnowflakeLoggingReflection.class, BouncyCastleReflection.class, AwsSdkReflection.class, ArrowReflection.class);
    static final List<Class<?>> SUBSTITUTIONS = List.of(
            Target_net_snowflake_client_internal_core_CredentialManager.class,
            Target_net_snowflake_client_internal_core_SecureStorageManager.class,
            Target_net_snowflake_client_internal_driver_ConnectionFactory.class,
            Target_net_snowflake_client_internal_core_minicore_MinicoreTelemetry.class,
            Target_net_snowflake_client_internal_jdbc_cloud_storage_GCSDefaultAccessStrategy.class,
            Target_net_snowflake_client_internal_jdbc_cloud_storage_StorageClientFactory.class,
            Target_net_snowflake_client_jdbc_internal_io_netty_handler_ssl_JdkAlpnApplicationProtocolNegotiator_AlpnWrapper.class,
            Target_net_snowflake_client_jdbc_internal_io_netty_handler_ssl_JdkAlpnSslEngine.class,
            Target_software_amazon_awssdk_checksums_internal_ChecksumProvider.class,
            Target_net_snowflake_client_jdbc_internal_io_netty_util_internal_logging_InternalLoggerFactory.class,
            Target_net_snowflake_client_jdbc_internal_grpc_netty_shaded_io_netty_util_internal_logging_InternalLoggerFactory.class,
            Target_net_snowflake_client_jdbc_internal_software_amazon_awssdk_checksums_internal_ChecksumProvider.class,
            Target_net_snowflake_client_jdbc_internal_software_amazon_awssdk_http_auth_aws_internal_signer_util_OptionalDependencyLoaderUtil.class,
            Target_net_snowflake_client_jdbc_internal_software_amazon_awssdk_transfer_s3_internal_TransferManagerFactory.class,
            Target_net_snowflake_client_jdbc_internal_software_amazon_awssdk_transfer_s3_internal_TransferManagerFactory_DefaultBuilder.class,
            Target_net_snowflake_client_jdbc_internal_software_amazon_awssdk_transfer_s3_internal_GenericS3TransferManager.class);
    /**
     * Jackson-annotated driver classes deliberately not registered: OAuth's token response (we sign
     * in with a key pair) and two snowflake-common classes no driver code hands to Jackson (found
     * with javap: no reference from the driver's own packages, or only to read a version).
     */
    private static final Set<String> JACKSON_NOT_ON_OUR_PATH = Set.of(
            "net.snowflake.client.internal.core.auth.oauth.TokenResponseDTO",
            "net.snowflake.client.jdbc.internal.snowflake.common.core.ComponentInfo$Version",
            "net.snowflake.client.jdbc.internal.snowflake.common.core.RemoteStoreFileEncryptionMaterialUI");

    @Test
    void everyClassRegisteredForReflection_existsInTheDriverJar() {
        List<String> missing = registeredClassNames().stream().filter(name -> classFile(name) == null).toList();

        assertThat(registeredClassNames()).hasSizeGreaterThan(130);
        assertThat(missing).as("registered classes that are not on the class path").isEmpty();
    }

    @Test
    void everyReflectionClassOfThePackage_isCheckedHere() throws IOException {
        Set<String> declared = new TreeSet<>();
        try (Stream<Path> files = java.nio.file.Files.list(Path.of("src", "main", "java", "org", "marketetl", "nativeimage"))) {
            files.map(file -> file.getFileName().toString()).filter(name -> name.endsWith("Reflection.java"))
                    .forEach(name -> declared.add(name.substring(0, name.length() - ".java".length())));
        }

        assertThat(new TreeSet<>(REFLECTION.stream().map(Class::getSimpleName).toList())).isEqualTo(declared);
    }

    @Test
    void theConfiguredDriverClass_isRegistered() throws IOException {
        String driver = applicationProperties().getProperty("quarkus.datasource.snowflake.jdbc.driver");

        assertThat(registeredClassNames()).contains(driver);
    }

    @Test
    void everyBouncyCastleMappingsClassOfTheJar_isRegistered_andNothingElse() throws IOException {
        Set<String> inJar = new TreeSet<>();
        try (JarFile jar = driverJar()) {
            jar.stream().map(JarEntry::getName)
                    .filter(name -> name.startsWith(BouncyCastleReflection.MAPPINGS_PACKAGE.replace('.', '/'))
                            && name.endsWith("$Mappings.class"))
                    .forEach(name -> inJar.add(name.substring(0, name.length() - ".class".length()).replace('/', '.')));
        }
        Set<String> registered = names(BouncyCastleReflection.class).stream().filter(n -> n.endsWith("$Mappings"))
                .collect(Collectors.toCollection(TreeSet::new));

        assertThat(inJar).hasSize(108);
        assertThat(registered).isEqualTo(inJar);
    }

    @Test
    void everyJacksonAnnotatedDriverClass_isRegistered() throws IOException {
        Set<String> annotated = new TreeSet<>();
        try (JarFile jar = driverJar()) {
            for (JarEntry entry : jar.stream().toList()) {
                String name = entry.getName();
                boolean driversOwn = name.startsWith("net/snowflake/client/") && (!name.startsWith("net/snowflake/client/jdbc/internal/")
                        || name.startsWith("net/snowflake/client/jdbc/internal/snowflake/"));
                if (driversOwn && name.endsWith(".class")) {
                    try (InputStream in = jar.getInputStream(entry)) {
                        if (new String(in.readAllBytes(), StandardCharsets.ISO_8859_1).contains("fasterxml/jackson/annotation/")) {
                            annotated.add(name.substring(0, name.length() - ".class".length()).replace('/', '.'));
                        }
                    }
                }
            }
        }
        annotated.removeAll(JACKSON_NOT_ON_OUR_PATH);

        assertThat(annotated).as("found by scanning the jar").isNotEmpty();
        assertThat(registeredClassNames()).containsAll(annotated);
    }

    @Test
    void everySubstitutionTarget_existsWithTheSubstitutedMembers() {
        List<String> problems = new ArrayList<>();
        for (Class<?> substitution : SUBSTITUTIONS) {
            String target = substitution.getAnnotation(TargetClass.class).className();
            ClassInfo info = classInfo(target);
            if (info == null) {
                problems.add(target + " is not in the jar");
                continue;
            }
            for (Method method : substitution.getDeclaredMethods()) {
                if (isSubstitutionMember(method) && !hasMethod(info, method.getName(), method)) {
                    problems.add(target + "." + method.getName() + signature(method) + " not found");
                }
            }
            for (Constructor<?> constructor : substitution.getDeclaredConstructors()) {
                if (isSubstitutionMember(constructor) && !hasMethod(info, "<init>", constructor)) {
                    problems.add(target + ".<init>" + signature(constructor) + " not found");
                }
            }
            for (Field field : substitution.getDeclaredFields()) {
                if (field.isAnnotationPresent(Alias.class)) {
                    FieldInfo original = info.field(field.getName());
                    if (original == null || Modifier.isStatic(original.flags()) != Modifier.isStatic(field.getModifiers())
                            || !original.type().name().toString().equals(targetName(field.getType()))) {
                        problems.add(target + "." + field.getName() + " (" + targetName(field.getType()) + ") not found");
                    }
                }
            }
        }

        assertThat(problems).isEmpty();
    }

    @Test
    void everySubstitutionClass_isCheckedHere() throws IOException {
        Path sources = Path.of("src", "main", "java", "org", "marketetl", "nativeimage");
        Set<String> declared = new TreeSet<>();
        try (Stream<Path> files = java.nio.file.Files.list(sources)) {
            for (Path file : files.toList()) {
                java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("final class (Target_\\w+)")
                        .matcher(java.nio.file.Files.readString(file));
                while (matcher.find()) {
                    declared.add(matcher.group(1));
                }
            }
        }

        Set<String> checked = new TreeSet<>(SUBSTITUTIONS.stream().map(Class::getSimpleName).toList());

        assertThat(declared).isNotEmpty();
        assertThat(checked).isEqualTo(declared);
    }

    @Test
    void everyListedNativeResource_existsOnTheClassPath() throws IOException {
        String includes = applicationProperties().getProperty("quarkus.native.resources.includes");
        List<String> literal = Arrays.stream(includes.split(",")).map(String::strip).filter(p -> !p.contains("*")).toList();

        assertThat(literal).isNotEmpty();
        assertThat(literal.stream().filter(path -> getClass().getClassLoader().getResource(path) == null).toList())
                .as("listed resources that do not exist").isEmpty();
    }

    @Test
    void everyResourceBundleOfTheResourceConfig_loads() throws IOException {
        JsonNode config;
        try (InputStream in = getClass().getClassLoader()
                .getResourceAsStream("META-INF/native-image/org.marketetl/market-etl/resource-config.json")) {
            config = new ObjectMapper().readTree(in);
        }
        List<String> bundles = new ArrayList<>();
        config.path("bundles").forEach(bundle -> bundles.add(bundle.path("name").asText()));

        assertThat(bundles).contains("net.snowflake.client.jdbc.jdbc_error_messages", "net.snowflake.client.jdbc.version");
        bundles.forEach(name -> assertThat(ResourceBundle.getBundle(name).keySet()).as(name).isNotEmpty());
    }

    @Test
    void theBuildArguments_keepLinkAtBuildTime_andDeclareNoResourceBundle() throws IOException {
        String arguments = applicationProperties().getProperty("quarkus.native.additional-build-args");

        assertThat(arguments).doesNotContain("link-at-build-time").doesNotContain("IncludeResourceBundles")
                .doesNotContain("report-unsupported-elements-at-runtime");
    }

    private static boolean isSubstitutionMember(AnnotatedElement member) {
        return member.isAnnotationPresent(Substitute.class) || member.isAnnotationPresent(Alias.class);
    }

    private static boolean hasMethod(ClassInfo info, String name, Executable ours) {
        List<String> parameters = Arrays.stream(ours.getParameterTypes()).map(NativeConfigurationTest::targetName).toList();
        for (MethodInfo method : info.methods()) {
            List<String> theirs = method.parameterTypes().stream().map(t -> t.name().toString()).toList();
            boolean sameStatic = "<init>".equals(name) || Modifier.isStatic(method.flags()) == Modifier.isStatic(ours.getModifiers());
            boolean sameReturn = !(ours instanceof Method m) || method.returnType().name().toString().equals(targetName(m.getReturnType()));
            if (method.name().equals(name) && theirs.equals(parameters) && sameStatic && sameReturn) {
                return true;
            }
        }
        return false;
    }

    private static String signature(Executable executable) {
        return Arrays.stream(executable.getParameterTypes()).map(NativeConfigurationTest::targetName)
                .collect(Collectors.joining(", ", "(", ")"));
    }

    /** A type as the target sees it: our alias classes stand for their target. */
    private static String targetName(Class<?> type) {
        TargetClass alias = type.getAnnotation(TargetClass.class);
        return alias != null ? alias.className() : type.getName();
    }

    private static Set<String> registeredClassNames() {
        Set<String> all = new TreeSet<>();
        REFLECTION.forEach(type -> all.addAll(names(type)));
        return all;
    }

    private static List<String> names(Class<?> type) {
        return List.of(type.getAnnotation(RegisterForReflection.class).classNames());
    }

    private static ClassInfo classInfo(String className) {
        byte[] bytes = classFile(className);
        if (bytes == null) {
            return null;
        }
        try {
            Indexer indexer = new Indexer();
            indexer.index(new java.io.ByteArrayInputStream(bytes));
            return indexer.complete().getKnownClasses().iterator().next();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] classFile(String className) {
        try (InputStream in = NativeConfigurationTest.class.getClassLoader()
                .getResourceAsStream(className.replace('.', '/') + ".class")) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JarFile driverJar() throws IOException {
        try {
            return new JarFile(Path.of(net.snowflake.client.jdbc.SnowflakeDriver.class.getProtectionDomain().getCodeSource()
                    .getLocation().toURI()).toFile());
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
    }

    static Properties applicationProperties() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = NativeConfigurationTest.class.getClassLoader().getResourceAsStream("application.properties")) {
            properties.load(in);
        }
        return properties;
    }
}
