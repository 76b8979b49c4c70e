package io.apogee.console.web;

import io.javalin.http.Context;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Who is logged in, kept in Jetty's server-side session (the browser holds only the session id, in an HttpOnly,
 * SameSite=Strict cookie), with the session's CSRF token: a random value every form and htmx request must send back
 * ({@code _csrf} field or {@code X-CSRF-Token} header).
 *
 * @param readOnly whether the user's role only reads
 */
public record SessionUser(String name, boolean readOnly) {

    private static final String USER_KEY = "user";
    private static final String CSRF_KEY = "csrf";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The logged-in user of the request's session, or null. */
    public static SessionUser of(Context ctx) {
        return ctx.req().getSession(false) == null ? null : ctx.sessionAttribute(USER_KEY);
    }

    /** Logs {@code user} in: a new session id (so an id planted before login is worthless) and a new CSRF token. */
    public static void login(Context ctx, SessionUser user) {
        ctx.req().getSession(true);
        ctx.req().changeSessionId();
        ctx.sessionAttribute(USER_KEY, user);
        ctx.sessionAttribute(CSRF_KEY, newToken());
    }

    /** Ends the session, if any. */
    public static void logout(Context ctx) {
        if (ctx.req().getSession(false) != null) {
            ctx.req().getSession().invalidate();
        }
    }

    /** The session's CSRF token, created with the session when there is none yet (the login form needs one). */
    public static String csrfToken(Context ctx) {
        String token = ctx.sessionAttribute(CSRF_KEY);
        if (token == null) {
            token = newToken();
            ctx.sessionAttribute(CSRF_KEY, token);
        }
        return token;
    }

    /** The token the session expects, or null when there is no session. */
    public static String expectedToken(Context ctx) {
        return ctx.req().getSession(false) == null ? null : ctx.sessionAttribute(CSRF_KEY);
    }

    private static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
