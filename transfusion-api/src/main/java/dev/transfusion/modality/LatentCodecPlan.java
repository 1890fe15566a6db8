package dev.transfusion.modality;

/** A validated codec config, ready to be built once the backend and image size are known. */
@FunctionalInterface
public interface LatentCodecPlan {
    /** Builds (and, for learned codecs, loads) the codec. */
    LatentCodec build(CodecContext context);
}
