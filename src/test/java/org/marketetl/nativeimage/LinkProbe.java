package org.marketetl.nativeimage;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The link check's worker, run by {@link NativeLinkCheckTest} in a JVM of its own with the JVM
 * options the native build gives its builder ({@code -J...}) and its image ({@code --add-opens},
 * {@code --add-exports}). It resolves, on the class path the native image is built from, what
 * native-image resolves under {@code --link-at-build-time}, and prints one line per fault:
 * <ul>
 * <li>{@code load}: {@code Class.forName} without initialising (superclass and interfaces, their
 * access checks), then every declared method, field and constructor, which resolves each member's
 * types, as native-image does for a substitution's target and for every reachable class;</li>
 * <li>{@code reference}: a class named in the class file's constant pool (what its method bodies
 * use) that is not there at all, as native-image reports an unresolved type in a reachable
 * method;</li>
 * <li>{@code init}: a class the image initialises at run time whose initialiser needs the image's
 * module options (Arrow's {@code MemoryUtil});</li>
 * <li>{@code target}: a substitution's target class that does not load with all its declared
 * members (native-image stops in its first phase then: issue 18, finding 1).</li>
 * </ul>
 * Arguments: files listing (one a line) the class path, the entries whose every class is checked,
 * the classes that must also initialise, the substitution targets.
 */
public final class LinkProbe {

    private static final Pattern CANNOT_ACCESS = Pattern.compile("cannot access (?:class|interface) (\\S+)");

    private final URLClassLoader loader;
    private final PrintStream out;
    private final Map<String, Boolean> present = new HashMap<>();

    private LinkProbe(List<Path> classPath, PrintStream out) {
        this.loader = new URLClassLoader(classPath.stream().map(LinkProbe::url).toArray(URL[]::new),
                ClassLoader.getPlatformClassLoader());
        this.out = out;
    }

    public static void main(String[] args) throws IOException {
        List<Path> classPath = lines(Path.of(args[0])).stream().map(Path::of).toList();
        List<Path> checked = lines(Path.of(args[1])).stream().map(Path::of).toList();
        List<String> initialised = lines(Path.of(args[2]));
        List<String> targets = lines(Path.of(args[3]));
        LinkProbe probe = new LinkProbe(classPath, System.out);
        int classes = 0;
        for (Path entry : checked) {
            for (ClassFile file : classFiles(entry)) {
                probe.check(file);
                classes++;
            }
        }
        for (String name : initialised) {
            probe.initialise(name);
        }
        for (String name : targets) {
            probe.loadWithMembers("target", name);
        }
        System.out.println("checked\t" + classes);
    }

    /** One class: loaded with its declared members, and every class its constant pool names. */
    private void check(ClassFile file) {
        loadWithMembers("load", file.name());
        for (String referenced : file.referencedClasses()) {
            if (!isPresent(referenced)) {
                out.println("reference\t" + file.name() + "\t" + referenced + "\tnot on the class path");
            }
        }
    }

    /** As native-image loads a type: its superclass and interfaces, then every declared member's types. */
    private void loadWithMembers(String kind, String name) {
        try {
            Class<?> type = Class.forName(name, false, loader);
            type.getDeclaredFields();
            type.getDeclaredMethods();
            type.getDeclaredConstructors();
        } catch (ClassNotFoundException e) {
            out.println(kind + "\t" + name + "\t" + name + "\tnot on the class path");
        } catch (LinkageError e) {
            fault(kind, name, e);
        }
    }

    private void initialise(String name) {
        try {
            Class.forName(name, true, loader);
        } catch (ClassNotFoundException e) {
            out.println("init\t" + name + "\t" + name + "\tnot on the class path");
        } catch (LinkageError e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            out.println("init\t" + name + "\t" + cause.getClass().getName() + "\t" + oneLine(cause.getMessage()));
        }
    }

    private boolean isPresent(String name) {
        return present.computeIfAbsent(name, n -> {
            String resource = n.replace('.', '/') + ".class";
            return loader.getResource(resource) != null || ClassLoader.getPlatformClassLoader().getResource(resource) != null
                    || isJdkClass(n);
        });
    }

    private static boolean isJdkClass(String name) {
        try {
            Class.forName(name, false, null);
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    private void fault(String kind, String name, LinkageError e) {
        out.println(kind + "\t" + name + "\t" + missingType(e) + "\t" + e.getClass().getSimpleName() + ": " + oneLine(e.getMessage()));
    }

    /** The type the error is about: the absent class, or the one that may not be accessed. */
    static String missingType(LinkageError e) {
        String message = String.valueOf(e.getMessage());
        if (e instanceof NoClassDefFoundError) {
            return message.replace('/', '.').replaceFirst("^\\[+L(.*);$", "$1");
        }
        Matcher access = CANNOT_ACCESS.matcher(message);
        if (access.find()) {
            return access.group(1);
        }
        return e.getClass().getName();
    }

    private static String oneLine(String message) {
        return String.valueOf(message).replaceAll("\\s+", " ").replaceAll(" @0x[0-9a-f]+", "");
    }

    // --- class files

    record ClassFile(String name, byte[] bytes) {

        /** Every class the constant pool names (CONSTANT_Class), array types by their element, ours excluded. */
        Set<String> referencedClasses() {
            try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(bytes))) {
                in.skipBytes(8);
                int count = in.readUnsignedShort();
                String[] utf8 = new String[count];
                List<Integer> classes = new ArrayList<>();
                for (int i = 1; i < count; i++) {
                    int tag = in.readUnsignedByte();
                    switch (tag) {
                        case 1 -> utf8[i] = in.readUTF();
                        case 7 -> classes.add(in.readUnsignedShort());
                        case 8, 16, 19, 20 -> in.skipBytes(2);
                        case 15 -> in.skipBytes(3);
                        case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipBytes(4);
                        case 5, 6 -> {
                            in.skipBytes(8);
                            i++;
                        }
                        default -> throw new IOException(name + ": constant pool tag " + tag);
                    }
                }
                Set<String> names = new LinkedHashSet<>();
                for (int index : classes) {
                    String internal = utf8[index];
                    if (internal.startsWith("[")) {
                        internal = internal.replaceFirst("^\\[+", "");
                        if (!internal.startsWith("L")) {
                            continue;
                        }
                        internal = internal.substring(1, internal.length() - 1);
                    }
                    names.add(internal.replace('/', '.'));
                }
                names.remove(name);
                return names;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** The classes of a jar or a class directory (module-info and multi-release variants left out). */
    static List<ClassFile> classFiles(Path entry) throws IOException {
        List<ClassFile> files = new ArrayList<>();
        if (Files.isDirectory(entry)) {
            try (Stream<Path> tree = Files.walk(entry)) {
                for (Path file : tree.filter(p -> p.toString().endsWith(".class")).sorted().toList()) {
                    String relative = entry.relativize(file).toString();
                    if (isClass(relative)) {
                        files.add(new ClassFile(className(relative), Files.readAllBytes(file)));
                    }
                }
            }
            return files;
        }
        try (JarFile jar = new JarFile(entry.toFile())) {
            for (JarEntry file : jar.stream().sorted((a, b) -> a.getName().compareTo(b.getName())).toList()) {
                if (isClass(file.getName())) {
                    try (InputStream in = jar.getInputStream(file)) {
                        files.add(new ClassFile(className(file.getName()), in.readAllBytes()));
                    }
                }
            }
        }
        return files;
    }

    private static boolean isClass(String path) {
        return path.endsWith(".class") && !path.startsWith("META-INF/") && !path.endsWith("module-info.class")
                && !path.endsWith("package-info.class");
    }

    private static String className(String path) {
        return path.substring(0, path.length() - ".class".length()).replace('/', '.').replace('\\', '.');
    }

    private static List<String> lines(Path file) throws IOException {
        return Files.readAllLines(file, StandardCharsets.UTF_8).stream().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }

    private static URL url(Path path) {
        try {
            return path.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new UncheckedIOException(e);
        }
    }
}
