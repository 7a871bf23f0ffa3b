package dev.rigel.netty.internal;

import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpServerUpgradeHandler;
import io.netty.handler.codec.http.HttpUtil;

/**
 * The h2c upgrade, limited to requests without a body: upgrading one with a body would mean
 * buffering all of it here, outside the server's body handling. Such requests are simply
 * answered over HTTP/1.1, which RFC 9110 7.8 allows. Removes itself after the first request, so
 * later requests on the connection do not pass through it.
 */
final class UpgradeHandler extends HttpServerUpgradeHandler {

    private static final int MAX_UPGRADE_CONTENT = 8192;

    UpgradeHandler(SourceCodec codec, UpgradeCodecFactory factory) {
        super(
                codec,
                factory,
                MAX_UPGRADE_CONTENT,
                DefaultHttpHeadersFactory.headersFactory(),
                DefaultHttpHeadersFactory.trailersFactory(),
                true);
    }

    @Override
    protected boolean shouldHandleUpgradeRequest(HttpRequest request) {
        if (!request.headers().containsValue(HttpHeaderNames.UPGRADE, "h2c", true)) {
            return false; // a WebSocket upgrade (or anything else) is Http1Handler's, and must not be aggregated here
        }
        if (HttpUtil.isTransferEncodingChunked(request)) {
            return false;
        }
        try {
            return HttpUtil.getContentLength(request, 0L) == 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
