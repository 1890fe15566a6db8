package dev.transfusion.eval;

import dev.transfusion.tensor.HostTensor;

/**
 * Maps an image to a feature vector for the Fréchet distance. Implementations must be deterministic; the name says
 * which features were used (reports print "FD on &lt;name&gt;", never FID, since no Inception weights are used).
 */
public interface FeatureExtractor {
    /** What the features are, e.g. {@code fixed random conv features (seed 1234)}. */
    String name();

    /** Length of every feature vector. */
    int dimension();

    /** Features of one image {@code (C, H, W)} in [0, 1]. */
    double[] features(HostTensor image);
}
