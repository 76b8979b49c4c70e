package io.apogee.it;

import org.apache.rocketmq.common.MQVersion;
import org.apache.rocketmq.remoting.RPCHook;
import org.apache.rocketmq.tools.command.MQAdminStartup;
import org.apache.rocketmq.tools.command.SubCommand;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;

/**
 * Runs one of Apache's mqadmin sub-commands the way 4.9.8's {@code MQAdminStartup.main0} does (its command list,
 * {@code ServerUtil}'s option parsing with a {@code PosixParser}, the name-server property, a stack trace on
 * failure) except that the command gets the given RPC hook: 4.9.8's {@code main0} ignores the hook it is passed and
 * hands the command the ACL hook of {@code conf/tools.yml}. Skips 4.9.8's {@code main0} logback set-up (it resets
 * the test JVM's logging from {@code <rocketmq.home.dir>/conf/logback_tools.xml} and stops when that is missing).
 * commons-cli and srvutil types are reached by reflection: the test modules do not depend on those jars directly.
 *
 * <p>Not thread-safe (the command list is loaded once, unsynchronized); used from one test thread.
 */
final class HookedSubCommand {

    private static List<?> commands;

    private HookedSubCommand() {
    }

    /** Runs {@code mqadmin <arguments[0]> <arguments[1..]>} with {@code hook}; prints like main0. */
    static void run(String[] arguments, RPCHook hook) throws ReflectiveOperationException {
        System.setProperty("rocketmq.remoting.version", Integer.toString(MQVersion.CURRENT_VERSION));
        SubCommand command = find(arguments[0]);
        if (command == null) {
            System.out.printf("The sub command %s not exist.%n", arguments[0]);
            return;
        }
        Class<?> optionsType = Class.forName("org.apache.commons.cli.Options");
        Class<?> lineType = Class.forName("org.apache.commons.cli.CommandLine");
        Class<?> parserType = Class.forName("org.apache.commons.cli.CommandLineParser");
        Class<?> serverUtil = Class.forName("org.apache.rocketmq.srvutil.ServerUtil");
        Object options = serverUtil.getMethod("buildCommandlineOptions", optionsType)
                .invoke(null, optionsType.getConstructor().newInstance());
        SubCommand.class.getMethod("buildCommandlineOptions", optionsType).invoke(command, options);
        Object parser = Class.forName("org.apache.commons.cli.PosixParser").getConstructor().newInstance();
        String[] subArguments = Arrays.copyOfRange(arguments, 1, arguments.length);
        Object line = serverUtil.getMethod("parseCmdLine", String.class, String[].class, optionsType, parserType)
                .invoke(null, "mqadmin " + command.commandName(), subArguments, options, parser);
        if (line == null) {
            return;
        }
        Method hasOption = lineType.getMethod("hasOption", char.class);
        if ((Boolean) hasOption.invoke(line, 'n')) {
            System.setProperty("rocketmq.namesrv.addr",
                    (String) lineType.getMethod("getOptionValue", char.class).invoke(line, 'n'));
        }
        try {
            SubCommand.class.getMethod("execute", lineType, optionsType, RPCHook.class)
                    .invoke(command, line, options, hook);
        } catch (InvocationTargetException e) {
            e.getCause().printStackTrace();
        }
    }

    private static SubCommand find(String name) throws ReflectiveOperationException {
        if (commands == null) {
            MQAdminStartup.initCommand();
            Field list = MQAdminStartup.class.getDeclaredField("subCommandList");
            list.setAccessible(true);
            commands = List.copyOf((List<?>) list.get(null));
        }
        for (Object command : commands) {
            if (((SubCommand) command).commandName().equals(name)) {
                return (SubCommand) command;
            }
        }
        return null;
    }
}
