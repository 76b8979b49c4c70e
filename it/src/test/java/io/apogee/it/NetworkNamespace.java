package io.apogee.it;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A Linux network namespace joined to this one by a veth pair: {@link #hostAddress()} on this side,
 * {@link #innerAddress()} inside, a /30 of 10.231.0.0/16 picked at random. Lets a test run a server in the namespace
 * on a port that it can use on the host address for something else (a proxy), which one namespace cannot do when
 * the server binds 0.0.0.0. Needs root and {@code ip}; {@link #create} returns null where that is not available
 * (callers skip). Removing the namespace removes the veth pair too. Not thread-safe: owned by one test.
 */
final class NetworkNamespace implements AutoCloseable {

    private final String name;
    private final String hostDevice;
    private final String hostAddress;
    private final String innerAddress;

    private NetworkNamespace(String name, String hostDevice, String hostAddress, String innerAddress) {
        this.name = name;
        this.hostDevice = hostDevice;
        this.hostAddress = hostAddress;
        this.innerAddress = innerAddress;
    }

    /** A new namespace with its veth pair up, or null when this machine cannot make one. */
    static NetworkNamespace create() {
        int id = ThreadLocalRandom.current().nextInt(1 << 14);
        String name = "apogee-it-" + ProcessHandle.current().pid() + "-" + id;
        String hostDevice = "apg" + id + "h";
        String innerDevice = "apg" + id + "i";
        String subnet = "10.231." + (id >> 6) + ".";
        int base = (id & 63) * 4;
        NetworkNamespace ns = new NetworkNamespace(name, hostDevice, subnet + (base + 1), subnet + (base + 2));
        boolean made = run("ip", "netns", "add", name)
                && run("ip", "link", "add", hostDevice, "type", "veth", "peer", "name", innerDevice)
                && run("ip", "link", "set", innerDevice, "netns", name)
                && run("ip", "addr", "add", ns.hostAddress + "/30", "dev", hostDevice)
                && run("ip", "link", "set", hostDevice, "up")
                && run("ip", "netns", "exec", name, "ip", "addr", "add", ns.innerAddress + "/30", "dev", innerDevice)
                && run("ip", "netns", "exec", name, "ip", "link", "set", innerDevice, "up")
                && run("ip", "netns", "exec", name, "ip", "link", "set", "lo", "up");
        if (!made) {
            ns.close();
            return null;
        }
        return ns;
    }

    String name() {
        return name;
    }

    /** This side's address of the veth pair. */
    String hostAddress() {
        return hostAddress;
    }

    /** The namespace's address of the veth pair. */
    String innerAddress() {
        return innerAddress;
    }

    @Override
    public void close() {
        run("ip", "link", "del", hostDevice);
        run("ip", "netns", "del", name);
    }

    private static boolean run(String... command) {
        try {
            Process p = new ProcessBuilder(new ArrayList<>(List.of(command))).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
