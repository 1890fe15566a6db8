package dev.transfusion.backend.tf;

import dev.transfusion.backend.AdamW;
import dev.transfusion.backend.Backend;
import dev.transfusion.backend.Capability;
import dev.transfusion.backend.CompiledFunction;
import dev.transfusion.backend.GradientFunction;
import dev.transfusion.backend.ParameterStore;
import dev.transfusion.backend.Scope;
import dev.transfusion.backend.TensorFunction;
import dev.transfusion.backend.TrainStep;
import dev.transfusion.param.ParamSpec;
import dev.transfusion.tensor.Device;
import dev.transfusion.tensor.HostTensor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.ConfigProto;

/**
 * The TensorFlow backend: one graph and one session per instance. Parameters and optimizer state are resource
 * variables in that session; each program traces itself into the graph once per input signature and then runs
 * the session. Graph building and session runs are serialised by one lock.
 */
final class TfBackend implements Backend {
    private final Object lock = new Object();
    private final Device device;
    private final Graph graph;
    private final Session session;
    private final Ops root;
    private final List<AutoCloseable> owned = new ArrayList<>();
    private int nextId;
    private boolean closed;

    TfBackend(Device device, int threads) {
        this.device = Objects.requireNonNull(device, "device");
        TfDevices.check(device);
        this.graph = new Graph();
        ConfigProto.Builder config = ConfigProto.newBuilder().setAllowSoftPlacement(true);
        if (threads > 0) {
            config.setIntraOpParallelismThreads(threads).setInterOpParallelismThreads(threads);
        }
        this.session = new Session(graph, config.build());
        this.root = TfDevices.place(Ops.create(graph), device);
    }

    @Override
    public String name() {
        return TfBackendFactory.NAME;
    }

    @Override
    public Device device() {
        return device;
    }

    @Override
    public Set<Capability> capabilities() {
        return TfBackendFactory.CAPABILITIES;
    }

    @Override
    public Scope newScope() {
        synchronized (lock) {
            checkOpen();
            TfScope[] holder = new TfScope[1];
            holder[0] = new TfScope(null, () -> forget(holder[0]));
            owned.add(holder[0]);
            return holder[0];
        }
    }

    @Override
    public ParameterStore createParameters(List<ParamSpec> specs, Map<String, HostTensor> values) {
        checkOpen();
        return register(new TfParameterStore(this, specs, values));
    }

    @Override
    public CompiledFunction compile(String name, TensorFunction fn, ParameterStore params) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(fn, "fn");
        checkOpen();
        return register(new TfCompiledFunction(this, name, fn, own(params)));
    }

    @Override
    public GradientFunction compileGradient(TensorFunction fn, ParameterStore params, List<String> wrtInputs) {
        Objects.requireNonNull(fn, "fn");
        Objects.requireNonNull(wrtInputs, "wrtInputs");
        checkOpen();
        return register(new TfGradientFunction(this, fn, own(params), wrtInputs));
    }

    @Override
    public TrainStep compileTrainStep(TensorFunction lossFn, ParameterStore params, AdamW optimizer) {
        Objects.requireNonNull(lossFn, "lossFn");
        Objects.requireNonNull(params, "params");
        Objects.requireNonNull(optimizer, "optimizer");
        checkOpen();
        return register(new TfTrainStep(this, lossFn, own(params), optimizer));
    }

    /** Tensors in every open scope plus the session variables of open parameter stores and optimizer states. */
    @Override
    public long liveTensors() {
        List<AutoCloseable> snapshot;
        synchronized (lock) {
            snapshot = new ArrayList<>(owned);
        }
        long n = 0;
        for (AutoCloseable c : snapshot) {
            if (c instanceof TfScope s) {
                n += s.liveTensors();
            } else if (c instanceof TfParameterStore p) {
                n += p.liveVariables();
            } else if (c instanceof TfTrainStep t) {
                n += t.liveVariables();
            }
        }
        return n;
    }

    /** Runs {@code body} holding the graph/session lock. */
    <T> T locked(Supplier<T> body) {
        synchronized (lock) {
            checkOpen();
            return body.get();
        }
    }

    /** The session (call with the lock held). */
    Session session() {
        return session;
    }

    /** The graph (call with the lock held). */
    Graph graph() {
        return graph;
    }

    /** A unique name for graph-building helpers such as gradient prefixes (call with the lock held). */
    String uniqueName(String prefix) {
        return prefix + "_" + (nextId++);
    }

    /** A fresh, uniquely named op scope in the graph (call with the lock held). */
    Ops newOps(String prefix) {
        return root.withSubScope(prefix + "_" + (nextId++));
    }

    /** Frees the session memory of variables that are no longer used. */
    void releaseVariables(Collection<TfVariable> vars) {
        synchronized (lock) {
            if (closed || vars.isEmpty()) {
                return;
            }
            Ops tf = newOps("free");
            Session.Runner r = session.runner();
            for (TfVariable v : vars) {
                r.addTarget(tf.destroyResourceOp(v.handle()));
            }
            r.run().close();
        }
    }

    private TfParameterStore own(ParameterStore params) {
        if (params == null) {
            return null;
        }
        if (!(params instanceof TfParameterStore p) || p.backend() != this) {
            throw new IllegalArgumentException("parameter store " + params.getClass().getName()
                    + " was not created by this TensorFlow backend");
        }
        return p;
    }

    private <T extends AutoCloseable> T register(T resource) {
        synchronized (lock) {
            owned.add(resource);
        }
        return resource;
    }

    /** Drops a closed resource from the set freed with the backend. */
    void forget(Object resource) {
        synchronized (lock) {
            owned.remove(resource);
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("TensorFlow backend is closed");
        }
    }

    @Override
    public void close() {
        List<AutoCloseable> toClose;
        synchronized (lock) {
            if (closed) {
                return;
            }
            toClose = new ArrayList<>(owned);
            owned.clear();
        }
        for (AutoCloseable c : toClose) {
            try {
                c.close();
            } catch (Exception e) {
                // keep closing the rest; native memory is released with the session below
            }
        }
        synchronized (lock) {
            closed = true;
            session.close();
            graph.close();
        }
    }
}
