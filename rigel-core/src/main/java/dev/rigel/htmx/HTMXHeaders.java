package dev.rigel.htmx;

/** The names of the headers htmx sends and reads (see htmx's reference, "Request Headers", "Response Headers"). */
public final class HTMXHeaders {

    private HTMXHeaders() {}

    // ---- sent by htmx ----
    public static final String REQUEST = "HX-Request";
    public static final String BOOSTED = "HX-Boosted";
    public static final String CURRENT_URL = "HX-Current-URL";
    public static final String HISTORY_RESTORE_REQUEST = "HX-History-Restore-Request";
    public static final String PROMPT = "HX-Prompt";
    public static final String TARGET = "HX-Target";
    public static final String TRIGGER = "HX-Trigger";
    public static final String TRIGGER_NAME = "HX-Trigger-Name";
    public static final String TRIGGERING_EVENT = "HX-Triggering-Event";

    // ---- read by htmx ----
    public static final String LOCATION = "HX-Location";
    public static final String PUSH_URL = "HX-Push-Url";
    public static final String REDIRECT = "HX-Redirect";
    public static final String REFRESH = "HX-Refresh";
    public static final String REPLACE_URL = "HX-Replace-Url";
    public static final String RESWAP = "HX-Reswap";
    public static final String RETARGET = "HX-Retarget";
    public static final String RESELECT = "HX-Reselect";
    public static final String TRIGGER_AFTER_SETTLE = "HX-Trigger-After-Settle";
    public static final String TRIGGER_AFTER_SWAP = "HX-Trigger-After-Swap";

    /** The status that tells htmx to stop polling ({@code hx-trigger="every 2s"}). */
    public static final int STOP_POLLING = 286;
}
