package io.apogee.namesrv;

/**
 * What the name server tells a broker after its registration: for a slave, the address of its group's
 * master and the master's replication address; both null for a master or when no master is registered.
 */
public record RegistrationResult(String masterAddr, String haServerAddr) {
}
