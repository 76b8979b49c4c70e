package io.apogee.console.audit;

import io.apogee.console.web.SessionUser;
import io.apogee.console.web.Views;
import io.javalin.http.Context;
import java.util.function.Consumer;

/**
 * Runs a change a user asked for through the console and records it: the audit log gets who, what, on what and the
 * outcome; the user sees the outcome once on the next page. A change that fails (the cluster refused it, a broker
 * was unreachable) is recorded with the reason and shown in red; it never becomes an error page.
 *
 * <p>Thread-safe: holds only the thread-safe {@link AuditLog}.
 */
public final class Changes {

    /** A change: does the work and returns a sentence saying what was done. */
    @FunctionalInterface
    public interface Change {
        String apply() throws Exception;
    }

    private final AuditLog audit;

    public Changes(AuditLog audit) {
        this.audit = audit;
    }

    /**
     * Applies {@code change}, named {@code action} (e.g. "topic.update") on {@code target}; true when it worked.
     * Catches every exception of the change, since each becomes a recorded, shown outcome.
     */
    public boolean run(Context ctx, String action, String target, Change change) {
        SessionUser user = SessionUser.of(ctx);
        String who = user == null ? "" : user.name();
        try {
            String done = change.apply();
            audit.record(who, action, target, "ok: " + done, ctx.ip());
            Views.flash(ctx, false, done);
            return true;
        } catch (Exception e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            audit.record(who, action, target, "failed: " + why, ctx.ip());
            Views.flash(ctx, true, "Failed: " + why);
            return false;
        }
    }

    /**
     * For a change that ends later, on another thread (a dead-letter replay): a recorder that writes its end to the
     * audit log as done by the user of this request, from its address.
     */
    public Consumer<String> recorderOfEnd(Context ctx, String action, String target) {
        SessionUser user = SessionUser.of(ctx);
        String who = user == null ? "" : user.name();
        String ip = ctx.ip();
        return result -> audit.record(who, action, target, "ended: " + result, ip);
    }

    /** Records a change that was refused before it ran (bad input). */
    public void refused(Context ctx, String action, String target, String why) {
        SessionUser user = SessionUser.of(ctx);
        audit.record(user == null ? "" : user.name(), action, target, "refused: " + why, ctx.ip());
    }
}
