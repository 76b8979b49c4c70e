package io.apogee.namesrv;

import io.apogee.remoting.body.DataVersion;

/**
 * Answer to QUERY_DATA_VERSION: whether the broker's topic-table version differs from the one the name
 * server holds, and the held version (null when the broker address is not registered).
 */
public record DataVersionCheck(boolean changed, DataVersion stored) {
}
