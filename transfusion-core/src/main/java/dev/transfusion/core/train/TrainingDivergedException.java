package dev.transfusion.core.train;

/** Thrown when too many consecutive steps had a non-finite loss or gradient; the last checkpoint is intact. */
public class TrainingDivergedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a user-facing message. */
    public TrainingDivergedException(String message) {
        super(message);
    }
}
