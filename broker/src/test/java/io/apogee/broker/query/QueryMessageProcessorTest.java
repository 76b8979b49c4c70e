package io.apogee.broker.query;

import io.apogee.broker.BrokerFixtureTest;
import io.apogee.remoting.RemotingCommand;
import io.apogee.remoting.RequestCode;
import io.apogee.remoting.ResponseCode;
import io.apogee.store.PutResult;
import org.junit.jupiter.api.Test;


import static org.assertj.core.api.Assertions.assertThat;

class QueryMessageProcessorTest extends BrokerFixtureTest<QueryFixture> {

    QueryMessageProcessorTest() {
        super(QueryFixture::new);
    }

    private static RemotingCommand query(String topic, String key, int maxNum, long begin, long end) {
        return RemotingCommand.request(RequestCode.QUERY_MESSAGE).putExt("topic", topic).putExt("key", key)
                .putExt("maxNum", maxNum).putExt("beginTimestamp", begin).putExt("endTimestamp", end)
                .putExt("indexType", "K").putExt(QueryMessageProcessor.UNIQUE_KEY_QUERY, "false");
    }

    @Test
    void shouldAnswerTheRecordsStoredUnderAKeyOldestFirstWithTheIndexPosition() throws Exception {
        fixture.put("TopicQ", "U1", "order-1 shared");
        fixture.put("TopicQ", "U2", "order-2 shared");
        PutResult last = fixture.put("TopicQ", "U3", "order-3 shared");

        RemotingCommand shared = fixture.call(query("TopicQ", "shared", 10, 0, Long.MAX_VALUE));

        assertThat(shared.code()).as(shared.remark()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(QueryFixture.uniqKeys(shared.body())).containsExactly("U1", "U2", "U3");
        assertThat(shared.ext("indexLastUpdatePhyoffset")).isEqualTo(Long.toString(last.wroteOffset()));
        assertThat(Long.parseLong(shared.ext("indexLastUpdateTimestamp"))).isPositive();
        RemotingCommand one = fixture.call(query("TopicQ", "order-2", 10, 0, Long.MAX_VALUE));
        assertThat(QueryFixture.uniqKeys(one.body())).containsExactly("U2");
    }

    @Test
    void shouldAnswerTheNewestMaxNumRecords() throws Exception {
        for (int i = 0; i < 5; i++) {
            fixture.put("TopicQ", "U" + i, "same");
        }
        RemotingCommand two = fixture.call(query("TopicQ", "same", 2, 0, Long.MAX_VALUE));
        assertThat(QueryFixture.uniqKeys(two.body())).containsExactly("U3", "U4");
    }

    @Test
    void shouldFindByUniqueKeyWhenAskedForAUniqueKeyQuery() throws Exception {
        fixture.put("TopicQ", "0A0000010000000000000000000000AB", "k");
        RemotingCommand request = query("TopicQ", "0A0000010000000000000000000000AB", 1, 0, Long.MAX_VALUE)
                .putExt("indexType", "U").putExt(QueryMessageProcessor.UNIQUE_KEY_QUERY, "true");

        RemotingCommand found = fixture.call(request);

        assertThat(found.code()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(QueryFixture.uniqKeys(found.body())).containsExactly("0A0000010000000000000000000000AB");
    }

    @Test
    void shouldAnswerQueryNotFoundWithTheIndexPositionWhenNothingMatches() throws Exception {
        fixture.put("TopicQ", "U1", "order-1");

        RemotingCommand otherTopic = fixture.call(query("TopicOther", "order-1", 10, 0, Long.MAX_VALUE));
        RemotingCommand tooLate = fixture.call(query("TopicQ", "order-1", 10, System.currentTimeMillis() + 60_000,
                Long.MAX_VALUE));

        assertThat(otherTopic.code()).isEqualTo(ResponseCode.QUERY_NOT_FOUND);
        assertThat(otherTopic.remark()).contains("TopicOther").contains("order-1");
        assertThat(otherTopic.ext("indexLastUpdatePhyoffset")).isNotNull();
        assertThat(tooLate.code()).isEqualTo(ResponseCode.QUERY_NOT_FOUND);
    }

    @Test
    void shouldRejectIllegalValuesNamingThem() throws Exception {
        RemotingCommand zero = fixture.call(query("TopicQ", "k", 0, 0, 10));
        RemotingCommand backwards = fixture.call(query("TopicQ", "k", 5, 20, 10));
        RemotingCommand type = fixture.call(query("TopicQ", "k", 5, 0, 10).putExt("indexType", "X"));

        assertThat(zero.code()).isEqualTo(ResponseCode.INVALID_PARAMETER);
        assertThat(zero.remark()).contains("maxNum 0");
        assertThat(backwards.code()).isEqualTo(ResponseCode.INVALID_PARAMETER);
        assertThat(backwards.remark()).contains("beginTimestamp 20");
        assertThat(type.code()).isEqualTo(ResponseCode.INVALID_PARAMETER);
        assertThat(type.remark()).contains("indexType X");
    }

    @Test
    void shouldFindByTagWhenTheIndexTypeIsT() throws Exception {
        fixture.put("TopicQ", "U1", "k1", "TagA");
        fixture.put("TopicQ", "U2", "TagA", "TagB");
        fixture.put("TopicQ", "U3", "k3", "TagA");

        RemotingCommand tagA = fixture.call(query("TopicQ", "TagA", 10, 0, Long.MAX_VALUE).putExt("indexType", "T"));
        RemotingCommand tagC = fixture.call(query("TopicQ", "TagC", 10, 0, Long.MAX_VALUE).putExt("indexType", "T"));

        assertThat(tagA.code()).as(tagA.remark()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(QueryFixture.uniqKeys(tagA.body())).as("tag TagA, not the key TagA").containsExactly("U1", "U3");
        assertThat(tagC.code()).isEqualTo(ResponseCode.QUERY_NOT_FOUND);
        assertThat(tagC.remark()).contains("tag TagC");
    }
}
