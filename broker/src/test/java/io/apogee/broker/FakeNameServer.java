package io.apogee.broker;

import io.apogee.remoting.JsonCodec;
import io.apogee.remoting.RemotingCommand;
import io.apogee.remoting.RemotingServer;
import io.apogee.remoting.RequestCode;
import io.apogee.remoting.ServerSettings;
import io.apogee.remoting.body.RegisterBrokerBody;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A real remoting server on an ephemeral port that records REGISTER_BROKER and UNREGISTER_BROKER requests. */
public final class FakeNameServer implements AutoCloseable {

    public final List<RemotingCommand> registrations = new CopyOnWriteArrayList<>();
    public final List<RemotingCommand> unregistrations = new CopyOnWriteArrayList<>();
    private final RemotingServer server = new RemotingServer(ServerSettings.of("fake-ns", 0));

    public FakeNameServer() {
        server.registerProcessor(RequestCode.REGISTER_BROKER, (ch, req) -> {
            registrations.add(req);
            return RemotingCommand.success();
        });
        server.registerProcessor(RequestCode.UNREGISTER_BROKER, (ch, req) -> {
            unregistrations.add(req);
            return RemotingCommand.success();
        });
        server.start();
    }

    public String address() {
        return "127.0.0.1:" + server.port();
    }

    /** The body of registration {@code i}. */
    public RegisterBrokerBody body(int i) {
        return JsonCodec.decode(registrations.get(i).body(), RegisterBrokerBody.class);
    }

    /** True when some registration carries exactly the given topic names. */
    public boolean hasRegistrationOfExactly(String... topics) {
        for (int i = 0; i < registrations.size(); i++) {
            if (body(i).topicConfigSerializeWrapper.topicConfigTable.keySet().equals(java.util.Set.of(topics))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        server.close();
    }
}
