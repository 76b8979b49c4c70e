package io.apogee.broker.query;

import io.apogee.broker.BrokerFixtureTest;
import io.apogee.remoting.RemotingCommand;
import io.apogee.remoting.RequestCode;
import io.apogee.remoting.ResponseCode;
import io.apogee.store.PutResult;
import org.junit.jupiter.api.Test;


import static org.assertj.core.api.Assertions.assertThat;

class ViewMessageProcessorTest extends BrokerFixtureTest<QueryFixture> {

    ViewMessageProcessorTest() {
        super(QueryFixture::new);
    }

    private static RemotingCommand view(long offset) {
        return RemotingCommand.request(RequestCode.VIEW_MESSAGE_BY_ID).putExt("offset", offset)
                .putExt("topic", "TopicV");
    }

    @Test
    void shouldAnswerTheOneRecordAtTheOffset() throws Exception {
        fixture.put("TopicV", "U1", "a");
        PutResult second = fixture.put("TopicV", "U2", "b");

        RemotingCommand viewed = fixture.call(view(second.wroteOffset()));

        assertThat(viewed.code()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(QueryFixture.uniqKeys(viewed.body())).containsExactly("U2");
        assertThat(viewed.body()).hasSize(second.wroteBytes());
    }

    @Test
    void shouldAnswerSystemErrorNamingAnOffsetWhereNoRecordStarts() throws Exception {
        PutResult first = fixture.put("TopicV", "U1", "a");

        RemotingCommand inside = fixture.call(view(first.wroteOffset() + 1));
        RemotingCommand beyond = fixture.call(view(1L << 40));

        assertThat(inside.code()).isEqualTo(ResponseCode.SYSTEM_ERROR);
        assertThat(inside.remark()).contains(Long.toString(first.wroteOffset() + 1));
        assertThat(beyond.code()).isEqualTo(ResponseCode.SYSTEM_ERROR);
    }

    @Test
    void shouldRejectAMissingOffset() throws Exception {
        RemotingCommand missing = fixture.call(RemotingCommand.request(RequestCode.VIEW_MESSAGE_BY_ID));

        assertThat(missing.code()).isNotEqualTo(ResponseCode.SUCCESS);
        assertThat(missing.remark()).contains("offset");
    }
}
