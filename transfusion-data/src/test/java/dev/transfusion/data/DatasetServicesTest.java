package dev.transfusion.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class DatasetServicesTest {
    @Test
    void allDatasetsAreRegistered() {
        assertThat(ServiceLoader.load(DatasetFactory.class).stream().map(p -> p.get().name()))
                .containsExactlyInAnyOrder("shapes", "idx", "folder", "text");
    }
}
