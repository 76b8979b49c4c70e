package io.apogee.tools;

import io.apogee.tools.admin.AdminClient;
import io.apogee.tools.cli.NamesrvAddress;
import io.apogee.tools.quickstart.QuickstartConsumer;
import io.apogee.tools.quickstart.QuickstartProducer;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.Arrays;
import java.util.List;

/**
 * {@code bin/tools.sh <class> [args]}: Apache's tools.sh runs a Java class on the client classpath; Apogee maps the
 * class names its quick start uses to its own code: {@value #PRODUCER} and {@value #CONSUMER} (the quick-start
 * examples, name server from {@code NAMESRV_ADDR}, default {@code 127.0.0.1:9876}) and {@value #MQADMIN} (mqadmin).
 * Any other name is refused with the list of mapped names (exit status 2).
 *
 * <p>Used once on the main thread.
 */
public final class ToolsMain {

    static final String PRODUCER = "org.apache.rocketmq.example.quickstart.Producer";
    static final String CONSUMER = "org.apache.rocketmq.example.quickstart.Consumer";
    static final String MQADMIN = "org.apache.rocketmq.tools.command.MQAdminStartup";
    private static final String DEFAULT_NAMESRV = "127.0.0.1:9876";

    private ToolsMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        System.exit(run(args, new PrintWriter(System.out, true, Charset.defaultCharset()),
                new PrintWriter(System.err, true, Charset.defaultCharset())));
    }

    /** Runs the mapped class; returns the exit status. */
    static int run(String[] args, PrintWriter out, PrintWriter err) throws InterruptedException {
        String name = args.length == 0 ? "" : args[0];
        String[] rest = args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length);
        if (name.equals(MQADMIN)) {
            return MqAdmin.commandLine().setOut(out).setErr(err).execute(rest);
        }
        if (!name.equals(PRODUCER) && !name.equals(CONSUMER)) {
            err.printf("tools.sh: class '%s' is not available in Apogee; mapped names: %s, %s, %s%n", name, PRODUCER,
                    CONSUMER, MQADMIN);
            return 2;
        }
        List<String> namesrv = NamesrvAddress.resolve(null);
        try (AdminClient admin = new AdminClient(namesrv.isEmpty() ? List.of(DEFAULT_NAMESRV) : namesrv,
                AdminClient.DEFAULT_TIMEOUT_MILLIS)) {
            if (name.equals(PRODUCER)) {
                int sent = QuickstartProducer.run(admin, out, err, QuickstartProducer.MESSAGE_COUNT);
                return sent > 0 ? 0 : 1;
            }
            QuickstartConsumer.run(admin, out, err, 0);
            return 0;
        }
    }
}
