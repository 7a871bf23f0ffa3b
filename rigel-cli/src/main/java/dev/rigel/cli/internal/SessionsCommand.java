package dev.rigel.cli.internal;

import dev.rigel.App;
import dev.rigel.middleware.session.ServerSideSessionConfig;
import dev.rigel.stores.MemoryStore;
import dev.rigel.stores.Store;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sessions}: server-side sessions in the app's session store (Litestar's
 * {@code litestar sessions}). The store must be one other processes share (Redis, say): sessions
 * in memory live only inside the serving process.
 */
@Command(name = "sessions", mixinStandardHelpOptions = true, description = "Manage server-side sessions.")
final class SessionsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(
                spec.commandLine(), "Missing the action: sessions clear or sessions delete ID");
    }

    /** The session store of an app, checked to be one this process can reach. */
    abstract static class StoreCommand extends AppCommand {

        @Option(
                names = "--store",
                paramLabel = "<name>",
                description = "the sessions' store (default: " + ServerSideSessionConfig.DEFAULT_STORE_NAME + ")")
        String storeName = ServerSideSessionConfig.DEFAULT_STORE_NAME;

        StoreCommand(AppLauncher launcher) {
            super(launcher);
        }

        @Override
        public Integer call() throws Exception {
            App app = app(config());
            try {
                Store store = app.stores().get(storeName);
                if (store instanceof MemoryStore) {
                    throw new IllegalStateException(
                            "the app's '" + storeName + "' store is in memory: its sessions live"
                                    + " only inside the serving process, so there is nothing to change from here");
                }
                return act(store);
            } finally {
                app.stores().close();
            }
        }

        abstract int act(Store store);
    }

    @Command(
            name = "clear",
            mixinStandardHelpOptions = true,
            description = "Delete every session.",
            sortOptions = false)
    static final class Clear extends StoreCommand {
        Clear(AppLauncher launcher) {
            super(launcher);
        }

        @Override
        int act(Store store) {
            store.deleteAll();
            spec.commandLine().getOut().println("Deleted every session in the '" + storeName + "' store");
            return 0;
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete one session.", sortOptions = false)
    static final class Delete extends StoreCommand {

        @Parameters(paramLabel = "ID", description = "the session's id (its cookie's value)")
        String id;

        Delete(AppLauncher launcher) {
            super(launcher);
        }

        @Override
        int act(Store store) {
            boolean existed = store.exists(id);
            store.delete(id);
            spec.commandLine()
                    .getOut()
                    .println(existed ? "Deleted session " + id : "No session " + id + " (nothing deleted)");
            return existed ? 0 : CommandLines.FAILED;
        }
    }
}
