package io.apogee.console;

import io.apogee.common.config.ConfigKey;

/**
 * Settings of the web console, bound from the same file and {@code key=value} arguments as the broker's under
 * {@code apogee standalone}, or from {@code apogee console}'s own. Every field is a key, its initial value the
 * default ({@code docs/CONFIG.md} is generated from them).
 *
 * <p>Not thread-safe: filled on one thread before the console starts, then only read.
 */
public final class ConsoleConfig {

    @ConfigKey(doc = "Serve the web console (apogee standalone; apogee console always does).")
    public boolean consoleEnable = true;

    @ConfigKey(doc = "TCP port of the web console; 0 picks a free port.", min = 0, max = 65535)
    public int consolePort = 8080;

    @ConfigKey(doc = "Address the console binds to; 127.0.0.1 keeps it on this machine, 0.0.0.0 opens it to every "
            + "interface (put it behind TLS then: the console sends passwords and session cookies).")
    public String consoleBindAddress = "127.0.0.1";

    @ConfigKey(doc = "Directory of the console's users file (users.properties: one 'name = role:bcrypt-hash' line "
            + "per user, role admin or read-only) and audit log (audit.log); empty: ~/apogee/console. Without a "
            + "users file the first start creates one with a random admin password, printed once.")
    public String consoleDataDir = "";

    @ConfigKey(doc = "Minutes a console session lasts without a request.", min = 1, max = 7 * 24 * 60)
    public int consoleSessionMinutes = 60;

    @ConfigKey(doc = "Name servers the console asks, host:port separated by ';' (apogee console -n sets it; "
            + "apogee standalone uses its own name server).")
    public String consoleNamesrvAddr = "";
}
