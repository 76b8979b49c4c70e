package io.apogee.store;

/**
 * Role of the broker owning the store. Apogee has no replication: both master roles behave the same, and a
 * {@link #SLAVE} store refuses puts with {@link PutStatus#SERVICE_NOT_AVAILABLE}.
 */
public enum BrokerRole {
    ASYNC_MASTER,
    SYNC_MASTER,
    SLAVE
}
