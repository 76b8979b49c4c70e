package io.apogee.tools.cli.message;

import java.util.List;

/** The message commands of mqadmin. */
public final class MessageCommands {

    private MessageCommands() {
    }

    public static List<Object> all() {
        return List.of(new QueryMsgByIdCommand(), new QueryMsgByKeyCommand(), new QueryMsgByOffsetCommand(),
                new QueryMsgByUniqueKeyCommand(), new CheckMsgSendRtCommand(), new SendMessageCommand(),
                new ConsumeMessageCommand(), new PrintMsgCommand(), new PrintMsgByQueueCommand(),
                new ResetOffsetByTimeCommand(), new QueryCqCommand(), new QueryMsgTraceByIdCommand());
    }
}
