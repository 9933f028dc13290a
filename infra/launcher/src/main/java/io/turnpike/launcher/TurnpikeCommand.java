package io.turnpike.launcher;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code turnpike <command>}: the entry point behind {@code bin/turnpike}. */
@Command(name = "turnpike", mixinStandardHelpOptions = true, version = "turnpike 0.1.0",
        description = "Self-hosted, event-sourced AI gateway for Claude clients.",
        subcommands = {UpCommand.class})
public final class TurnpikeCommand implements Runnable {

    public static void main(String[] args) {
        System.exit(new CommandLine(new TurnpikeCommand()).execute(args));
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
