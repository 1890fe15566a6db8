package dev.transfusion.data;

import dev.transfusion.plugin.ComponentFactory;

/**
 * A named dataset plugin ({@code data: {type: name, ...}}), listed in
 * {@code META-INF/services/dev.transfusion.data.DatasetFactory}.
 */
public interface DatasetFactory extends ComponentFactory<Dataset> {
}
