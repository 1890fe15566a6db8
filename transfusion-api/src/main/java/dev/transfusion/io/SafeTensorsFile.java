package dev.transfusion.io;

import dev.transfusion.tensor.HostTensor;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** The content of a safetensors file: tensors by name (in header order) and the {@code __metadata__} strings. */
public record SafeTensorsFile(Map<String, HostTensor> tensors, Map<String, String> metadata) {
    public SafeTensorsFile {
        tensors = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(tensors, "tensors")));
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(metadata, "metadata")));
    }
}
