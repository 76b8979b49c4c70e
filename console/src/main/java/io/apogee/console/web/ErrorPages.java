package io.apogee.console.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the user sees when a request cannot be answered: refusals of the access rules (401, 403) and unknown pages
 * (404) as a page in the console's frame with the reason; any other exception of a handler (most often: no name
 * server or broker answered) as a 502 page saying what failed, logged once with its stack. htmx requests get the
 * bare sentence, which the page shows in place.
 *
 * <p>Stateless apart from the thread-safe {@link Views}.
 */
public final class ErrorPages {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorPages.class);

    private ErrorPages() {
    }

    /** The model of error.jte. */
    public record ErrorView(Layout layout, int status, String message) {
    }

    public static void register(RoutesConfig routes, Views views) {
        routes.exception(HttpResponseException.class, (e, ctx) -> show(ctx, views, e.getStatus(), e.getMessage()));
        routes.exception(Exception.class, (e, ctx) -> {
            LOG.warn("Console request {} {} failed", ctx.method(), ctx.path(), e);
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            show(ctx, views, HttpStatus.BAD_GATEWAY.getCode(), "The cluster did not answer: " + why);
        });
        routes.error(HttpStatus.NOT_FOUND.getCode(), "html", ctx -> {
            if (ctx.result() == null || ctx.result().isEmpty()) {
                show(ctx, views, HttpStatus.NOT_FOUND.getCode(), "No page at " + ctx.path());
            }
        });
    }

    private static void show(Context ctx, Views views, int status, String message) {
        ctx.status(status);
        if (ctx.header("HX-Request") != null || SessionUser.of(ctx) == null) {
            ctx.result(message);
            return;
        }
        views.render(ctx, "error.jte", new ErrorView(views.layout(ctx, "Error " + status, ""), status, message));
    }
}
