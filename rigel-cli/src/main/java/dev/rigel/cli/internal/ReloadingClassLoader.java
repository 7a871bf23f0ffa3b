package dev.rigel.cli.internal;

import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;

/**
 * Loads the app's own classes afresh from its class directory, before asking the parent (which
 * still has the old ones); everything else (Rigel, libraries, the JDK) comes from the parent, so
 * it is loaded once and shared by every reload.
 */
final class ReloadingClassLoader extends URLClassLoader {

    static {
        registerAsParallelCapable();
    }

    ReloadingClassLoader(Path classes, ClassLoader parent) {
        super("rigel-reload", new URL[] {url(classes)}, parent);
    }

    private static URL url(Path path) {
        try {
            return path.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(path.toString(), e);
        }
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        synchronized (getClassLoadingLock(name)) {
            Class<?> loaded = findLoadedClass(name);
            if (loaded == null) {
                try {
                    loaded = findClass(name); // the app's classes, fresh
                } catch (ClassNotFoundException notOurs) {
                    loaded = getParent().loadClass(name);
                }
            }
            if (resolve) {
                resolveClass(loaded);
            }
            return loaded;
        }
    }

    @Override
    public URL getResource(String name) {
        URL own = findResource(name); // application.yaml, templates and static files as they are now
        return own != null ? own : getParent().getResource(name);
    }
}
