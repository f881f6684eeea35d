package city.parkgrid.api.testing;

import city.parkgrid.api.http.RequestContract;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.json.schema.OutputUnit;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.Response;
import io.vertx.openapi.validation.ResponseValidator;
import io.vertx.openapi.validation.SchemaValidationException;
import io.vertx.openapi.validation.ValidatableResponse;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Holds every answer a test receives to openapi.yaml: the operation must document the status, and
 * a body must match the schema documented for that status (and be there when one is documented).
 * A mismatch fails the test with the operation, the status and what is wrong, so the document
 * cannot drift from what the server answers. Not judged: answers to paths or methods the document
 * has no operation for (the router's 404/405), and bodies that are not JSON by content type: the
 * event streams ({@code text/event-stream}), CSV (history), {@code /metrics} (Prometheus text) and
 * {@code /openapi.yaml} itself. Thread-safe.
 */
public final class ResponseContract {

    private static final Set<String> NOT_JSON =
            Set.of("text/event-stream", "text/plain", "text/csv", "application/yaml", "application/openmetrics-text");

    private static volatile Loaded loaded;

    private record Loaded(OpenAPIContract contract, ResponseValidator validator) {}

    private ResponseContract() {}

    /** Throws an AssertionError naming the mismatch, if the answer is not one the document gives. */
    public static void check(String method, String pathAndQuery, int status, String contentType, String body) {
        String mediaType =
                contentType == null || contentType.isEmpty() ? null : RequestContract.validatorMediaType(contentType);
        if (mediaType != null && NOT_JSON.contains(mediaType)) {
            return;
        }
        Loaded contract = contract();
        String path = pathAndQuery.split("\\?", 2)[0];
        Operation operation = contract.contract().findOperation(path, HttpMethod.valueOf(method));
        if (operation == null) {
            return;
        }
        String what = operation.getOperationId() + " (" + method + " " + path + ") answered " + status;
        Response response =
                operation.getResponse(status) != null ? operation.getResponse(status) : operation.getDefaultResponse();
        if (response == null) {
            throw new AssertionError(what + ", a status openapi.yaml does not document for it; body: " + body);
        }
        boolean hasBody = body != null && !body.isEmpty();
        if (response.getContent().isEmpty()) {
            if (hasBody && "application/json".equals(mediaType)) {
                throw new AssertionError(what + " with a " + contentType + " body, but openapi.yaml documents no body"
                        + " schema for it: " + body);
            }
            return;
        }
        ValidatableResponse answer = hasBody
                ? ValidatableResponse.create(status, Buffer.buffer(body), mediaType)
                : ValidatableResponse.create(status);
        try {
            contract.validator()
                    .validate(answer, operation.getOperationId())
                    .toCompletionStage()
                    .toCompletableFuture()
                    .get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError(
                    what + " (" + contentType + "), not as openapi.yaml says: " + describe(e.getCause()) + "; body: "
                            + body,
                    e.getCause());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String describe(Throwable failure) {
        StringBuilder why = new StringBuilder(String.valueOf(failure.getMessage()));
        if (failure instanceof SchemaValidationException invalid
                && invalid.getOutputUnit() != null
                && invalid.getOutputUnit().getErrors() != null) {
            for (OutputUnit error : invalid.getOutputUnit().getErrors()) {
                why.append("\n    ")
                        .append(error.getInstanceLocation())
                        .append(" ")
                        .append(error.getKeywordLocation())
                        .append(": ")
                        .append(error.getError());
            }
        }
        return why.toString();
    }

    private static Loaded contract() {
        Loaded current = loaded;
        if (current == null) {
            synchronized (ResponseContract.class) {
                current = loaded;
                if (current == null) {
                    // its own small Vert.x: the platforms under test come and go, the document does not
                    Vertx vertx = Vertx.vertx(
                            new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(2));
                    try {
                        OpenAPIContract document = RequestContract.load(vertx)
                                .toCompletionStage()
                                .toCompletableFuture()
                                .get(60, TimeUnit.SECONDS);
                        current = new Loaded(document, ResponseValidator.create(vertx, document));
                    } catch (Exception e) {
                        throw new IllegalStateException("openapi.yaml did not load as a contract", e);
                    }
                    loaded = current;
                }
            }
        }
        return current;
    }
}
