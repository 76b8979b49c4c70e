package io.apogee.store.ha;

/**
 * How replication runs; built by the store from its config (keys of the same names, docs/CONFIG.md).
 *
 * @param listenPort         master: HA port, 0 for any free port
 * @param transferBatchSize  master: largest frame body, bytes ({@code haTransferBatchSize})
 * @param heartbeatMillis    idle time after which the master sends a heartbeat and the slave reports
 *                           ({@code haSendHeartbeatInterval})
 * @param housekeepingMillis silence after which either side closes the connection ({@code haHousekeepingInterval})
 * @param reconnectMillis    slave: pause before connecting again ({@code haReconnectInterval})
 * @param slaveTimeoutMillis SYNC_MASTER: longest wait for a slave's acknowledgement ({@code slaveTimeout})
 * @param fallBehindMax      SYNC_MASTER: bytes the best slave may lag before sends are answered "slave not
 *                           available" at once ({@code haSlaveFallbehindMax})
 * @param fromLastFile       master: an empty slave starts at the newest file instead of the oldest
 *                           ({@code syncFromLastFile})
 * @param slavesToWait       SYNC_MASTER: slaves that must hold a message ({@code inSyncReplicas - 1}, at least 1)
 */
public record HaSettings(int listenPort, int transferBatchSize, long heartbeatMillis, long housekeepingMillis,
                         long reconnectMillis, long slaveTimeoutMillis, long fallBehindMax, boolean fromLastFile,
                         int slavesToWait) {
}
