package dev.transfusion.core.runtime;

import dev.transfusion.core.checkpoint.Checkpoint;
import dev.transfusion.param.ParamSpec;
import dev.transfusion.tensor.HostTensor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks, before a resumed run writes anything, that a checkpoint fits the experiment's model: the same parameter
 * names with the same shapes. A different config (another size, encoder or vocabulary) fails here, naming the
 * first differences, instead of as a shape error deep in the backend after the run's files were touched.
 */
final class ResumeCheck {
    private static final int SHOWN = 3;

    private ResumeCheck() {
    }

    /** Throws naming {@code checkpointDir} and the first differences when the parameters do not match. */
    static void requireCompatible(Experiment experiment, Checkpoint checkpoint, Path checkpointDir) {
        List<String> problems = differences(experiment.model().params(), checkpoint.params());
        if (problems.isEmpty()) {
            return;
        }
        String shown = String.join("; ", problems.subList(0, Math.min(SHOWN, problems.size())));
        String more = problems.size() > SHOWN ? "; and " + (problems.size() - SHOWN) + " more" : "";
        throw new IllegalArgumentException("--resume: checkpoint " + checkpointDir + " does not fit this config's "
                + "model: " + shown + more + ". Resume with the config the run was trained with (its "
                + TrainingRun.CONFIG_FILE + "), changing only settings that keep the parameters, such as "
                + "train.steps");
    }

    /** Each parameter missing, extra or of another shape, in the model's order, then the checkpoint's extras. */
    static List<String> differences(List<ParamSpec> model, Map<String, HostTensor> saved) {
        List<String> out = new ArrayList<>();
        Set<String> extra = new LinkedHashSet<>(saved.keySet());
        for (ParamSpec spec : model) {
            HostTensor t = saved.get(spec.name());
            extra.remove(spec.name());
            if (t == null) {
                out.add("the model has '" + spec.name() + "' " + spec.shape() + " but the checkpoint does not");
            } else if (!t.shape().equals(spec.shape())) {
                out.add("'" + spec.name() + "' is " + t.shape() + " in the checkpoint but " + spec.shape()
                        + " in the model");
            }
        }
        for (String name : extra) {
            out.add("the checkpoint has '" + name + "' " + saved.get(name).shape() + " but the model does not");
        }
        return out;
    }
}
