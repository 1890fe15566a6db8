package dev.transfusion.param;

import dev.transfusion.tensor.HostTensor;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Draws initial values for parameter specs from one seed. Each parameter gets its own stream derived from the
 * seed and its name, so adding a parameter does not change the others' initial values.
 */
public final class ParamInitializer {
    private ParamInitializer() {
    }

    /** Initial values for every spec, in order. */
    public static Map<String, HostTensor> initialize(List<ParamSpec> specs, long seed) {
        Map<String, HostTensor> out = new LinkedHashMap<>();
        for (ParamSpec s : specs) {
            out.put(s.name(), s.init().sample(s.shape(), new SplittableRandom(mix(seed, s.name()))));
        }
        return out;
    }

    private static long mix(long seed, String name) {
        long h = 0xcbf29ce484222325L; // FNV-1a over the name, then mixed with the seed
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ b) * 0x100000001b3L;
        }
        return h ^ (seed * 0x9E3779B97F4A7C15L);
    }
}
