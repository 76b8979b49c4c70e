package io.apogee.console.group;

import io.apogee.console.audit.Changes;
import io.apogee.console.cluster.Masters;
import io.apogee.console.group.GroupQueries.GroupRow;
import io.apogee.console.group.GroupQueries.ProgressRow;
import io.apogee.console.web.Form;
import io.apogee.console.web.Layout;
import io.apogee.console.web.Links;
import io.apogee.console.web.Paging;
import io.apogee.console.web.Times;
import io.apogee.console.web.Views;
import io.apogee.remoting.body.Connection;
import io.apogee.remoting.body.ConsumerConnection;
import io.apogee.remoting.body.SubscriptionData;
import io.apogee.tools.admin.AdminClient;
import io.apogee.tools.admin.AdminException;
import io.apogee.tools.cli.consumer.ClientVersion;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The consumer group pages: {@code GET /groups} (search, paged list with total lag and client count),
 * {@code GET /groups/view?group=G} (lag per queue and total, clients with address and version, subscriptions, reset
 * and skip forms), {@code POST /groups/reset} (offsets of one topic to a time) and {@code POST /groups/skip} (to the
 * end of every queue of one topic). Changes are audited; bad input re-renders the page with reasons, status 400.
 *
 * <p>Thread-safe: holds thread-safe collaborators only.
 */
public final class GroupRoutes {

    /** The group's own topics first in the forms' choices, its %RETRY% topic last. */
    private static final Comparator<String> RETRY_TOPICS_LAST = Comparator
            .<String, Boolean>comparing(topic -> topic.startsWith("%")).thenComparing(Comparator.naturalOrder());

    private final AdminClient admin;
    private final Views views;
    private final Changes changes;
    private final GroupQueries queries;
    private final GroupOffsets offsets;

    public GroupRoutes(AdminClient admin, Views views, Changes changes) {
        this.admin = admin;
        this.views = views;
        this.changes = changes;
        this.queries = new GroupQueries(admin);
        this.offsets = new GroupOffsets(admin);
    }

    /** The list page's model. */
    public record GroupsView(Layout layout, List<GroupRow> rows, Paging paging, boolean all, List<String> problems) {
    }

    /** A live client of the group. */
    public record ClientRow(String clientId, String address, String language, String version) {
    }

    /** One group's page. */
    public record GroupView(Layout layout, String group, long totalLag, List<ProgressRow> progress,
                            List<ClientRow> clients, List<SubscriptionData> subscriptions, String consumeType,
                            String messageModel, List<String> topics, List<String> problems,
                            Map<String, String> errors) {
    }

    public void register(RoutesConfig routes) {
        routes.get("/groups", this::list);
        routes.get("/groups/view", ctx -> view(ctx, new Form(ctx).text("group"), Map.of()));
        routes.post("/groups/reset", ctx -> reset(ctx, false));
        routes.post("/groups/skip", ctx -> reset(ctx, true));
    }

    private void list(Context ctx) throws AdminException {
        Form form = new Form(ctx);
        String query = form.text("q");
        boolean all = !form.text("all").isEmpty();
        Masters masters = Masters.of(admin);
        List<String> problems = new ArrayList<>();
        List<String> names = queries.names(query, all, masters, problems);
        Paging paging = Paging.of((int) form.number("page", "Page", 1, Integer.MAX_VALUE, 1), names.size(), query);
        List<GroupRow> rows = new ArrayList<>();
        for (String group : paging.slice(names)) {
            rows.add(queries.row(group, masters));
        }
        views.render(ctx, "groups.jte", new GroupsView(views.layout(ctx, "Consumer groups", "groups"), rows, paging,
                all, problems));
    }

    private void view(Context ctx, String group, Map<String, String> errors) throws AdminException {
        Masters masters = Masters.of(admin);
        List<String> problems = new ArrayList<>();
        List<ProgressRow> progress = queries.progress(group, masters, problems);
        long lag = progress.stream().mapToLong(ProgressRow::lag).sum();
        ConsumerConnection connection = queries.connection(group, masters).orElseGet(ConsumerConnection::new);
        List<ClientRow> clients = new ArrayList<>();
        for (Connection c : connection.connectionSet) {
            clients.add(new ClientRow(c.clientId, c.clientAddr, c.language, ClientVersion.desc(c.version)));
        }
        TreeSet<String> topics = new TreeSet<>(RETRY_TOPICS_LAST);
        progress.forEach(p -> topics.add(p.topic()));
        connection.subscriptionTable.keySet().forEach(topics::add);
        views.render(ctx, "group.jte", new GroupView(views.layout(ctx, group, "groups"), group, lag, progress, clients,
                new ArrayList<>(connection.subscriptionTable.values()), ClientVersion.consumeType(
                connection.consumeType), connection.messageModel == null ? "" : connection.messageModel,
                new ArrayList<>(topics), problems, errors));
    }

    private void reset(Context ctx, boolean toLatest) throws AdminException {
        Form form = new Form(ctx);
        String group = form.name("group", "group");
        String topic = form.name("topic", "topic");
        long time = toLatest ? GroupOffsets.LATEST : form.time("time", "The time", -2);
        if (!toLatest && time == -2 && form.valid()) {
            form.error("time", "Choose the time to reset to.");
        }
        String action = toLatest ? "group.skip-to-latest" : "group.reset-offset";
        if (!form.valid()) {
            changes.refused(ctx, action, group, form.errors().toString());
            ctx.status(HttpStatus.BAD_REQUEST);
            view(ctx, group, form.errors());
            return;
        }
        changes.run(ctx, action, group + " on " + topic, () -> {
            int queues = offsets.reset(group, topic, time);
            return "Group " + group + " on " + topic + ": " + queues + " queues moved to "
                    + (toLatest ? "the latest message" : "the first message stored at or after "
                    + Times.of(time));
        });
        ctx.redirect(Links.group(group));
    }
}
