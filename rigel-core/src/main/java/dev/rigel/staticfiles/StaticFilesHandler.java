package dev.rigel.staticfiles;

import dev.rigel.exceptions.NotFoundException;
import dev.rigel.http.Request;
import dev.rigel.http.Response;
import dev.rigel.response.FileResponse;
import dev.rigel.response.Redirect;
import java.nio.file.Path;
import java.util.List;

/**
 * Serves one request of a static files route: finds the file in the first directory that has it
 * and answers with a {@link FileResponse} (so ETag, Last-Modified, 304 and ranges work as for any
 * file). Anything that is not a servable file inside a directory is a 404, traversal attempts
 * included: the answer never says whether something exists outside.
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
                Path found = root.resolve(segments);
                if (found == null) {
                    continue;
                }
                if (StaticRoot.isFile(found)) {
                    return file(found, 0);
                }
                if (htmlMode && StaticRoot.isDirectory(found)) {
                    Path index = root.resolve(append(segments, INDEX));
                    if (index != null && StaticRoot.isFile(index)) {
                        if (!request.scope().rawPath().endsWith("/")) {
                            // relative links in the page resolve against the directory only with the slash
                            return Redirect.to(request.scope().rawPath() + "/" + query(request))
                                    .status(307);
                        }
                        return file(index, 0);
                    }
                }
            }
        }
        if (htmlMode) {
            for (StaticRoot root : roots) {
                Path page = root.resolve(List.of(NOT_FOUND_PAGE));
                if (page != null && StaticRoot.isFile(page)) {
                    return file(page, 404);
                }
            }
        }
        throw new NotFoundException();
    }

    private Response<FileResponse> file(Path path, int status) {
        FileResponse file = FileResponse.of(path);
        Response<FileResponse> response = Response.of(attachment ? file : file.inline());
        return status == 0 ? response : response.status(status);
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
