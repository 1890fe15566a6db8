package dev.transfusion.backend.tf;

import dev.transfusion.tensor.DType;
import dev.transfusion.tensor.HostTensor;
import dev.transfusion.tensor.Shape;
import dev.transfusion.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** The input names, shapes and dtypes a program is traced for; one graph is built per distinct signature. */
record TfSignature(List<Input> inputs) {
    /** One named input. */
    record Input(String name, Shape shape, DType dtype) {
    }

    TfSignature {
        inputs = List.copyOf(inputs);
    }

    /** The signature of concrete tensors. */
    static TfSignature ofTensors(Map<String, ? extends Tensor> inputs) {
        Objects.requireNonNull(inputs, "inputs");
        List<Input> list = new ArrayList<>();
        new TreeMap<>(inputs).forEach((k, v) -> list.add(new Input(k, Objects.requireNonNull(v, "input " + k).shape(),
                v.dtype())));
        return new TfSignature(list);
    }

    /** The signature of Java values. */
    static TfSignature ofHost(Map<String, HostTensor> inputs) {
        Objects.requireNonNull(inputs, "inputs");
        List<Input> list = new ArrayList<>();
        new TreeMap<>(inputs).forEach((k, v) -> list.add(new Input(k, Objects.requireNonNull(v, "input " + k).shape(),
                v.dtype())));
        return new TfSignature(list);
    }
}
