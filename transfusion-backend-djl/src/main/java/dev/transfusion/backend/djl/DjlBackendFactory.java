package dev.transfusion.backend.djl;

import ai.djl.engine.Engine;
import dev.transfusion.backend.Backend;
import dev.transfusion.backend.BackendFactory;
import dev.transfusion.backend.BackendOptions;
import dev.transfusion.backend.Capability;
import dev.transfusion.plugin.ComponentSpec;
import dev.transfusion.plugin.PluginContext;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/** The DJL/PyTorch backend plugin under the name {@code djl} with rank 100. */
public final class DjlBackendFactory implements BackendFactory {
    /** The name configs select this backend by. */
    public static final String NAME = "djl";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int rank() {
        return 100;
    }

    @Override
    public boolean isAvailable() {
        return DjlEngine.available();
    }

    @Override
    public Set<Capability> capabilities() {
        return isAvailable() ? capabilitiesOf(DjlEngine.load(0)) : DjlBackend.baseCapabilities();
    }

    @Override
    public Backend create(ComponentSpec spec, PluginContext context) {
        return new DjlBackend(BackendOptions.from(Objects.requireNonNull(spec, "spec")));
    }

    @Override
    public String description() {
        return "PyTorch through DJL, eager; params device=cpu (or gpu:N), threads=0";
    }

    /** AUTOGRAD and EAGER always; GPU when PyTorch sees at least one CUDA device. */
    static Set<Capability> capabilitiesOf(Engine engine) {
        EnumSet<Capability> caps = EnumSet.copyOf(DjlBackend.baseCapabilities());
        if (engine.getGpuCount() > 0) {
            caps.add(Capability.GPU);
        }
        return Collections.unmodifiableSet(caps);
    }
}
