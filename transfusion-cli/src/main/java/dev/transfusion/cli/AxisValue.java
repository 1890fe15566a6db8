package dev.transfusion.cli;

/**
 * One value of an ablation axis: the {@code label} that names it in tables, charts and run folders, and the
 * {@code value} applied as the override {@code axis=value} (a scalar, or a YAML/JSON mapping such as a whole
 * component spec).
 */
record AxisValue(String label, String value) {
}
