package dev.transfusion.backend.tf;

/** Adds context to TensorFlow's exceptions, which share no base class (some are IllegalArgumentExceptions). */
final class TfErrors {
    private TfErrors() {
    }

    /** True for exceptions thrown by the TensorFlow runtime. */
    static boolean fromTensorFlow(RuntimeException e) {
        return e.getClass().getName().startsWith("org.tensorflow.exceptions.");
    }

    /** {@code e} with {@code context} prefixed, keeping argument errors as {@link IllegalArgumentException}. */
    static RuntimeException wrap(String context, RuntimeException e) {
        if (!fromTensorFlow(e)) {
            return e;
        }
        String msg = context + ": " + e.getMessage();
        return e instanceof IllegalArgumentException ? new IllegalArgumentException(msg, e)
                : new IllegalStateException(msg, e);
    }
}
