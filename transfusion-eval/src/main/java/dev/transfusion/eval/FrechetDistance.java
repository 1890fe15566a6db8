package dev.transfusion.eval;

import java.util.Objects;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * The Fréchet distance between two Gaussians, {@code ‖μ1−μ2‖² + Tr(Σ1 + Σ2 − 2(Σ1Σ2)^{1/2})}. The trace of the
 * matrix square root is computed stably as {@code Tr((Σ1^{1/2} Σ2 Σ1^{1/2})^{1/2})} — the same eigenvalues as Σ1Σ2,
 * but of a symmetric PSD matrix — with ejml's symmetric eigen-decomposition (round-off negatives clipped to 0).
 */
public final class FrechetDistance {
    private FrechetDistance() {
    }

    /** The distance between the Gaussians fitted to two feature sets. */
    public static double between(GaussianStats a, GaussianStats b) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        if (a.dimension() != b.dimension()) {
            throw new IllegalArgumentException("feature dimensions differ: " + a.dimension() + " vs " + b.dimension());
        }
        int d = a.dimension();
        double meanTerm = 0;
        for (int i = 0; i < d; i++) {
            double diff = a.mean()[i] - b.mean()[i];
            meanTerm += diff * diff;
        }
        DMatrixRMaj s1 = new DMatrixRMaj(a.covariance());
        DMatrixRMaj s2 = new DMatrixRMaj(b.covariance());
        DMatrixRMaj root1 = sqrtPsd(s1);
        DMatrixRMaj tmp = new DMatrixRMaj(d, d);
        DMatrixRMaj inner = new DMatrixRMaj(d, d);
        CommonOps_DDRM.mult(root1, s2, tmp);
        CommonOps_DDRM.mult(tmp, root1, inner);
        double traceRoot = 0;
        for (double ev : symmetricEigenvalues(inner)) {
            traceRoot += Math.sqrt(Math.max(0, ev));
        }
        return meanTerm + CommonOps_DDRM.trace(s1) + CommonOps_DDRM.trace(s2) - 2 * traceRoot;
    }

    /** The symmetric PSD square root {@code V·diag(√max(λ, 0))·Vᵀ} of a symmetric matrix. */
    static DMatrixRMaj sqrtPsd(DMatrixRMaj m) {
        int d = m.numRows;
        EigenDecomposition_F64<DMatrixRMaj> eig = decompose(m);
        DMatrixRMaj out = new DMatrixRMaj(d, d);
        for (int k = 0; k < d; k++) {
            double s = Math.sqrt(Math.max(0, eig.getEigenvalue(k).getReal()));
            DMatrixRMaj v = eig.getEigenVector(k);
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    out.add(i, j, s * v.get(i) * v.get(j));
                }
            }
        }
        return out;
    }

    private static double[] symmetricEigenvalues(DMatrixRMaj m) {
        EigenDecomposition_F64<DMatrixRMaj> eig = decompose(m);
        double[] out = new double[m.numRows];
        for (int k = 0; k < out.length; k++) {
            out[k] = eig.getEigenvalue(k).getReal();
        }
        return out;
    }

    private static EigenDecomposition_F64<DMatrixRMaj> decompose(DMatrixRMaj m) {
        int d = m.numRows;
        DMatrixRMaj sym = new DMatrixRMaj(d, d);
        CommonOps_DDRM.transpose(m, sym);
        CommonOps_DDRM.addEquals(sym, m);
        CommonOps_DDRM.scale(0.5, sym); // exact symmetry for the symmetric solver
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(d, true, true);
        if (!eig.decompose(sym)) {
            throw new ArithmeticException("eigen-decomposition of a " + d + "x" + d + " covariance did not converge");
        }
        return eig;
    }
}
