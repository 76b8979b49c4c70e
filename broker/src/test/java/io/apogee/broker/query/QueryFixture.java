package io.apogee.broker.query;

import io.apogee.broker.FakeNameServer;
import io.apogee.broker.ProducerSideFixture;
import io.apogee.remoting.RemotingCommand;
import io.apogee.store.MessageDraft;
import io.apogee.store.PutResult;
import io.apogee.store.StoredMessage;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.awaitility.Awaitility.await;

/** A broker's producer side with the query processors registered, keyed messages put straight into its store. */
final class QueryFixture implements AutoCloseable {

    final FakeNameServer nameServer = new FakeNameServer();
    final ProducerSideFixture broker;

    QueryFixture(Path dir) throws Exception {
        broker = new ProducerSideFixture(dir, ProducerSideFixture.config(nameServer.address()));
        MessageQueries.registerWith(broker.server, broker.store);
    }

    /** Stores a message of {@code topic} with the unique key and space-separated keys; answers its put. */
    PutResult put(String topic, String uniqKey, String keys) {
        return put(topic, uniqKey, keys, null);
    }

    /** Stores a message with the UNIQ_KEY, KEYS and (unless null) TAGS, and waits until it is dispatched. */
    PutResult put(String topic, String uniqKey, String keys, String tag) {
        MessageDraft m = new MessageDraft();
        m.topic = topic;
        m.body = ("body of " + uniqKey).getBytes(StandardCharsets.UTF_8);
        m.setProperties((tag == null ? "" : "TAGS\u0001" + tag + "\u0002") + "UNIQ_KEY\u0001" + uniqKey
                + "\u0002KEYS\u0001" + keys + "\u0002");
        m.bornTimestamp = System.currentTimeMillis();
        m.bornHost = new InetSocketAddress("127.0.0.1", 40000);
        m.storeHost = broker.address.socketAddress();
        PutResult r = broker.store.put(m).join();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> broker.store.dispatchedOffset() == broker.store.commitLogMaxOffset());
        return r;
    }

    RemotingCommand call(RemotingCommand request) throws Exception {
        return broker.call(request);
    }

    /** The UNIQ_KEY of each record in a body of back-to-back stored records. */
    static List<String> uniqKeys(byte[] body) {
        List<String> keys = new ArrayList<>();
        ByteBuffer buf = ByteBuffer.wrap(body);
        for (int at = 0; at < body.length; at += StoredMessage.totalSize(buf, at)) {
            keys.add(StoredMessage.property(buf, at, "UNIQ_KEY"));
        }
        return keys;
    }

    @Override
    public void close() {
        broker.close();
        nameServer.close();
    }
}
