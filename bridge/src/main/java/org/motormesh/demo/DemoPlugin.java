package org.motormesh.demo;

import java.util.List;
import org.motormesh.cli.CommandPlugin;
import org.motormesh.dashboard.DashboardCommand;

/** Adds {@code demo} and {@code dashboard} to the {@code motormesh} command (found by ServiceLoader). */
public final class DemoPlugin implements CommandPlugin {
    @Override
    public List<Object> commands() {
        return List.of(new DemoCommand(), new DashboardCommand());
    }
}
