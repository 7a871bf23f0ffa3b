package dev.rigel.staticfiles;

import dev.rigel.exceptions.ImproperlyConfiguredException;
import dev.rigel.internal.files.FileContent;
import dev.rigel.internal.files.JarEntrySource;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * A directory inside a jar, read from the jar's entries through a {@link ZipFile} kept open for
 * the app's lifetime. The JDK shares one central directory between every {@code ZipFile} of the
 * same file, so this costs next to nothing beside the class loader's own; the zip file system
 * would index every entry of the jar again and keep that for good.
 *
 * <p>Containment is lexical: a jar has no links, and checked segments cannot climb out of the
 * prefix. A jar may have no entry for a directory, so a directory is whatever has entries below
 * it; serving only ever asks for files (a directory's {@code index.html}), which needs no listing.
 */
record JarRoot(ZipFile jar, String prefix) implements StaticRoot {

    /** The directory {@code entryName} of the jar at {@code jarFile}; it must be a directory. */
    static JarRoot of(Path jarFile, String entryName, String description) throws IOException {
        String directory = entryName == null ? "" : entryName;
        while (directory.endsWith("/")) {
            directory = directory.substring(0, directory.length() - 1);
        }
        String prefix = directory.isEmpty() ? "" : directory + "/";
        ZipFile jar = new ZipFile(jarFile.toFile());
        if (!prefix.isEmpty() && !isDirectory(jar, prefix)) {
            jar.close();
            throw new ImproperlyConfiguredException("Static files: " + description + " is not a directory");
        }
        return new JarRoot(jar, prefix);
    }

    /** An explicit directory entry, or failing that any entry below the prefix (looked for once, at startup). */
    private static boolean isDirectory(ZipFile jar, String prefix) {
        ZipEntry entry = jar.getEntry(prefix);
        if (entry != null && entry.isDirectory()) {
            return true;
        }
        return jar.stream().anyMatch(below -> below.getName().startsWith(prefix));
    }

    @Override
    public FileContent file(List<String> segments, boolean inline) {
        if (segments.isEmpty()) {
            return null; // the root itself, a directory
        }
        String name = prefix + String.join("/", segments);
        // getEntry also answers "name/" for a missing "name": that is a directory, not a file
        ZipEntry entry = jar.getEntry(name);
        if (entry == null || entry.isDirectory()) {
            return null;
        }
        return new FileContent(new JarEntrySource(jar, entry), segments.getLast(), inline);
    }
}
