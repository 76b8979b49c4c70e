package io.apogee.tools.cli.topic;

import io.apogee.remoting.JsonCodec;
import io.apogee.remoting.body.MessageQueueBody;
import io.apogee.tools.admin.AdminClient;
import io.apogee.tools.admin.AdminException;
import io.apogee.tools.admin.BrokerLocator;
import io.apogee.tools.cli.ReadCommand;
import io.apogee.tools.message.MessageQueue;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code allocateMQ -t T -i ip1,ip2}: how the clients' default strategy (average allocation) would share the
 * topic's readable queues (route 105) among consumers with these ids, printed as
 * {@code {"result":{"ip1":[queue,...],...}}}.
 *
 * <p>Not thread-safe; runs once.
 */
@Command(name = "allocateMQ", mixinStandardHelpOptions = true,
        description = "Allocate MQ by the average strategy.")
public final class AllocateMqCommand extends ReadCommand {

    @Option(names = {"-t", "--topic"}, required = true, description = "Topic name.")
    String topic;

    @Option(names = {"-i", "--ipList"}, required = true, description = "Consumer ids, comma separated.")
    String ipList;

    @Override
    protected void execute(AdminClient admin, PrintWriter out) throws AdminException {
        String name = topic.trim();
        List<MessageQueue> queues = BrokerLocator.readQueues(name, admin.route(name));
        List<String> consumers = Arrays.stream(ipList.trim().split(",")).toList();
        Map<String, List<MessageQueueBody>> result = new LinkedHashMap<>();
        for (String consumer : consumers) {
            List<MessageQueueBody> mine = new ArrayList<>();
            for (MessageQueue q : averagely(queues, consumers, consumers.indexOf(consumer))) {
                mine.add(new MessageQueueBody(q.topic(), q.brokerName(), q.queueId()));
            }
            result.put(consumer, mine);
        }
        out.printf("%s%n", JsonCodec.encodeToString(Map.of("result", result)));
    }

    /** The clients' AllocateMessageQueueAveragely: contiguous shares, the first {@code n % c} one queue larger. */
    static List<MessageQueue> averagely(List<MessageQueue> all, List<String> consumers, int index) {
        int size = all.size();
        int count = consumers.size();
        if (index < 0 || size == 0) {
            return List.of();
        }
        int mod = size % count;
        int average = size <= count ? 1 : (mod > 0 && index < mod ? size / count + 1 : size / count);
        int start = mod > 0 && index < mod ? index * average : index * average + mod;
        int range = Math.min(average, size - start);
        List<MessageQueue> mine = new ArrayList<>();
        for (int i = 0; i < range; i++) {
            mine.add(all.get((start + i) % size));
        }
        return mine;
    }
}
