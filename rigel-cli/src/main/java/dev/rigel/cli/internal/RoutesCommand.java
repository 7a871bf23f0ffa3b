package dev.rigel.cli.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.rigel.App;
import dev.rigel.http.HandlerInfo;
import dev.rigel.protocol.ScopeType;
import java.io.PrintWriter;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code routes}: every route of the app with its methods, path, handler, guards and middleware
 * (Litestar's {@code litestar routes}), as a table or, with {@code --json}, as JSON.
 */
@Command(
        name = "routes",
        mixinStandardHelpOptions = true,
        description = "List the app's routes: methods, path, handler, guards and middleware.",
        sortOptions = false)
final class RoutesCommand extends AppCommand {

    @Option(names = "--json", description = "print JSON instead of a table")
    boolean json;

    @Option(names = "--exclude", paramLabel = "<regex>", description = "leave out paths matching this (repeatable)")
    List<Pattern> exclude = new ArrayList<>();

    RoutesCommand(AppLauncher launcher) {
        super(launcher);
    }

    /** One route as listed. */
    record Row(List<String> methods, String path, String handler, List<String> guards, List<String> middleware) {}

    @Override
    public Integer call() throws Exception {
        App app = app(config());
        List<Row> rows = new ArrayList<>();
        for (HandlerInfo route : app.routes()) {
            if (exclude.stream().anyMatch(p -> p.matcher(route.pathTemplate()).find())) {
                continue;
            }
            List<String> methods = route.scopeType() == ScopeType.WEBSOCKET
                    ? List.of("WS")
                    : route.methods().stream().sorted().toList();
            rows.add(new Row(
                    methods, route.pathTemplate(), handler(route), route.guardNames(), route.middlewareNames()));
        }
        rows.sort(Comparator.comparing(Row::path).thenComparing(r -> String.join(",", r.methods())));
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(new ObjectMapper()
                    .enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(rows));
        } else {
            out.print(table(rows));
        }
        out.flush();
        return 0;
    }

    private static String handler(HandlerInfo route) {
        return route.handlerMethod().map(RoutesCommand::methodName).orElse(route.name() == null ? "" : route.name());
    }

    private static String methodName(Method method) {
        return method.getDeclaringClass().getSimpleName() + "." + method.getName();
    }

    static String table(List<Row> rows) {
        List<String[]> cells = new ArrayList<>();
        cells.add(new String[] {"METHODS", "PATH", "HANDLER", "GUARDS", "MIDDLEWARE"});
        for (Row row : rows) {
            cells.add(new String[] {
                String.join(",", row.methods()),
                row.path(),
                row.handler(),
                String.join(", ", row.guards()),
                String.join(", ", row.middleware())
            });
        }
        int[] widths = new int[5];
        for (String[] line : cells) {
            for (int i = 0; i < line.length; i++) {
                widths[i] = Math.max(widths[i], line[i].length());
            }
        }
        StringBuilder text = new StringBuilder();
        for (String[] line : cells) {
            StringBuilder row = new StringBuilder();
            for (int i = 0; i < line.length; i++) {
                row.append(i == line.length - 1 ? line[i] : String.format("%-" + widths[i] + "s  ", line[i]));
            }
            text.append(row.toString().stripTrailing()).append('\n');
        }
        return text.toString();
    }
}
