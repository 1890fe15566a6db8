package dev.transfusion.samplers.sampler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.transfusion.plugin.ComponentSpec;
import dev.transfusion.plugin.ConfigException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Expected lists are diffusers' timestep_spacing results shifted by one (our trained levels are 1..T). */
class SpacingTest {
    @Test
    void trailingStartsAtPureNoise() {
        int[] ts = Spacing.TRAILING.timesteps(1000, 50);
        assertThat(ts).hasSize(50).startsWith(1000, 980, 960).endsWith(40, 20);
        assertThat(Spacing.TRAILING.timesteps(1000, 250)).startsWith(1000, 996).endsWith(4);
        assertThat(Spacing.TRAILING.timesteps(10, 3)).containsExactly(10, 7, 3);
        assertThat(Spacing.TRAILING.timesteps(1000, 1)).containsExactly(1000);
    }

    @Test
    void leadingEndsAtOne() {
        assertThat(Spacing.LEADING.timesteps(1000, 50)).startsWith(981, 961, 941).endsWith(21, 1);
        assertThat(Spacing.LEADING.timesteps(10, 3)).containsExactly(7, 4, 1);
    }

    @Test
    void linspaceCoversBothEnds() {
        assertThat(Spacing.LINSPACE.timesteps(1000, 50)).startsWith(1000, 980, 959).endsWith(21, 1);
        assertThat(Spacing.LINSPACE.timesteps(10, 3)).containsExactly(10, 5, 1); // 4.5 rounds half-to-even
        assertThat(Spacing.LINSPACE.timesteps(1000, 7)).startsWith(1000, 833, 667, 501);
        assertThat(Spacing.LINSPACE.timesteps(1000, 1)).containsExactly(1000);
    }

    @Test
    void everySpacingIsStrictlyDescendingWithinRange() {
        for (Spacing s : Spacing.values()) {
            for (int steps : new int[] {1, 3, 7, 249, 250, 333, 999, 1000}) {
                int[] ts = s.timesteps(1000, steps);
                assertThat(ts).hasSize(steps);
                for (int i = 0; i < ts.length; i++) {
                    assertThat(ts[i]).isBetween(1, 1000);
                    if (i > 0) {
                        assertThat(ts[i]).as("%s steps=%d index %d", s, steps, i).isLessThan(ts[i - 1]);
                    }
                }
            }
            assertThat(s.timesteps(7, 7)).containsExactly(7, 6, 5, 4, 3, 2, 1);
        }
    }

    @Test
    void readsConfigValueAndRejectsUnknown() {
        assertThat(Spacing.read(ComponentSpec.of("sampler", "ddpm", Map.of()))).isEqualTo(Spacing.TRAILING);
        assertThat(Spacing.read(ComponentSpec.of("sampler", "ddpm", Map.of("spacing", "leading"))))
                .isEqualTo(Spacing.LEADING);
        assertThatThrownBy(() -> Spacing.read(ComponentSpec.of("sampler", "ddpm", Map.of("spacing", "even"))))
                .isInstanceOf(ConfigException.class)
                .hasMessage("sampler.spacing: unknown spacing 'even'; known: [trailing, leading, linspace]");
        assertThatThrownBy(() -> Spacing.TRAILING.timesteps(10, 11)).hasMessageContaining("steps 11 and T 10");
    }
}
