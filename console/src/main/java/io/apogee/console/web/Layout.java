package io.apogee.console.web;

import java.util.List;

/**
 * What every page's frame shows: title, the active section of the navigation, who is logged in with which role,
 * the session's CSRF token (put into every form and into htmx's request headers), messages to show once (the
 * outcome of the last change), and the URLs of the WebJar scripts.
 *
 * @param section  the navigation entry to highlight: cluster, topics, groups, producers, messages, dlq
 * @param user     the logged-in user's name; empty on the login page
 * @param readOnly whether the user may only read (change buttons are hidden; the server refuses them anyway)
 * @param flashes  messages of the previous request, shown once
 */
public record Layout(String title, String section, String user, boolean readOnly, String csrf,
                     List<Flash> flashes, Assets assets) {

    /** A message shown once at the top of the next page; {@code error} ones are red. */
    public record Flash(boolean error, String text) {
    }

    /** URLs of htmx and uPlot inside their WebJars, resolved once at start. */
    public record Assets(String htmx, String uplotJs, String uplotCss) {
    }
}
