package dev.transfusion.core.sequence;

import java.util.List;

/** Where a packer takes documents from: a finite queue or an endless generator. */
public interface DocumentSource {
    /** The next document without consuming it; null when exhausted. */
    Document peek();

    /** Consumes the document {@link #peek()} returned. */
    void advance();

    /** Puts documents back at the front (used to split a long text document into chunks). */
    void pushFront(List<Document> docs);
}
