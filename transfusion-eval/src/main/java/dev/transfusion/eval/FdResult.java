package dev.transfusion.eval;

/**
 * Fréchet distance ("FD", not FID) between {@code generated} generated and {@code real} held-out images on the
 * features named by {@code features}.
 */
public record FdResult(double value, String features, int dimension, int generated, int real) {
}
