package io.apogee.store;

/**
 * Role of the broker owning the store ({@link Replication}): masters stream their commit log to slaves;
 * {@link #SYNC_MASTER} answers a put only once a slave holds it ({@link PutStatus#FLUSH_SLAVE_TIMEOUT},
 * {@link PutStatus#SLAVE_NOT_AVAILABLE} otherwise); a {@link #SLAVE} store copies its master's log and refuses puts
 * with {@link PutStatus#SERVICE_NOT_AVAILABLE}.
 */
public enum BrokerRole {
    ASYNC_MASTER,
    SYNC_MASTER,
    SLAVE
}
