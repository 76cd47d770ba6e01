package org.motormesh.app;

import org.motormesh.app.bench.BenchCommand;
import org.motormesh.app.demo.DemoCommand;
import org.motormesh.cli.NodeCommand;
import org.motormesh.cli.PeersCommand;
import org.motormesh.cli.PingCommand;
import org.motormesh.cli.PubCommand;
import org.motormesh.cli.SubCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of the {@code motormesh} command: every verb, top to bottom. The mesh verbs come from the
 * coordinator's {@code cli}; the bridge, channel server, demo, dashboard and benchmarks live here.
 */
@Command(name = "motormesh", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Zero-configuration mesh for classroom robots: motors find each other by mDNS and talk "
                + "over UDP; one bridge links the mesh to the classroom channel.",
        subcommands = {
                NodeCommand.class,
                PeersCommand.class,
                PubCommand.class,
                SubCommand.class,
                PingCommand.class,
                BenchCommand.class,
                CommandLine.HelpCommand.class,
                BridgeCommand.class,
                MqttCommand.class,
                ChannelServerCommand.class,
                DemoCommand.class,
                DashboardCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }

    public static void main(String[] args) {
        Logging.configure(args);
        System.exit(commandLine().execute(args));
    }

    /** The full command tree with one-line error reporting. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("motormesh: " + oneLine(e));
            return 1;
        });
        cli.setParameterExceptionHandler((e, args) -> {
            CommandLine failed = e.getCommandLine();
            failed.getErr().println("motormesh: " + e.getMessage());
            failed.getErr().println("Try '" + failed.getCommandSpec().qualifiedName() + " --help'.");
            return 2;
        });
        return cli;
    }

    private static String oneLine(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getMessage() == null) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.toString() : root.getMessage();
    }
}
