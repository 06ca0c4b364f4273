package dev.gatehouse.server.cli;

import dev.gatehouse.server.app.Gatehouse;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code gatehouse migrate}: brings the configured database's schema up to date and exits, for
 * deployments that migrate before rolling out nodes ({@code serve} migrates at start as well).
 */
@Command(name = "migrate", mixinStandardHelpOptions = true, description = "Apply pending database migrations.")
final class MigrateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        String store = Gatehouse.migrate(Environment.config());
        spec.commandLine().getOut().println("Schema up to date: " + store);
        return 0;
    }
}
