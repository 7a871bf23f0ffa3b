package dev.rigel.stores;

import dev.rigel.stores.internal.FileNames;
import dev.rigel.stores.spi.StoreKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * A {@link Store} on disk: one file per key under a directory, surviving restarts.
 *
 * <ul>
 *   <li>A file holds the expiry (epoch milliseconds, or none) in an 8-byte header, then the value.
 *       Expiry uses the wall clock because files outlive the process.</li>
 *   <li>Key names are made file-safe: bytes outside {@code [a-z0-9._-]} are percent-escaped and
 *       very long keys hashed; namespaces are subdirectories, so a
 *       namespace's {@link #deleteAll} removes its directory.</li>
 *   <li>Writes go to a temporary file in the same directory that is then moved over the old one
 *       atomically, so a reader sees the old value or the new one, never half of either.</li>
 *   <li>Writes to one key ({@code set}, {@code delete}, renewing {@code get}, {@code increment})
 *       hold a lock for that key (striped over 256 locks shared by all namespace views), which is
 *       what makes {@link #increment} atomic. That lock lives in this process: two processes sharing
 *       a directory may lose counts, so share a rate limit across processes with a Redis store.</li>
 * </ul>
 */
public final class FileStore implements Store {

    private static final long NO_EXPIRY = -1;
    private static final int HEADER = Long.BYTES;

    private final Path directory;
    private final ReentrantLock[] locks;

    /** A store in {@code directory}, created if missing. */
    public FileStore(Path directory) {
        this(createDirectories(Objects.requireNonNull(directory, "directory")), newLocks());
    }

    private FileStore(Path directory, ReentrantLock[] locks) {
        this.directory = directory;
        this.locks = locks;
    }

    private static ReentrantLock[] newLocks() {
        ReentrantLock[] locks = new ReentrantLock[256];
        Arrays.setAll(locks, i -> new ReentrantLock());
        return locks;
    }

    /** The directory this store (or namespace) keeps its files in. */
    public Path directory() {
        return directory;
    }

    @Override
    public Optional<byte[]> get(String key) {
        Path file = file(key);
        byte[] stored = read(file);
        if (stored == null) {
            return Optional.empty();
        }
        if (expired(stored, System.currentTimeMillis())) {
            removeIfExpired(file);
            return Optional.empty();
        }
        return Optional.of(value(stored));
    }

    @Override
    public Optional<byte[]> get(String key, Duration renewFor) {
        if (renewFor == null) {
            return get(key);
        }
        StoreKeys.requireExpiry(renewFor, "renewFor");
        Path file = file(key);
        return locked(file, () -> {
            byte[] stored = read(file);
            long now = System.currentTimeMillis();
            if (stored == null || expired(stored, now)) {
                return Optional.<byte[]>empty();
            }
            byte[] value = value(stored);
            write(file, value, now + renewFor.toMillis());
            return Optional.of(value);
        });
    }

    @Override
    public void set(String key, byte[] value, Duration expiresIn) {
        Objects.requireNonNull(value, "value");
        StoreKeys.requireExpiry(expiresIn, "expiresIn");
        Path file = file(key);
        long expiresAt = expiresIn == null ? NO_EXPIRY : System.currentTimeMillis() + expiresIn.toMillis();
        locked(file, () -> {
            write(file, value, expiresAt);
            return null;
        });
    }

    @Override
    public void delete(String key) {
        Path file = file(key);
        locked(file, () -> {
            deleteIfExists(file);
            return null;
        });
    }

    @Override
    public void deleteAll() {
        clear(directory);
    }

    @Override
    public boolean exists(String key) {
        byte[] stored = read(file(key));
        return stored != null && !expired(stored, System.currentTimeMillis());
    }

    @Override
    public Optional<Duration> expiresIn(String key) {
        byte[] stored = read(file(key));
        long now = System.currentTimeMillis();
        if (stored == null || expiresAt(stored) == NO_EXPIRY || expired(stored, now)) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofMillis(expiresAt(stored) - now));
    }

    @Override
    public Store withNamespace(String namespace) {
        StoreKeys.requireKey(namespace);
        return new FileStore(directory.resolve(FileNames.forNamespace(namespace)), locks);
    }

    @Override
    public long increment(String key, Duration window) {
        StoreKeys.requireExpiry(window, "window");
        Path file = file(key);
        return locked(file, () -> {
            byte[] stored = read(file);
            long now = System.currentTimeMillis();
            if (stored == null || expired(stored, now)) {
                write(file, StoreKeys.countBytes(1), window == null ? NO_EXPIRY : now + window.toMillis());
                return 1L;
            }
            long count = StoreKeys.nextCount(value(stored), key);
            write(file, StoreKeys.countBytes(count), expiresAt(stored));
            return count;
        });
    }

    // ---- files ----

    private Path file(String key) {
        return directory.resolve(FileNames.forKey(StoreKeys.requireKey(key)));
    }

    private <T> T locked(Path file, Supplier<T> action) {
        ReentrantLock lock = locks[Math.floorMod(file.hashCode(), locks.length)];
        lock.lock();
        try {
            return action.get();
        } finally {
            lock.unlock();
        }
    }

    /** The file's bytes, or null when there is no such file (or namespace directory yet). */
    private static byte[] read(Path file) {
        try {
            byte[] stored = Files.readAllBytes(file);
            return stored.length >= HEADER ? stored : null;
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException("Reading store file " + file + " failed", e);
        }
    }

    private static long expiresAt(byte[] stored) {
        return ByteBuffer.wrap(stored, 0, HEADER).getLong();
    }

    private static boolean expired(byte[] stored, long now) {
        long expiresAt = expiresAt(stored);
        return expiresAt != NO_EXPIRY && now >= expiresAt;
    }

    private static byte[] value(byte[] stored) {
        return Arrays.copyOfRange(stored, HEADER, stored.length);
    }

    /** Deletes an expired file unless a writer replaced it since it was read. */
    private void removeIfExpired(Path file) {
        locked(file, () -> {
            byte[] stored = read(file);
            if (stored != null && expired(stored, System.currentTimeMillis())) {
                deleteIfExists(file);
            }
            return null;
        });
    }

    private static void write(Path file, byte[] value, long expiresAt) {
        for (int attempt = 1; ; attempt++) {
            try {
                writeOnce(file, value, expiresAt);
                return;
            } catch (UncheckedIOException e) {
                // a concurrent deleteAll of this namespace removed the directory under us: recreate it
                if (!(e.getCause() instanceof NoSuchFileException) || attempt == 3) {
                    throw e;
                }
            }
        }
    }

    private static void writeOnce(Path file, byte[] value, long expiresAt) {
        Path directory = file.getParent();
        Path temp = null;
        try {
            Files.createDirectories(directory);
            temp = Files.createTempFile(directory, ".tmp-", "");
            byte[] stored = ByteBuffer.allocate(HEADER + value.length)
                    .putLong(expiresAt)
                    .put(value)
                    .array();
            Files.write(temp, stored);
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            temp = null;
        } catch (IOException e) {
            throw new UncheckedIOException("Writing store file " + file + " failed", e);
        } finally {
            if (temp != null) {
                deleteIfExists(temp);
            }
        }
    }

    private static void deleteIfExists(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Deleting store file " + file + " failed", e);
        }
    }

    /** Removes the store's own files and namespace directories under {@code dir}, nothing else. */
    private static void clear(Path dir) {
        List<Path> children;
        try (Stream<Path> list = Files.list(dir)) {
            children = list.toList();
        } catch (NoSuchFileException e) {
            return;
        } catch (IOException e) {
            throw new UncheckedIOException("Listing store directory " + dir + " failed", e);
        }
        for (Path child : children) {
            String name = child.getFileName().toString();
            if (FileNames.isNamespaceDirectory(name) && Files.isDirectory(child)) {
                clear(child);
                try {
                    Files.deleteIfExists(child);
                } catch (DirectoryNotEmptyException e) {
                    // a concurrent write landed meanwhile; its key belongs to the next deleteAll
                } catch (IOException e) {
                    throw new UncheckedIOException("Deleting store directory " + child + " failed", e);
                }
            } else if (FileNames.isStoreFile(name)) {
                deleteIfExists(child);
            }
        }
    }

    private static Path createDirectories(Path directory) {
        try {
            return Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("Creating store directory " + directory + " failed", e);
        }
    }
}
