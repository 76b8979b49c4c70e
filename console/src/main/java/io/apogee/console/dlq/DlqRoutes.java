package io.apogee.console.dlq;

import io.apogee.common.text.NameRule;
import io.apogee.console.audit.Changes;
import io.apogee.console.web.Form;
import io.apogee.console.web.Layout;
import io.apogee.console.web.Views;
import io.apogee.tools.admin.AdminClient;
import io.apogee.tools.admin.AdminException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The dead-letter pages: {@code GET /dlq} lists the groups with a {@code %DLQ%} topic and their counts;
 * {@code GET /dlq/{group}} browses its dead letters, {@value io.apogee.console.web.Paging#SIZE} a page, with a
 * replay form; {@code POST /dlq/{group}/replay} starts a {@link ReplayJob} of the selected or of all dead letters at
 * a rate (audited as dlq.replay) and shows {@code GET /dlq/{group}/replays/{id}}, whose progress fragment
 * ({@code .../progress}) htmx polls while it runs. The replay's end is recorded in the audit log by its own thread,
 * as done by the user who started it. Closing stops the running replays.
 *
 * <p>Thread-safe: holds thread-safe collaborators only; the replays run on their own daemon threads.
 */
public final class DlqRoutes implements AutoCloseable {

    /** The rate a replay form offers. */
    public static final int DEFAULT_RATE = 20;
    private static final int MAX_RATE = 1000;

    private final Views views;
    private final Changes changes;
    private final DeadLetters deadLetters;
    private final Replays replays;

    public DlqRoutes(AdminClient admin, Views views, Changes changes) {
        this.views = views;
        this.changes = changes;
        this.deadLetters = new DeadLetters(admin);
        this.replays = new Replays(admin);
    }

    /** The list page's model; {@code problem} is set when the topic list could not be read. */
    public record DlqListView(Layout layout, List<DlqGroup> groups, String problem) {
    }

    /** A group's browse page. */
    public record DlqGroupView(Layout layout, String group, DlqPage page, List<ReplayProgress> replays, int rate) {

        public String link() {
            return DlqGroup.path(group);
        }
    }

    /** A replay's page. */
    public record ReplayView(Layout layout, ReplayProgress progress) {
    }

    public void register(RoutesConfig routes) {
        routes.get("/dlq", this::list);
        routes.get("/dlq/{group}", this::browse);
        routes.post("/dlq/{group}/replay", this::replay);
        routes.get("/dlq/{group}/replays/{id}", this::replayPage);
        routes.get("/dlq/{group}/replays/{id}/progress", this::replayFragment);
    }

    private void list(Context ctx) {
        List<DlqGroup> groups = List.of();
        String problem = "";
        try {
            groups = deadLetters.groups();
        } catch (AdminException e) {
            problem = "No name server gave the topic list: " + e.getMessage();
        }
        views.render(ctx, "dlq.jte", new DlqListView(views.layout(ctx, "Dead letters", "dlq"), groups, problem));
    }

    private void browse(Context ctx) {
        String group = group(ctx);
        Form form = new Form(ctx);
        int page = (int) form.number("page", "Page", 1, Integer.MAX_VALUE, 1);
        if (!form.valid()) {
            throw new BadRequestResponse(String.join(" ", form.errors().values()));
        }
        DlqPage dead = deadLetters.page(group, page);
        views.render(ctx, "dlqGroup.jte", new DlqGroupView(views.layout(ctx, "Dead letters of " + group, "dlq"),
                group, dead, replays.of(group), DEFAULT_RATE));
    }

    private void replay(Context ctx) {
        String group = group(ctx);
        Form form = new Form(ctx);
        int rate = (int) form.number("rate", "Rate", 1, MAX_RATE, DEFAULT_RATE);
        boolean all = form.text("scope").equals("all");
        List<Position> positions = positions(ctx.formParams("position"), form);
        if (!all && positions.isEmpty() && form.valid()) {
            form.error("position", "Select at least one dead letter to replay, or replay all.");
        }
        if (!form.valid()) {
            String why = String.join(" ", form.errors().values());
            changes.refused(ctx, "dlq.replay", group, why);
            Views.flash(ctx, true, why);
            ctx.redirect(DlqGroup.path(group));
            return;
        }
        List<ReplayJob> started = new ArrayList<>();
        changes.run(ctx, "dlq.replay", group, () -> {
            List<QueueSpan> spans = all ? deadLetters.spans(group) : deadLetters.spansAt(group, positions);
            if (spans.stream().mapToLong(QueueSpan::size).sum() == 0) {
                throw AdminException.illegal("Group " + group + " has no dead letters to replay.");
            }
            ReplayJob job = replays.start(group, spans, rate, changes.recorderOfEnd(ctx, "dlq.replay", group));
            started.add(job);
            return "Started replay #" + job.id() + " of " + job.total() + " messages of " + DlqGroup.PREFIX + group
                    + " to %RETRY%" + group + " at " + rate + "/s.";
        });
        ctx.redirect(started.isEmpty() ? DlqGroup.path(group) : started.get(0).progress().link());
    }

    private static List<Position> positions(List<String> keys, Form form) {
        List<Position> positions = new ArrayList<>();
        for (String key : keys) {
            Optional<Position> at = Position.parse(key.trim());
            if (at.isEmpty()) {
                form.error("position", "'" + key + "' is not a dead letter's position (broker:queueId:offset).");
                return List.of();
            }
            positions.add(at.get());
        }
        return positions;
    }

    private void replayPage(Context ctx) {
        ReplayJob job = job(ctx);
        views.render(ctx, "dlqReplay.jte", new ReplayView(views.layout(ctx, "Replay #" + job.id(), "dlq"),
                job.progress()));
    }

    private void replayFragment(Context ctx) {
        ReplayJob job = job(ctx);
        views.render(ctx, "dlqProgress.jte", job.progress());
    }

    private ReplayJob job(Context ctx) {
        String group = group(ctx);
        long id;
        try {
            id = Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw new NotFoundResponse("No replay " + ctx.pathParam("id") + " of group " + group);
        }
        return replays.find(group, id).orElseThrow(() -> new NotFoundResponse("No replay #" + id + " of group "
                + group + " (replays are kept until the console restarts)"));
    }

    private static String group(Context ctx) {
        String group = ctx.pathParam("group");
        NameRule.check("group", group, Form.GROUP_MAX_LENGTH).ifPresent(problem -> {
            throw new BadRequestResponse(problem);
        });
        return group;
    }

    @Override
    public void close() {
        replays.close();
    }
}
