package city.parkgrid;

/**
 * Input the domain refuses, naming the field at fault so that the API can answer with a problem
 * document that says exactly what to fix.
 */
public class InvalidInputException extends IllegalArgumentException {

    private final String field;

    public InvalidInputException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }

    /** The same defect, with the field's path inside a larger document (e.g. {@code [3].plate}). */
    public InvalidInputException within(String path) {
        return new InvalidInputException(path + "." + field, getMessage());
    }
}
