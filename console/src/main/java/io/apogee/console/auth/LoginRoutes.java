package io.apogee.console.auth;

import io.apogee.console.audit.AuditLog;
import io.apogee.console.web.Layout;
import io.apogee.console.web.SessionUser;
import io.apogee.console.web.Views;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Optional;

/**
 * {@code GET /login} shows the form, {@code POST /login} checks name and password (a wrong pair gets the form again,
 * status 401, without telling which of the two was wrong) and {@code POST /logout} ends the session. Logins and
 * failed logins go to the audit log.
 *
 * <p>Thread-safe: holds immutable collaborators.
 */
public final class LoginRoutes {

    public static final String LOGIN = "/login";
    public static final String LOGOUT = "/logout";

    private final Authenticator authenticator;
    private final Views views;
    private final AuditLog audit;

    public LoginRoutes(Authenticator authenticator, Views views, AuditLog audit) {
        this.authenticator = authenticator;
        this.views = views;
        this.audit = audit;
    }

    /** The form's model: the frame, the page to go to after login, and the error of the last try (empty if none). */
    public record LoginView(Layout layout, String next, String error, String name) {
    }

    public void register(RoutesConfig routes) {
        routes.get(LOGIN, ctx -> show(ctx, "", "", HttpStatus.OK));
        routes.post(LOGIN, this::login);
        routes.post(LOGOUT, ctx -> {
            SessionUser.logout(ctx);
            ctx.redirect(LOGIN);
        });
    }

    private void login(Context ctx) {
        String name = Optional.ofNullable(ctx.formParam("username")).orElse("").trim();
        Optional<User> user = authenticator.authenticate(name, ctx.formParam("password"));
        if (user.isEmpty()) {
            audit.record(name, "login", "", "refused: wrong user name or password", ctx.ip());
            show(ctx, "Wrong user name or password.", name, HttpStatus.UNAUTHORIZED);
            return;
        }
        SessionUser.login(ctx, new SessionUser(user.get().name(), !user.get().role().mayChange()));
        audit.record(user.get().name(), "login", "", "ok (" + user.get().role().text() + ")", ctx.ip());
        ctx.redirect(safeNext(ctx.formParam("next")));
    }

    private void show(Context ctx, String error, String name, HttpStatus status) {
        Layout layout = views.layout(ctx, "Log in", "");
        ctx.status(status);
        views.render(ctx, "login.jte", new LoginView(layout, safeNext(ctx.queryParam("next") != null
                ? ctx.queryParam("next") : ctx.formParam("next")), error, name));
    }

    /** Only a path of this console: never another site ("//evil", "https://..."), which would be an open redirect. */
    static String safeNext(String next) {
        if (next == null || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")
                || next.startsWith(LOGIN)) {
            return "/";
        }
        return next;
    }
}
