package dev.transfusion.modalities;

import static org.assertj.core.api.Assertions.assertThat;

import dev.transfusion.param.Init;
import dev.transfusion.param.ParamSpec;
import dev.transfusion.tensor.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParameterShareTest {
    @Test
    void countsScalarsUnderThePrefix() {
        List<ParamSpec> specs = List.of(new ParamSpec("tok_embeddings.weight", Shape.of(10, 4), Init.zeros(), false),
                new ParamSpec("image.conv_in.weight", Shape.of(2, 3, 3, 3), Init.zeros(), true),
                new ParamSpec("image.conv_in.bias", Shape.of(2), Init.zeros(), false),
                new ParamSpec("imagery.weight", Shape.of(100), Init.zeros(), false));
        ParameterShare share = ParameterShare.imageEncoder(specs);
        assertThat(share.componentParams()).isEqualTo(56);
        assertThat(share.totalParams()).isEqualTo(196);
        assertThat(share.fraction()).isEqualTo(56.0 / 196);
        assertThat(share.describe()).isEqualTo("image.*: 56 of 196 parameters (28.57%)");
    }

    @Test
    void anEmptyModelHasAZeroShare() {
        assertThat(ParameterShare.of(List.of(), "image.").fraction()).isZero();
    }
}
