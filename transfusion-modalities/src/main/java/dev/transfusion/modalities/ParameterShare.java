package dev.transfusion.modalities;

import dev.transfusion.param.ParamSpec;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * How many of a model's parameters belong to one component (by name prefix), e.g. the image patch encoder
 * registered under {@code image.} — the paper's U-Net is 0.27B of 7.3B.
 */
public record ParameterShare(String prefix, long componentParams, long totalParams) {
    /** The prefix the image encoder's parameters are registered under by the Transfusion model. */
    public static final String IMAGE_PREFIX = "image.";

    public ParameterShare {
        Objects.requireNonNull(prefix, "prefix");
        if (componentParams < 0 || totalParams < componentParams) {
            throw new IllegalArgumentException("need 0 <= component <= total, got " + componentParams + " of "
                    + totalParams);
        }
    }

    /** Counts the scalars of the specs whose name starts with {@code prefix} against all specs. */
    public static ParameterShare of(List<ParamSpec> specs, String prefix) {
        Objects.requireNonNull(specs, "specs");
        Objects.requireNonNull(prefix, "prefix");
        long part = 0;
        long total = 0;
        for (ParamSpec s : specs) {
            long n = s.shape().size();
            total += n;
            if (s.name().startsWith(prefix)) {
                part += n;
            }
        }
        return new ParameterShare(prefix, part, total);
    }

    /** The image encoder's share ({@code image.*}) of {@code specs}. */
    public static ParameterShare imageEncoder(List<ParamSpec> specs) {
        return of(specs, IMAGE_PREFIX);
    }

    /** The component's fraction of all parameters (0 when there are none). */
    public double fraction() {
        return totalParams == 0 ? 0 : (double) componentParams / totalParams;
    }

    /** One line for the CLI, e.g. {@code image.*: 1,234,567 of 10,000,000 parameters (12.35%)}. */
    public String describe() {
        return String.format(Locale.ROOT, "%s*: %,d of %,d parameters (%.2f%%)", prefix, componentParams, totalParams,
                100 * fraction());
    }
}
