package io.apogee.console.message;

import io.apogee.console.audit.Changes;
import io.apogee.console.web.Form;
import io.apogee.console.web.Layout;
import io.apogee.console.web.Views;
import io.apogee.tools.admin.AdminClient;
import io.apogee.tools.admin.AdminException;
import io.apogee.tools.message.MessageRecord;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Map;
import java.util.Optional;

/**
 * The message pages: {@code GET /messages} searches by key, by message id or by time range ({@link MessageSearch});
 * {@code GET /messages/view?topic=T&id=ID[&as=text|hex|json][&traceTopic=TT]} shows one message with its properties,
 * hosts, times, body and trace ({@link MessageTrace}, from RMQ_SYS_TRACE_TOPIC unless {@code traceTopic} names
 * another); {@code POST /messages/resend} hands a message to a live consumer of a group again ({@link Resend}),
 * audited. Bad input is a 400 page with the problems next to the form; a missing topic or a failing broker is a
 * sentence on the page, which still renders.
 *
 * <p>Thread-safe: holds thread-safe collaborators only.
 */
public final class MessageRoutes {

    private final AdminClient admin;
    private final Views views;
    private final Changes changes;

    public MessageRoutes(AdminClient admin, Views views, Changes changes) {
        this.admin = admin;
        this.views = views;
        this.changes = changes;
    }

    /** The search page's model; {@code searched} is false on the empty form. */
    public record SearchView(Layout layout, SearchQuery query, Map<String, String> errors, SearchResult result,
                             boolean searched) {

        /** The problem with {@code field}, or empty. */
        public String error(String field) {
            return errors.getOrDefault(field, "");
        }
    }

    /**
     * The detail page's model; {@code message} is null when it was not found (then {@code problem} says why).
     *
     * @param as   how the body is shown: text, hex or json
     * @param body the body as shown
     * @param json whether the body is JSON (the JSON tab is offered)
     * @param cut  whether {@code body} shows only the start of it
     * @param trace the message's trace records; null when the message was not found
     */
    public record MessageView(Layout layout, String topic, String id, MessageRecord message, String as, String body,
                              boolean json, boolean cut, String problem, MessageTrace trace) {

        public String link(String shownAs) {
            return MessageLinks.view(topic, id, shownAs);
        }

        public String time(long epochMillis) {
            return MessageRow.time(epochMillis);
        }
    }

    public void register(RoutesConfig routes) {
        routes.get("/messages", this::search);
        routes.get("/messages/view", this::view);
        routes.post("/messages/resend", this::resend);
    }

    private void search(Context ctx) {
        Layout layout = views.layout(ctx, "Messages", "messages");
        if (ctx.queryParam("mode") == null) {
            views.render(ctx, "messages.jte", new SearchView(layout, SearchQuery.blank(), Map.of(),
                    SearchResult.none(), false));
            return;
        }
        Form form = new Form(ctx);
        SearchQuery query = SearchQuery.read(form);
        if (!form.valid()) {
            ctx.status(HttpStatus.BAD_REQUEST);
            views.render(ctx, "messages.jte", new SearchView(layout, query, form.errors(), SearchResult.none(),
                    false));
            return;
        }
        SearchResult result = new MessageSearch(admin).run(query);
        views.render(ctx, "messages.jte", new SearchView(layout, query, Map.of(), result, true));
    }

    private void view(Context ctx) {
        Form form = new Form(ctx);
        String topic = form.name("topic", "topic");
        String id = form.required("id", "Message id");
        String as = form.text("as");
        if (!form.valid()) {
            ctx.status(HttpStatus.BAD_REQUEST);
            String why = String.join(" ", form.errors().values());
            views.render(ctx, "message.jte", new MessageView(views.layout(ctx, "Message", "messages"), topic, id,
                    null, as, "", false, false, why, null));
            return;
        }
        Optional<MessageRecord> found;
        String problem = "";
        try {
            found = new MessageLookup(admin).find(topic, id);
            if (found.isEmpty()) {
                problem = "No message " + id + " was found in topic " + topic + ".";
            }
        } catch (AdminException e) {
            found = Optional.empty();
            problem = MessageSearch.problem(topic, e);
        }
        MessageView shown = detail(views.layout(ctx, "Message " + id, "messages"), topic, id, found.orElse(null), as,
                problem);
        if (shown.message() != null) {
            String traceTopic = form.text("traceTopic");
            MessageTrace trace = MessageTrace.find(admin, traceTopic.isEmpty() ? MessageTrace.DEFAULT_TOPIC
                    : traceTopic, shown.message().msgId());
            shown = new MessageView(shown.layout(), topic, id, shown.message(), shown.as(), shown.body(),
                    shown.json(), shown.cut(), "", trace);
        }
        views.render(ctx, "message.jte", shown);
    }

    private static MessageView detail(Layout layout, String topic, String id, MessageRecord message, String as,
                                      String problem) {
        if (message == null) {
            return new MessageView(layout, topic, id, null, as, "", false, false, problem, null);
        }
        Optional<String> json = BodyText.json(message.body());
        String shown = as.equals("hex") || as.equals("text") || as.equals("json") && json.isPresent() ? as
                : json.isPresent() ? "json" : "text";
        String body = switch (shown) {
            case "hex" -> BodyText.hex(message.body());
            case "json" -> json.orElseThrow();
            default -> BodyText.text(message.body());
        };
        return new MessageView(layout, topic, id, message, shown, body, json.isPresent(),
                BodyText.cut(message.body(), shown), "", null);
    }

    private void resend(Context ctx) {
        Form form = new Form(ctx);
        String topic = form.name("topic", "topic");
        String msgId = form.required("msgId", "Message id");
        String group = form.name("group", "group");
        String clientId = form.text("clientId");
        if (!form.valid()) {
            String why = String.join(" ", form.errors().values());
            changes.refused(ctx, "message.resend", msgId, why);
            Views.flash(ctx, true, why);
        } else {
            changes.run(ctx, "message.resend", topic + " " + msgId + " to " + group,
                    () -> new Resend(admin).run(topic, msgId, group, clientId));
        }
        ctx.redirect(topic.isEmpty() || msgId.isEmpty() ? "/messages" : MessageLinks.view(topic, msgId, ""));
    }
}
