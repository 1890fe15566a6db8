package dev.transfusion.core.runtime;

import dev.transfusion.data.Dataset;

/** The optional text-only dataset ({@code data.text}); {@code dataset} is null when none is configured. */
public record TextDatasetHolder(Dataset dataset) {
}
