package dev.transfusion.plugin;

/**
 * One installed factory, for the {@code components} listing: its kind's name, its config name, its class, the jar,
 * folder or module it was loaded from, and its one-line description.
 */
public record ComponentInfo(String kind, String name, String factoryClass, String source, String description) {
}
