package dev.rigel.jpa.internal;

import dev.rigel.exceptions.ImproperlyConfiguredException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.objectweb.asm.AnnotationVisitor;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Finds the classes Hibernate must be told about in a package and its subpackages, in directories
 * and jars on the class path. Class files are read with ASM and only those annotated
 * {@code @Entity}, {@code @Embeddable}, {@code @MappedSuperclass} or {@code @Converter} are loaded
 * (without being initialised), so scanning a package never runs anyone's static initialisers.
 * Runs once, when the app is built.
 */
public final class EntityScanner {

    private static final Set<String> PERSISTENCE_ANNOTATIONS = Set.of(
            "Ljakarta/persistence/Entity;", "Ljakarta/persistence/Embeddable;",
            "Ljakarta/persistence/MappedSuperclass;", "Ljakarta/persistence/Converter;");

    private EntityScanner() {}

    /**
     * The annotated classes of {@code packageName}, sorted by name.
     *
     * @throws ImproperlyConfiguredException when the package holds none, or lives somewhere this
     *                                       scanner cannot read (list the classes instead then)
     */
    public static List<Class<?>> scan(ClassLoader loader, String packageName) {
        String path = packageName.replace('.', '/');
        Set<String> classNames = new TreeSet<>();
        try {
            Enumeration<URL> roots = loader.getResources(path);
            for (URL root : Collections.list(roots)) {
                switch (root.getProtocol()) {
                    case "file" -> scanDirectory(Path.of(root.toURI()), path, classNames);
                    case "jar" -> scanJar(root, path, classNames);
                    default ->
                        throw new ImproperlyConfiguredException("Cannot search " + root + " for entities of"
                                + " package " + packageName + "; list the entity classes with entities(…) instead");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot search package " + packageName + " for entities", e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("Cannot search package " + packageName + " for entities", e);
        }
        if (classNames.isEmpty()) {
            throw new ImproperlyConfiguredException(
                    "Package " + packageName + " has no @Entity, @Embeddable,"
                            + " @MappedSuperclass or @Converter classes on the class path; check the name in entityPackages(…)");
        }
        List<Class<?>> classes = new ArrayList<>(classNames.size());
        for (String name : classNames) {
            try {
                classes.add(Class.forName(name, false, loader));
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("Cannot load entity class " + name, e);
            }
        }
        return classes;
    }

    private static void scanDirectory(Path directory, String packagePath, Set<String> classNames) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".class"))::iterator) {
                String relative = directory.relativize(file).toString().replace(java.io.File.separatorChar, '/');
                try (InputStream in = Files.newInputStream(file)) {
                    inspect(in, packagePath + "/" + relative, classNames);
                }
            }
        }
    }

    private static void scanJar(URL root, String packagePath, Set<String> classNames) throws IOException {
        JarURLConnection connection = (JarURLConnection) root.openConnection();
        connection.setUseCaches(false);
        String prefix = packagePath + "/";
        try (JarFile jar = connection.getJarFile()) {
            for (JarEntry entry : Collections.list(jar.entries())) {
                String name = entry.getName();
                if (name.startsWith(prefix) && name.endsWith(".class") && !entry.isDirectory()) {
                    try (InputStream in = jar.getInputStream(entry)) {
                        inspect(in, name, classNames);
                    }
                }
            }
        }
    }

    private static void inspect(InputStream classFile, String path, Set<String> classNames) throws IOException {
        if (path.endsWith("module-info.class") || path.endsWith("package-info.class")) {
            return;
        }
        ClassReader reader = new ClassReader(classFile);
        boolean[] annotated = {false};
        reader.accept(
                new ClassVisitor(Opcodes.ASM9) {
                    @Override
                    public AnnotationVisitor visitAnnotation(String descriptor, boolean visible) {
                        if (visible && PERSISTENCE_ANNOTATIONS.contains(descriptor)) {
                            annotated[0] = true;
                        }
                        return null;
                    }
                },
                ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        if (annotated[0]) {
            classNames.add(reader.getClassName().replace('/', '.'));
        }
    }
}
