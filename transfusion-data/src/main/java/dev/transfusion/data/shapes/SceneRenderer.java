package dev.transfusion.data.shapes;

import dev.transfusion.tensor.HostTensor;
import dev.transfusion.tensor.Shape;
import java.util.Objects;

/** Rasterises a {@link Scene} without anti-aliasing, so every pixel is exactly the background or a palette colour. */
public final class SceneRenderer {
    private SceneRenderer() {
    }

    /** The RGB image (3, S, S) in [0, 1] of {@code scene}. */
    public static HostTensor render(Scene scene) {
        Objects.requireNonNull(scene, "scene");
        int s = scene.imageSize(), plane = s * s;
        float[] x = new float[3 * plane];
        java.util.Arrays.fill(x, scene.background().level());
        for (PlacedShape shape : scene.shapes()) {
            float[] rgb = shape.colour().rgb();
            int x1 = Math.min(s, shape.left() + shape.extent()), y1 = Math.min(s, shape.top() + shape.extent());
            for (int py = shape.top(); py < y1; py++) {
                for (int px = shape.left(); px < x1; px++) {
                    if (shape.covers(px, py)) {
                        int p = py * s + px;
                        x[p] = rgb[0];
                        x[plane + p] = rgb[1];
                        x[2 * plane + p] = rgb[2];
                    }
                }
            }
        }
        return HostTensor.floats(Shape.of(3, s, s), x); // (3, S, S)
    }
}
