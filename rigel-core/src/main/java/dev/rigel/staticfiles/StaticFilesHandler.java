package dev.rigel.staticfiles;

import dev.rigel.exceptions.NotFoundException;
import dev.rigel.http.Request;
import dev.rigel.http.Response;
import dev.rigel.internal.files.FileContent;
import dev.rigel.response.Redirect;
import java.util.List;

/**
 * Serves one request of a static files route: finds the file in the first directory that has it
 * and answers with it as a {@link dev.rigel.response.FileResponse} would (so ETag, Last-Modified,
 * 304 and ranges work as for any file), whether it lies on disk or in a jar. Anything that is not a
 * servable file inside a directory is a 404, traversal attempts included: the answer never says
 * whether something exists outside.
 */
final class StaticFilesHandler {

    private static final String INDEX = "index.html";
    private static final String NOT_FOUND_PAGE = "404.html";

    private final List<StaticRoot> roots;
    private final boolean htmlMode;
    private final boolean attachment;
    private final boolean allowHidden;

    public StaticFilesHandler(List<StaticRoot> roots, boolean htmlMode, boolean attachment, boolean allowHidden) {
        this.roots = List.copyOf(roots);
        this.htmlMode = htmlMode;
        this.attachment = attachment;
        this.allowHidden = allowHidden;
    }

    public Object serve(Request request) {
        String rawRest = rawRest(request.scope().rawPath(), request.handler().pathTemplate());
        List<String> segments = rawRest == null ? null : SafeSegments.of(rawRest, allowHidden);
        if (segments != null) {
            for (StaticRoot root : roots) {
                FileContent file = root.file(segments, !attachment);
                if (file != null) {
                    return Response.of(file);
                }
                // only a directory can hold an index.html, so no root needs to tell directories apart
                FileContent index = htmlMode ? root.file(append(segments, INDEX), !attachment) : null;
                if (index != null) {
                    if (!request.scope().rawPath().endsWith("/")) {
                        // relative links in the page resolve against the directory only with the slash
                        return Redirect.to(request.scope().rawPath() + "/" + query(request))
                                .status(307);
                    }
                    return Response.of(index);
                }
            }
        }
        if (htmlMode) {
            for (StaticRoot root : roots) {
                FileContent page = root.file(List.of(NOT_FOUND_PAGE), !attachment);
                if (page != null) {
                    return Response.of(page).status(404);
                }
            }
        }
        throw new NotFoundException();
    }

    private static String query(Request request) {
        String query = request.scope().queryString();
        return query == null || query.isEmpty() ? "" : "?" + query;
    }

    private static List<String> append(List<String> segments, String name) {
        List<String> longer = new java.util.ArrayList<>(segments);
        longer.add(name);
        return longer;
    }

    /**
     * The raw path below the route's prefix. Each segment of the template before its final
     * {@code path} parameter matched exactly one raw segment (a literal or a parameter is never
     * empty), so skipping that many segments finds where the file path starts, still encoded.
     */
    static String rawRest(String rawPath, String template) {
        int prefixSegments = 0;
        for (int i = 0; i < template.length(); i++) {
            if (template.charAt(i) == '/') {
                prefixSegments++;
            }
        }
        prefixSegments--; // the last '/' starts the path parameter itself
        int position = 0;
        for (int skipped = 0; skipped < prefixSegments; skipped++) {
            position = rawPath.indexOf('/', position + 1);
            if (position < 0) {
                return "";
            }
        }
        return rawPath.substring(position);
    }
}
