package dev.transfusion.data.shapes;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code shapes} captions' tiny regular grammar, {@code OBJ (REL OBJ)*} with {@code OBJ = "a" SIZE COLOUR SHAPE}
 * and {@code REL} one of "on the left of", "on the right of", "above", "below": writing a caption from a scene, and
 * parsing any caption (e.g. a generated one) back into the attributes it names.
 */
public final class ShapesCaptions {
    /** Every word a generated caption uses. */
    public static final List<String> VOCABULARY = List.of("a", "small", "large", "red", "green", "blue", "yellow",
            "purple", "orange", "circle", "square", "triangle", "on", "the", "left", "right", "of", "above", "below");

    private static final Pattern RELATION = Pattern.compile(
            "\\b(on the left of|to the left of|left of|on the right of|to the right of|right of|on top of|above"
                    + "|below|under|beneath|and)\\b");
    private static final Map<String, SizeClass> SIZES = Map.of("small", SizeClass.SMALL, "little", SizeClass.SMALL,
            "tiny", SizeClass.SMALL, "large", SizeClass.LARGE, "big", SizeClass.LARGE);

    private ShapesCaptions() {
    }

    /** The caption of {@code scene}, e.g. "a large blue square on the left of a small green triangle". */
    public static String caption(Scene scene) {
        Objects.requireNonNull(scene, "scene");
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < scene.shapes().size(); i++) {
            if (i > 0) {
                b.append(' ').append(scene.relations().get(i - 1).phrase()).append(' ');
            }
            PlacedShape s = scene.shapes().get(i);
            b.append("a ").append(s.size().word()).append(' ').append(s.colour().word()).append(' ').append(s.kind().word());
        }
        return b.toString();
    }

    /**
     * The objects and relations {@code caption} names. Case, punctuation, articles and unknown words are ignored;
     * "big"/"little" and plurals are understood; a phrase naming no attribute is dropped with its relation.
     */
    public static ShapesCaption parse(String caption) {
        Objects.requireNonNull(caption, "caption");
        String text = caption.toLowerCase(Locale.ROOT).replaceAll("[^a-z ]+", " ").replaceAll("\\s+", " ").trim();
        List<ShapeDescription> objects = new ArrayList<>();
        List<Relation> relations = new ArrayList<>();
        Matcher m = RELATION.matcher(text);
        int from = 0;
        Relation pending = null;
        while (true) {
            boolean found = m.find();
            String phrase = text.substring(from, found ? m.start() : text.length());
            ShapeDescription d = describe(phrase);
            if (!d.isEmpty()) {
                if (!objects.isEmpty()) {
                    relations.add(pending == null ? Relation.AND : pending);
                }
                objects.add(d);
                pending = null;
            }
            if (!found) {
                break;
            }
            Relation r = relation(m.group(1));
            pending = pending == null || pending == Relation.AND ? r : pending;
            from = m.end();
        }
        return new ShapesCaption(objects, relations);
    }

    /** How well {@code other} (e.g. a generated caption) agrees with {@code truth}, attribute by attribute. */
    public static AttributeScore agreement(ShapesCaption truth, ShapesCaption other) {
        Objects.requireNonNull(other, "other");
        return AttributeMatcher.score(truth, other.asPlaced());
    }

    private static ShapeDescription describe(String phrase) {
        ShapeKind kind = null;
        PaletteColour colour = null;
        SizeClass size = null;
        for (String w : phrase.trim().split(" ")) {
            String singular = w.endsWith("s") && w.length() > 3 ? w.substring(0, w.length() - 1) : w;
            for (ShapeKind k : ShapeKind.values()) {
                if (k.word().equals(w) || k.word().equals(singular)) {
                    kind = k;
                }
            }
            for (PaletteColour c : PaletteColour.values()) {
                if (c.word().equals(w)) {
                    colour = c;
                }
            }
            if (SIZES.containsKey(w)) {
                size = SIZES.get(w);
            }
        }
        return new ShapeDescription(kind, colour, size);
    }

    private static Relation relation(String phrase) {
        if (phrase.endsWith("left of")) {
            return Relation.LEFT_OF;
        }
        if (phrase.endsWith("right of")) {
            return Relation.RIGHT_OF;
        }
        return switch (phrase) {
            case "above", "on top of" -> Relation.ABOVE;
            case "below", "under", "beneath" -> Relation.BELOW;
            default -> Relation.AND;
        };
    }
}
