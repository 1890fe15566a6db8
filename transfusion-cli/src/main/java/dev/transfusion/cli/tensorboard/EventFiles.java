package dev.transfusion.cli.tensorboard;

import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.proto.Event;

/** Reads event files back (tests, tools): every record's framing is checked, then parsed as an {@code Event}. */
public final class EventFiles {
    private EventFiles() {
    }

    /** The events of {@code file}, in order. */
    public static List<Event> read(Path file) throws IOException {
        List<Event> events = new ArrayList<>();
        for (byte[] record : TfRecords.readAll(file)) {
            try {
                events.add(Event.parseFrom(record));
            } catch (InvalidProtocolBufferException e) {
                throw new IOException(file + ": record " + events.size() + " is not an Event: " + e.getMessage(), e);
            }
        }
        return events;
    }
}
