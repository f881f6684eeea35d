package city.parkgrid.history;

import city.parkgrid.InvalidInputException;

/** A row of an imported archive the platform refuses, naming its line (from 1) and its field. */
public final class ImportRowException extends InvalidInputException {

    private final int line;

    public ImportRowException(int line, String field, String message) {
        super(field, "line " + line + ": " + message);
        this.line = line;
    }

    public int line() {
        return line;
    }
}
