package io.apogee.console.web;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import org.webjars.WebJarVersionLocator;

/**
 * Renders pages: the JTE templates of {@code src/main/jte}, compiled into classes at build time (no compiler at run
 * time), each taking one model record; and the {@link Layout} of the logged-in user for them.
 *
 * <p>Thread-safe: the engine and the asset URLs are immutable after construction.
 */
public final class Views {

    private final TemplateEngine engine = TemplateEngine.createPrecompiled(ContentType.Html);
    private final Layout.Assets assets;

    public Views() {
        WebJarVersionLocator locator = new WebJarVersionLocator();
        assets = new Layout.Assets(webjar(locator, "htmx.org", "dist/htmx.min.js"),
                webjar(locator, "uplot", "dist/uPlot.iife.min.js"), webjar(locator, "uplot", "dist/uPlot.min.css"));
    }

    private static String webjar(WebJarVersionLocator locator, String webjar, String file) {
        String path = locator.path(webjar, file);
        if (path == null) {
            throw new IllegalStateException("WebJar " + webjar + " with " + file + " is not on the classpath");
        }
        return "/webjars/" + path;
    }

    /** Renders {@code template} (e.g. "topics.jte") with {@code model} as the page's answer. */
    public void render(Context ctx, String template, Object model) {
        ctx.html(text(template, model));
    }

    /** The HTML of {@code template} with {@code model}. */
    public String text(String template, Object model) {
        StringOutput out = new StringOutput();
        engine.render(template, model, out);
        return out.toString();
    }

    /** The frame of a page of {@code section} for the session of {@code ctx}; takes the pending flash messages. */
    public Layout layout(Context ctx, String title, String section) {
        SessionUser user = SessionUser.of(ctx);
        return new Layout(title, section, user == null ? "" : user.name(), user == null || user.readOnly(),
                SessionUser.csrfToken(ctx), takeFlashes(ctx), assets);
    }

    /** Adds a message shown once on the next page of this session. */
    public static void flash(Context ctx, boolean error, String text) {
        List<Layout.Flash> pending = ctx.sessionAttribute(FLASH_KEY);
        List<Layout.Flash> next = pending == null ? new ArrayList<>() : new ArrayList<>(pending);
        next.add(new Layout.Flash(error, text));
        ctx.sessionAttribute(FLASH_KEY, next);
    }

    private static List<Layout.Flash> takeFlashes(Context ctx) {
        List<Layout.Flash> pending = ctx.sessionAttribute(FLASH_KEY);
        if (pending == null) {
            return List.of();
        }
        ctx.sessionAttribute(FLASH_KEY, null);
        return pending;
    }

    private static final String FLASH_KEY = "flash";
}
