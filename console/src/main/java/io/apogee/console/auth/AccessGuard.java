package io.apogee.console.auth;

import io.apogee.console.web.SessionUser;
import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import io.javalin.http.UnauthorizedResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The one gate every request passes before its handler, in this order:
 * <ol>
 *   <li>the login page and the WebJar scripts are open to everyone;</li>
 *   <li>any other request needs a logged-in session: a page request is sent to the login page (and back after),
 *       anything else gets 401;</li>
 *   <li>every request that changes something (any method but GET/HEAD/OPTIONS, the login form included) must carry
 *       the session's CSRF token, else 403;</li>
 *   <li>a read-only user's change is refused with 403.</li>
 * </ol>
 *
 * <p>Stateless.
 */
public final class AccessGuard {

    public static final String CSRF_FIELD = "_csrf";
    public static final String CSRF_HEADER = "X-CSRF-Token";

    private AccessGuard() {
    }

    public static void check(Context ctx) {
        String path = ctx.path();
        boolean change = isChange(ctx.method());
        if (change) {
            requireCsrfToken(ctx);
        }
        if (path.equals(LoginRoutes.LOGIN) || path.startsWith("/webjars/") || path.startsWith("/static/")) {
            return;
        }
        SessionUser user = SessionUser.of(ctx);
        if (user == null) {
            if (ctx.method() == HandlerType.GET && ctx.header("HX-Request") == null) {
                String next = ctx.queryString() == null ? path : path + "?" + ctx.queryString();
                // ctx.redirect sets Location and skips the rest; a thrown RedirectResponse has no Location header
                ctx.redirect(LoginRoutes.LOGIN + "?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8),
                        HttpStatus.FOUND);
                return;
            }
            throw new UnauthorizedResponse("Log in first");
        }
        if (change && user.readOnly() && !path.equals(LoginRoutes.LOGOUT)) {
            throw new ForbiddenResponse("User '" + user.name() + "' has the read-only role and cannot change anything");
        }
    }

    public static boolean isChange(HandlerType method) {
        return method != HandlerType.GET && method != HandlerType.HEAD && method != HandlerType.OPTIONS;
    }

    private static void requireCsrfToken(Context ctx) {
        String expected = SessionUser.expectedToken(ctx);
        String given = ctx.header(CSRF_HEADER);
        if (given == null) {
            given = ctx.formParam(CSRF_FIELD);
        }
        if (expected == null || given == null || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                given.getBytes(StandardCharsets.UTF_8))) {
            throw new ForbiddenResponse(
                    "The form's CSRF token is missing or out of date: reload the page and try again");
        }
    }
}
