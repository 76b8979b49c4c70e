package io.apogee.console.topic;

import io.apogee.console.audit.Changes;
import io.apogee.console.cluster.Masters;
import io.apogee.console.topic.TopicQueries.QueueRow;
import io.apogee.console.topic.TopicQueries.RouteRow;
import io.apogee.console.topic.TopicQueries.TopicRow;
import io.apogee.console.web.Form;
import io.apogee.console.web.Layout;
import io.apogee.console.web.Links;
import io.apogee.console.web.Paging;
import io.apogee.console.web.Views;
import io.apogee.remoting.body.QueueData;
import io.apogee.remoting.body.TopicConfig;
import io.apogee.remoting.body.TopicRouteData;
import io.apogee.tools.admin.AdminClient;
import io.apogee.tools.admin.AdminException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The topic pages: {@code GET /topics} (search, paged list, create form), {@code POST /topics} (create or update on
 * every master of a cluster), {@code GET /topics/view?topic=T} (route, config, per-queue offsets, consuming groups,
 * update and delete forms), {@code POST /topics/update}, {@code POST /topics/delete} (the topic's name must be typed
 * again). Changes are audited ({@link Changes}); bad input re-renders the form with the reasons, status 400.
 *
 * <p>Thread-safe: holds thread-safe collaborators only.
 */
public final class TopicRoutes {

    private final AdminClient admin;
    private final Views views;
    private final Changes changes;
    private final TopicQueries queries;

    public TopicRoutes(AdminClient admin, Views views, Changes changes) {
        this.admin = admin;
        this.views = views;
        this.changes = changes;
        this.queries = new TopicQueries(admin);
    }

    /** The list page's model; {@code values} are the create form's last input, {@code errors} its problems. */
    public record TopicsView(Layout layout, List<TopicRow> rows, Paging paging, boolean all, List<String> clusters,
                             Map<String, String> values, Map<String, String> errors) {
    }

    /** One topic's page; a part that could not be read is empty with its reason in {@code problems}. */
    public record TopicView(Layout layout, String topic, List<RouteRow> route, TopicConfig config,
                            List<QueueRow> queues, List<String> consumers, List<String> problems,
                            Map<String, String> errors) {

        public String groupLink(String group) {
            return Links.group(group);
        }

        public String permText() {
            return config == null ? "" : TopicQueries.permText(config.perm);
        }
    }

    public void register(RoutesConfig routes) {
        routes.get("/topics", ctx -> list(ctx, Map.of(), Map.of()));
        routes.post("/topics", this::create);
        routes.get("/topics/view", ctx -> view(ctx, new Form(ctx).text("topic"), Map.of()));
        routes.post("/topics/update", this::update);
        routes.post("/topics/delete", this::delete);
    }

    private void list(Context ctx, Map<String, String> values, Map<String, String> errors) throws AdminException {
        Form form = new Form(ctx);
        String query = form.text("q");
        boolean all = !form.text("all").isEmpty();
        Masters masters = Masters.of(admin);
        List<TopicRow> rows = queries.list(query, all, masters);
        Paging paging = Paging.of((int) form.number("page", "Page", 1, Integer.MAX_VALUE, 1), rows.size(), query);
        views.render(ctx, "topics.jte", new TopicsView(views.layout(ctx, "Topics", "topics"), paging.slice(rows),
                paging, all, masters.clusterNames(), values, errors));
    }

    private void create(Context ctx) throws AdminException {
        Form form = new Form(ctx);
        String topic = form.name("topic", "topic");
        String cluster = form.required("cluster", "Cluster");
        TopicConfig config = config(form, topic);
        Masters masters = Masters.of(admin);
        Map<String, String> targets = masters.clusters().get(cluster);
        if (!cluster.isEmpty() && targets == null) {
            form.error("cluster", "Cluster '" + cluster + "' is not in the name servers' cluster table.");
        }
        if (!form.valid()) {
            changes.refused(ctx, "topic.create", topic, form.errors().toString());
            ctx.status(HttpStatus.BAD_REQUEST);
            list(ctx, Map.of("topic", topic, "writeQueueNums", form.text("writeQueueNums"), "readQueueNums",
                    form.text("readQueueNums")), form.errors());
            return;
        }
        boolean done = changes.run(ctx, "topic.create", topic, () -> {
            for (String addr : targets.values()) {
                admin.createOrUpdateTopic(addr, config);
            }
            return "Topic " + topic + " created or updated on " + targets.keySet() + " of cluster " + cluster;
        });
        ctx.redirect(done ? Links.topic(topic) : "/topics");
    }

    private static TopicConfig config(Form form, String topic) {
        TopicConfig config = new TopicConfig(topic, 8, TopicConfig.PERM_READ | TopicConfig.PERM_WRITE);
        config.writeQueueNums = (int) form.number("writeQueueNums", "Write queues", 1, 1024, 8);
        config.readQueueNums = (int) form.number("readQueueNums", "Read queues", 1, 1024, 8);
        config.perm = (int) form.number("perm", "Permission", 0, 7, 6);
        config.order = !form.text("order").isEmpty();
        return config;
    }

    private void view(Context ctx, String topic, Map<String, String> errors) throws AdminException {
        Masters masters = Masters.of(admin);
        List<String> problems = new ArrayList<>();
        TopicRouteData route;
        try {
            route = admin.route(topic);
        } catch (AdminException e) {
            ctx.status(HttpStatus.NOT_FOUND);
            views.render(ctx, "topic.jte", new TopicView(views.layout(ctx, topic, "topics"), topic, List.of(), null,
                    List.of(), List.of(), List.of("No route for topic '" + topic + "': " + e.getMessage()), errors));
            return;
        }
        TopicConfig config = part(problems, "config", () -> queries.config(route, topic, masters), null);
        List<QueueRow> queues = part(problems, "queue offsets", () -> queries.queues(topic), List.of());
        List<String> consumers = part(problems, "consumer groups", () -> queries.consumers(route, topic, masters),
                List.of());
        views.render(ctx, "topic.jte", new TopicView(views.layout(ctx, topic, "topics"), topic,
                queries.route(route), config, queues, consumers, problems, errors));
    }

    /** One part of a page: its value, or {@code fallback} with the reason added to {@code problems}. */
    private interface Part<T> {
        T read() throws AdminException;
    }

    private static <T> T part(List<String> problems, String what, Part<T> part, T fallback) {
        try {
            return part.read();
        } catch (AdminException e) {
            problems.add("Could not read the " + what + ": " + e.getMessage());
            return fallback;
        }
    }

    private void update(Context ctx) throws AdminException {
        Form form = new Form(ctx);
        String topic = form.name("topic", "topic");
        TopicConfig config = config(form, topic);
        if (!form.valid()) {
            changes.refused(ctx, "topic.update", topic, form.errors().toString());
            ctx.status(HttpStatus.BAD_REQUEST);
            view(ctx, topic, form.errors());
            return;
        }
        Masters masters = Masters.of(admin);
        TopicRouteData route = admin.route(topic);
        changes.run(ctx, "topic.update", topic, () -> {
            List<String> brokers = new ArrayList<>();
            for (QueueData q : route.queueDatas) {
                String addr = masters.byName().get(q.brokerName);
                if (addr != null) {
                    admin.createOrUpdateTopic(addr, config);
                    brokers.add(q.brokerName);
                }
            }
            return "Topic " + topic + " updated on " + brokers + ": " + config.writeQueueNums + " write / "
                    + config.readQueueNums + " read queues, " + TopicQueries.permText(config.perm);
        });
        ctx.redirect(Links.topic(topic));
    }

    private void delete(Context ctx) throws AdminException {
        Form form = new Form(ctx);
        String topic = form.name("topic", "topic");
        if (!form.text("confirm").equals(topic)) {
            form.error("confirm", "Type the topic's name, " + topic + ", to confirm the deletion.");
        }
        if (!form.valid()) {
            changes.refused(ctx, "topic.delete", topic, form.errors().toString());
            ctx.status(HttpStatus.BAD_REQUEST);
            view(ctx, topic, form.errors());
            return;
        }
        Masters masters = Masters.of(admin);
        boolean done = changes.run(ctx, "topic.delete", topic, () -> {
            for (Map.Entry<String, Map<String, String>> cluster : masters.clusters().entrySet()) {
                for (String addr : cluster.getValue().values()) {
                    admin.deleteTopicInBroker(addr, topic);
                }
                admin.deleteTopicInNamesrv(topic, cluster.getKey());
            }
            return "Topic " + topic + " deleted from every broker and name server";
        });
        ctx.redirect(done ? "/topics" : Links.topic(topic));
    }
}
