#!/bin/sh
# RocketMQ's tools.sh: runs a client-side class by name. Apogee maps the names its quick start uses to its own code
# (the Apache client is not shipped):
#   export NAMESRV_ADDR=localhost:9876
#   sh bin/tools.sh org.apache.rocketmq.example.quickstart.Producer   # 1000 messages to TopicTest
#   sh bin/tools.sh org.apache.rocketmq.example.quickstart.Consumer   # prints them; Ctrl-C to stop
#   sh bin/tools.sh org.apache.rocketmq.tools.command.MQAdminStartup clusterList   # = bin/mqadmin
# Any other class name is refused with the list of mapped names. Needs a build (mvn -B package -DskipTests).

self="$0"
while [ -h "$self" ]; do
    link=$(readlink "$self")
    case "$link" in
        /*) self="$link" ;;
        *) self="$(dirname "$self")/$link" ;;
    esac
done
BIN_DIR=$(cd "$(dirname "$self")" && pwd -P)
APOGEE_HOME=$(dirname "$BIN_DIR")
DIST="$APOGEE_HOME/distribution/target"

if [ -n "$JAVA_HOME" ]; then
    JAVA="$JAVA_HOME/bin/java"
else
    JAVA=java
fi
if ! command -v "$JAVA" >/dev/null 2>&1; then
    echo "tools.sh: no Java found; install Java 17+ or set JAVA_HOME" >&2
    exit 1
fi
if [ ! -d "$DIST/lib" ]; then
    echo "tools.sh: not built yet; run 'mvn -B package -DskipTests' in $APOGEE_HOME" >&2
    exit 1
fi
if [ -z "$JAVA_OPT" ]; then
    JAVA_OPT="-Xms64m -Xmx256m -XX:+UseSerialGC -Dlogback.configurationFile=apogee-tools-logback.xml"
fi

# JAVA_OPT is split on spaces on purpose (several options in one variable).
# shellcheck disable=SC2086
exec "$JAVA" $JAVA_OPT -Dapogee.home="$APOGEE_HOME" -cp "$DIST/lib/*" io.apogee.tools.ToolsMain "$@"
