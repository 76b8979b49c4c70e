package io.apogee.tools.cli.broker;

import picocli.CommandLine.Option;

/** The {@code -b ADDR | -c CLUSTER} choice of the broker commands (exactly one of them). */
final class BrokerOrCluster {

    @Option(names = {"-b", "--brokerAddr"}, required = true, paramLabel = "ADDR", description = "Broker address.")
    String brokerAddr;

    @Option(names = {"-c", "--clusterName"}, required = true, paramLabel = "CLUSTER", description = "Cluster name.")
    String cluster;
}
