package io.apogee.broker.query;

import io.apogee.remoting.RemoteChannel;
import io.apogee.remoting.RemotingCommand;
import io.apogee.remoting.RequestProcessor;
import io.apogee.remoting.ResponseCode;
import io.apogee.store.MessageStore;

import java.nio.ByteBuffer;

/**
 * Serves VIEW_MESSAGE_BY_ID (33), docs/protocol/06-admin.md §VIEW_MESSAGE_BY_ID: the one stored record at a
 * commit-log offset, which the client decoded from an offsetMsgId (it sends the request to the store host in
 * that id). Request header {@code offset} (required); the 5.4.0 {@code topic} is ignored, as Apache does. Answer
 * 0 with the stored record as body; no record starts at that offset (never written, or deleted by cleanup):
 * SYSTEM_ERROR (1) naming the offset, which the client throws.
 *
 * <p>Thread-safe: stateless; the commit log is read without locks.
 */
public final class ViewMessageProcessor implements RequestProcessor {

    private final MessageStore store;

    public ViewMessageProcessor(MessageStore store) {
        this.store = store;
    }

    @Override
    public RemotingCommand process(RemoteChannel channel, RemotingCommand request) {
        long offset = request.requireExtLong("offset");
        ByteBuffer record = store.lookMessageByOffset(offset);
        if (record == null) {
            return RemotingCommand.response(ResponseCode.SYSTEM_ERROR, "can not find message by the offset, "
                    + offset + " (commit log holds [" + store.commitLogMinOffset() + ", "
                    + store.commitLogMaxOffset() + "))");
        }
        byte[] body = new byte[record.remaining()];
        record.get(record.position(), body);
        return RemotingCommand.success().body(body);
    }
}
