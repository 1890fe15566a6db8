package dev.transfusion.diffusion;

import dev.transfusion.plugin.ComponentFactory;
import dev.transfusion.plugin.ComponentSpec;
import dev.transfusion.plugin.PluginContext;

/**
 * Plugin kind for diffusion objectives ({@code diffusion.objective: {type: epsilon}}; the loss weight λ is
 * {@code diffusion.loss_weight}, not an objective param). An objective is built over a schedule, so the
 * three-argument {@link #create(ComponentSpec, PluginContext, NoiseSchedule)} is the one to call.
 */
public interface DiffusionObjectiveFactory extends ComponentFactory<DiffusionObjective> {
    /** The config path objectives live at, used in messages that refer to the objective from elsewhere. */
    String CONFIG_PATH = "diffusion.objective";

    /** Creates the objective over {@code schedule} (flow objectives use only its T). */
    DiffusionObjective create(ComponentSpec spec, PluginContext context, NoiseSchedule schedule);

    /** Not usable without a schedule: always throws, pointing at the three-argument create. */
    @Override
    default DiffusionObjective create(ComponentSpec spec, PluginContext context) {
        throw new UnsupportedOperationException("objective '" + name()
                + "' needs a noise schedule: call create(spec, context, schedule)");
    }
}
