package dev.transfusion.backend.tf;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Op;

/** One session run: feeds, fetches and targets; the fetched tensors are handed to the caller, who closes them. */
final class TfRun {
    private TfRun() {
    }

    /** Runs the session (lock held by the caller) and returns one native tensor per fetch, in order. */
    static List<org.tensorflow.Tensor> run(Session session, String what, Map<Operand<?>, org.tensorflow.Tensor> feeds,
            List<? extends Operand<?>> fetches, List<? extends Op> targets) {
        Session.Runner r = session.runner();
        feeds.forEach(r::feed);
        fetches.forEach(r::fetch);
        targets.forEach(r::addTarget);
        Result result;
        try {
            result = r.run();
        } catch (RuntimeException e) {
            throw TfErrors.wrap("TensorFlow failed to run " + what, e);
        }
        // Result.close() would close every tensor; instead ownership of each moves to the caller.
        List<org.tensorflow.Tensor> out = new ArrayList<>(result.size());
        for (int i = 0; i < result.size(); i++) {
            out.add(result.get(i));
        }
        return out;
    }

    /** Closes every tensor in {@code tensors}, ignoring nulls. */
    static void closeAll(Iterable<? extends org.tensorflow.Tensor> tensors) {
        for (org.tensorflow.Tensor t : tensors) {
            if (t != null) {
                t.close();
            }
        }
    }
}
