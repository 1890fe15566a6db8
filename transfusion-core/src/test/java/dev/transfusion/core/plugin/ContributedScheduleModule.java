package dev.transfusion.core.plugin;

import com.google.inject.AbstractModule;
import com.google.inject.Inject;
import com.google.inject.multibindings.MapBinder;
import com.google.inject.name.Named;
import com.google.inject.name.Names;
import dev.transfusion.diffusion.NoiseSchedule;
import dev.transfusion.diffusion.NoiseScheduleFactory;
import dev.transfusion.plugin.ComponentSpec;
import dev.transfusion.plugin.PluginContext;
import dev.transfusion.samplers.schedule.Schedules;

/**
 * A Guice module a plugin jar contributes (listed in this module's test META-INF/services/com.google.inject.Module):
 * it binds a value and a schedule factory, named {@code contributed}, that Guice creates with that value injected:
 * a linear schedule whose final β is the bound value.
 */
public final class ContributedScheduleModule extends AbstractModule {
    /** The final β the module binds (the built-in linear schedule's default is 0.02). */
    public static final double BETA_END = 0.031;

    @Override
    protected void configure() {
        bind(Double.class).annotatedWith(Names.named("contributed.beta_end")).toInstance(BETA_END);
        MapBinder.newMapBinder(binder(), String.class, NoiseScheduleFactory.class).addBinding("contributed")
                .to(Factory.class);
    }

    /** A linear schedule of {@code timesteps} (default 1000) whose final β comes from the module's binding. */
    static final class Factory implements NoiseScheduleFactory {
        private final double betaEnd;

        @Inject
        Factory(@Named("contributed.beta_end") Double betaEnd) {
            this.betaEnd = betaEnd;
        }

        @Override
        public String name() {
            return "contributed";
        }

        @Override
        public NoiseSchedule create(ComponentSpec spec, PluginContext context) {
            spec.requireOnly("timesteps");
            return Schedules.linear(spec.getInt("timesteps", 1000), 1e-4, betaEnd);
        }
    }
}
