package dev.transfusion.core.model;

import dev.transfusion.backend.Env;
import dev.transfusion.backend.TensorFunction;
import dev.transfusion.tensor.Tensor;
import dev.transfusion.tensor.ops.MathOps;
import dev.transfusion.tensor.ops.Ops;
import java.util.Map;

/**
 * The Transfusion objective as a program over a packed batch ({@link BatchKeys}): {@code loss = L_LM +
 * λ·L_diffusion}. L_LM is next-token cross-entropy averaged over text targets; L_diffusion is the MSE of the
 * objective's target, averaged within each image, then over the real images of the batch. Outputs are named by
 * {@link LossKeys}.
 */
public final class TransfusionLoss implements TensorFunction {
    private final TransfusionModel model;
    private final double lambda;

    /** The loss of {@code model} with diffusion weight {@code lambda} (the paper: 5). */
    public TransfusionLoss(TransfusionModel model, double lambda) {
        this.model = model;
        this.lambda = lambda;
    }

    @Override
    public Map<String, Tensor> apply(Env env, Map<String, Tensor> in) {
        Ops ops = env.ops();
        MathOps m = ops.math();
        ModelOutput out = model.forward(env, ModelInput.ofBatch(in));

        Tensor ce = ops.nn().crossEntropy(out.logits(), in.get(BatchKeys.TEXT_TARGETS)); // (B, L)
        Tensor textMask = in.get(BatchKeys.TEXT_MASK);
        Tensor one = ops.create().scalar(1.0);
        Tensor lm = m.div(m.sum(m.mul(ce, textMask), false), m.maximum(m.sum(textMask, false), one));

        Tensor pred = out.prediction(); // (NI, C, h, w)
        Tensor perImage = m.mean(m.square(m.sub(pred, in.get(BatchKeys.TARGET))), false, 1, 2, 3); // (NI)
        Tensor w = in.get(BatchKeys.IMAGE_WEIGHT);
        Tensor diff = m.div(m.sum(m.mul(perImage, w), false), m.maximum(m.sum(w, false), one));

        Tensor loss = m.add(lm, m.mul(diff, lambda));
        return Map.of(LossKeys.LOSS, loss, LossKeys.LM_LOSS, lm, LossKeys.DIFFUSION_LOSS, diff);
    }
}
