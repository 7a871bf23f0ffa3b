package dev.rigel.postgres.internal;

import dev.rigel.channels.ChannelsException;
import dev.rigel.channels.ChannelsUnavailableException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One thread that owns the {@code LISTEN} connection: it waits for notifications
 * ({@code PGConnection.getNotifications(timeout)}), runs the {@code LISTEN} / {@code UNLISTEN}
 * commands other threads queue (a JDBC connection is not for concurrent use, and the driver holds
 * it while waiting), and reconnects and listens again to every channel when the connection is lost.
 *
 * <p>A caller that queues a command wakes the waiting thread by notifying the listener's private
 * control channel, so a subscription takes effect at once rather than at the end of a poll.
 */
public final class NotificationListener {

    private static final Logger LOG = LoggerFactory.getLogger(NotificationListener.class);
    private static final int POLL_MILLIS = 500;

    private record Command(boolean listen, List<String> identifiers, CompletableFuture<Void> done) {}

    private final ConnectionFactory factory;
    private final String controlChannel;
    private final BiConsumer<String, String> onNotification;
    private final Runnable wake;
    private final Duration commandTimeout;
    private final ConcurrentLinkedQueue<Command> commands = new ConcurrentLinkedQueue<>();
    // touched only by the listener thread (and by start, before it runs)
    private final Set<String> listening = new HashSet<>();
    private Connection connection;
    private volatile boolean running;
    /** The LISTEN connection is up: what {@code isAvailable()} reports. */
    private volatile boolean connected;

    private Thread thread;

    /**
     * @param onNotification gets each notification's channel identifier and payload
     * @param wake notifies {@code controlChannel}, to wake the thread for a queued command
     */
    public NotificationListener(
            ConnectionFactory factory,
            String controlChannel,
            BiConsumer<String, String> onNotification,
            Runnable wake,
            Duration commandTimeout) {
        this.factory = factory;
        this.controlChannel = controlChannel;
        this.onNotification = onNotification;
        this.wake = wake;
        this.commandTimeout = commandTimeout;
    }

    /** Connects (failing here if the database cannot be reached), then starts the thread. */
    public void start() throws SQLException {
        connection = connect();
        connected = true;
        running = true;
        thread = Thread.ofPlatform()
                .daemon()
                .name("rigel-channels-postgres-listener")
                .start(this::run);
    }

    /** Ends the thread and closes its connection. */
    public void stop() {
        running = false;
        Thread running = thread;
        if (running == null) {
            return;
        }
        wake.run();
        try {
            if (!running.join(Duration.ofSeconds(3))) {
                LOG.warn("The channels listener thread did not stop within 3 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Listens to {@code identifiers}; returns once the connection does.
     *
     * @throws ChannelsException when the database is unreachable or does not answer in time
     */
    public void listen(Collection<String> identifiers) {
        submit(new Command(true, List.copyOf(identifiers), new CompletableFuture<>()));
    }

    /** Stops listening to {@code identifiers}. */
    public void unlisten(Collection<String> identifiers) {
        submit(new Command(false, List.copyOf(identifiers), new CompletableFuture<>()));
    }

    private void submit(Command command) {
        commands.add(command);
        wake.run();
        try {
            command.done()
                    .get(commandTimeout.toNanos() + TimeUnit.MILLISECONDS.toNanos(POLL_MILLIS), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof ChannelsException channels
                    ? channels
                    : new ChannelsException(e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new ChannelsUnavailableException(
                    (command.listen() ? "LISTEN" : "UNLISTEN") + " did not complete within " + commandTimeout
                            + " on PostgreSQL",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChannelsException("Interrupted while waiting for LISTEN", e);
        }
    }

    private Connection connect() throws SQLException {
        Connection opened = factory.open();
        try (Statement statement = opened.createStatement()) {
            statement.execute("LISTEN " + ChannelIdentifiers.quoted(controlChannel));
            for (String identifier : listening) {
                statement.execute("LISTEN " + ChannelIdentifiers.quoted(identifier));
            }
        } catch (SQLException e) {
            opened.close();
            throw e;
        }
        return opened;
    }

    private void run() {
        long backoffMillis = 100;
        try {
            while (running) {
                if (connection == null) {
                    try {
                        connection = connect();
                        connected = true;
                        LOG.info("Listening for channel events on PostgreSQL again ({} channels)", listening.size());
                        backoffMillis = 100;
                    } catch (SQLException e) {
                        failQueuedListens(e);
                        sleep(backoffMillis);
                        backoffMillis = Math.min(2000, backoffMillis * 2);
                        continue;
                    }
                }
                try {
                    runQueuedCommands();
                    PGNotification[] notifications =
                            connection.unwrap(PGConnection.class).getNotifications(POLL_MILLIS);
                    if (notifications != null) {
                        for (PGNotification notification : notifications) {
                            if (!notification.getName().equals(controlChannel)) {
                                onNotification.accept(notification.getName(), notification.getParameter());
                            }
                        }
                    }
                } catch (SQLException e) {
                    if (running) {
                        LOG.warn(
                                "The channels LISTEN connection to PostgreSQL failed ({}); reconnecting. Events "
                                        + "published until it is back are not received.",
                                e.getMessage());
                    }
                    closeConnection();
                }
            }
        } finally {
            closeConnection();
            ChannelsException stopped = new ChannelsException("The channels backend stopped");
            for (Command command; (command = commands.poll()) != null; ) {
                command.done().completeExceptionally(stopped);
            }
        }
    }

    private void runQueuedCommands() throws SQLException {
        for (Command command; (command = commands.poll()) != null; ) {
            try (Statement statement = connection.createStatement()) {
                for (String identifier : command.identifiers()) {
                    statement.execute(
                            (command.listen() ? "LISTEN " : "UNLISTEN ") + ChannelIdentifiers.quoted(identifier));
                }
            } catch (SQLException e) {
                // LISTEN is redone for every listened channel on reconnect, so track what was asked
                if (!command.listen()) {
                    command.identifiers().forEach(listening::remove);
                    command.done().complete(null);
                } else {
                    command.done().completeExceptionally(failure(e));
                }
                throw e;
            }
            if (command.listen()) {
                listening.addAll(command.identifiers());
            } else {
                command.identifiers().forEach(listening::remove);
            }
            command.done().complete(null);
        }
    }

    /** While disconnected: subscribing fails now; unsubscribing only needs forgetting the channel. */
    private void failQueuedListens(SQLException cause) {
        for (Command command; (command = commands.poll()) != null; ) {
            if (command.listen()) {
                command.done().completeExceptionally(failure(cause));
            } else {
                command.identifiers().forEach(listening::remove);
                command.done().complete(null);
            }
        }
    }

    private static ChannelsException failure(SQLException cause) {
        return new ChannelsUnavailableException("LISTEN failed on PostgreSQL: " + cause.getMessage(), cause);
    }

    /** Whether the LISTEN connection is up (false while reconnecting, and before the first connect). */
    public boolean connected() {
        return connected;
    }

    private void closeConnection() {
        connected = false;
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // already broken
            }
            connection = null;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
