package io.apogee.tools.cli.topic;

import io.apogee.tools.admin.AdminClient;
import io.apogee.tools.admin.AdminException;
import io.apogee.tools.cli.AdminCommand;
import io.apogee.tools.cli.CommandFailure;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code updateOrderConf -t T -m get|put|delete [-v brokerName:num;...]}: the topic's order configuration in the
 * name servers' KV config, namespace {@code ORDER_TOPIC_CONFIG} (GET 101, PUT 100, DELETE 102).
 *
 * <p>Not thread-safe; runs once.
 */
@Command(name = "updateOrderConf", mixinStandardHelpOptions = true,
        description = "Create or update or delete order conf.")
public final class UpdateOrderConfCommand extends AdminCommand {

    @Option(names = {"-t", "--topic"}, required = true, description = "Topic name.")
    String topic;

    @Option(names = {"-v", "--orderConf"}, description = "Order conf, eg: brokerName1:num;brokerName2:num.")
    String orderConf;

    @Option(names = {"-m", "--method"}, required = true, description = "put, get or delete.")
    String method;

    @Override
    protected void execute(AdminClient admin, PrintWriter out) throws AdminException {
        String name = topic.trim();
        switch (method.trim()) {
            case "get" -> out.printf("get orderConf success. topic=[%s], orderConf=[%s] %n", name,
                    admin.kvConfig(OrderConf.NAMESPACE, name));
            case "put" -> {
                if (orderConf == null || orderConf.isBlank()) {
                    throw new CommandFailure("please set orderConf with option -v.");
                }
                admin.putKvConfig(OrderConf.NAMESPACE, name, orderConf.trim());
                out.printf("update orderConf success. topic=[%s], orderConf=[%s]%n", name, orderConf.trim());
            }
            case "delete" -> {
                admin.deleteKvConfig(OrderConf.NAMESPACE, name);
                out.printf("delete orderConf success. topic=[%s]%n", name);
            }
            default -> throw new CommandFailure("method must be put, get or delete, not [" + method + "]");
        }
    }
}
