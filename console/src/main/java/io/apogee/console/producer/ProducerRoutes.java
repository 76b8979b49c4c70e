package io.apogee.console.producer;

import io.apogee.console.cluster.Masters;
import io.apogee.console.web.Form;
import io.apogee.console.web.Layout;
import io.apogee.console.web.Views;
import io.apogee.remoting.ResponseCode;
import io.apogee.remoting.body.Connection;
import io.apogee.tools.admin.AdminClient;
import io.apogee.tools.admin.AdminException;
import io.apogee.tools.cli.consumer.ClientVersion;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /producers?group=G}: the producer connections of a producer group on every master
 * (GET_PRODUCER_CONNECTION_LIST), with client id, address, language and version; a master that fails is named
 * and the others still show. Producers register by group, so the page asks for one (as Apache's dashboard does).
 *
 * <p>Thread-safe: holds thread-safe collaborators only.
 */
public final class ProducerRoutes {

    private final AdminClient admin;
    private final Views views;

    public ProducerRoutes(AdminClient admin, Views views) {
        this.admin = admin;
        this.views = views;
    }

    /** A producer connection on one broker. */
    public record ProducerRow(String brokerName, String clientId, String address, String language, String version) {
    }

    /** The page's model; {@code searched} once a group was given. */
    public record ProducersView(Layout layout, String group, boolean searched, List<ProducerRow> rows,
                                List<String> problems, Map<String, String> errors) {
    }

    public void register(RoutesConfig routes) {
        routes.get("/producers", this::show);
    }

    private void show(Context ctx) throws AdminException {
        Form form = new Form(ctx);
        boolean searched = !form.text("group").isEmpty();
        String group = searched ? form.name("group", "group") : "";
        List<ProducerRow> rows = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        if (searched && form.valid()) {
            for (Map.Entry<String, String> master : Masters.of(admin).byName().entrySet()) {
                try {
                    for (Connection c : admin.groups().producerConnection(master.getValue(), group).connectionSet) {
                        rows.add(new ProducerRow(master.getKey(), c.clientId, c.clientAddr, c.language,
                                ClientVersion.desc(c.version)));
                    }
                } catch (AdminException e) {
                    if (e.code() != ResponseCode.CONSUMER_NOT_ONLINE) {
                        problems.add("Broker " + master.getKey() + ": " + e.getMessage());
                    }
                }
            }
        } else if (!form.valid()) {
            ctx.status(HttpStatus.BAD_REQUEST);
        }
        views.render(ctx, "producers.jte", new ProducersView(views.layout(ctx, "Producers", "producers"), group,
                searched, rows, problems, form.errors()));
    }
}
