package io.apogee.remoting.body;

/**
 * Body of CHECK_CLIENT_CONFIG (46), client to broker, sent by a consumer's {@code start()} for each non-TAG
 * (SQL92) subscription: {@code {"clientId":"ip@pid#nano","group":"G","subscriptionData":{SubscriptionData}}}
 * (5.x may add {@code "namespace"}). Note {@code clientId} here vs {@code clientID} in HeartbeatData. See
 * docs/protocol/08-json-bodies.md §3.
 */
public final class CheckClientRequestBody {
    public String clientId;
    public String group;
    public String namespace;
    public SubscriptionData subscriptionData;

    public CheckClientRequestBody() {
    }

    public CheckClientRequestBody(String clientId, String group, SubscriptionData subscriptionData) {
        this.clientId = clientId;
        this.group = group;
        this.subscriptionData = subscriptionData;
    }
}
