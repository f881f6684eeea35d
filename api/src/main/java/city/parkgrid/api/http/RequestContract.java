package city.parkgrid.api.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.json.schema.OutputUnit;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.OpenAPIVersion;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.Parameter;
import io.vertx.openapi.contract.SecurityRequirement;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.RequestUtils;
import io.vertx.openapi.validation.SchemaValidationException;
import io.vertx.openapi.validation.ValidatableRequest;
import io.vertx.openapi.validation.ValidatorErrorType;
import io.vertx.openapi.validation.ValidatorException;
import io.vertx.openapi.validation.impl.RequestValidatorImpl;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds every request to openapi.yaml before its handler runs, so the document is the contract
 * rather than a description of it: a request the schema refuses is a 400 problem naming the field
 * in the handlers' style ({@code destination.lat}, {@code [0].eventId}, {@code radius}). The
 * request's operation is found by method and path template in the document itself; a request the
 * document has no operation for goes on untouched, so the router still answers 404 and 405.
 * What the schema cannot judge (no body, a body that is not JSON, a media type it does not know)
 * also goes on, to the handler's own checks, which stay the authority on malformed JSON and on
 * every rule a schema cannot say (plates, geometry, tariff bands). One thing is decided here from
 * the served document before any body is read: a body whose Content-Type is not one the operation
 * lists (text/plain, none at all) is a 415, not JSON parsed on trust. Thread-safe; one per router.
 */
public final class RequestContract implements Handler<RoutingContext> {

    private static final Logger LOG = LoggerFactory.getLogger(RequestContract.class);

    /** The classpath resource, the same one {@code GET /openapi.yaml} serves. */
    public static final String RESOURCE = "openapi.yaml";

    private static final Pattern PARAMETER = Pattern.compile("(?:query|path|header|cookie) parameter ([^\\s.]+)");
    private static final Pattern REQUIRED = Pattern.compile("required property \"(.+)\"");
    /** Keywords whose errors only say "something beneath me failed"; the leaf beneath names the field. */
    private static final Set<String> SUMMARIES = Set.of(
            "$ref",
            "$dynamicRef",
            "$recursiveRef",
            "properties",
            "patternProperties",
            "additionalProperties",
            "unevaluatedProperties",
            "items",
            "prefixItems",
            "additionalItems",
            "unevaluatedItems",
            "allOf",
            "anyOf",
            "oneOf",
            "if",
            "then",
            "else",
            "not");

    /** @param bodyTypes per operation id, the media types its request body may be sent in */
    private record Loaded(
            OpenAPIContract contract, RequestValidatorImpl validator, Map<String, Set<String>> bodyTypes) {}

    /**
     * A body up to this size is checked on the event loop, in the request's own turn. vertx-openapi
     * hands every check to a worker (executeBlocking) although it waits on nothing; for the
     * navigation hot path that hop cost more than the check (issue 17). A check is CPU work in
     * proportion to the body, so a bigger body (a large import, a long batch) still goes to a worker
     * and the loop is never held for more than a small body's schema walk.
     */
    static final int INLINE_BODY_BYTES = 16 * 1024;

    private final Future<Loaded> loaded;

    private RequestContract(Future<Loaded> loaded) {
        this.loaded = loaded;
    }

    /**
     * Starts loading the document at once, without blocking the caller; requests that arrive
     * before it is loaded wait for it (they are not let through unchecked).
     */
    public static RequestContract create(Vertx vertx) {
        Future<Loaded> loaded = load(vertx)
                .compose(c -> bodyTypes(vertx)
                        .map(types -> new Loaded(c, new RequestValidatorImpl(vertx, new ReusedValidators(c)), types)));
        loaded.onFailure(e -> LOG.error("openapi.yaml could not be loaded as a contract; every request will fail", e));
        return new RequestContract(loaded);
    }

    /**
     * The document as vertx-openapi can read it. It knows only a few media types, so JSON ones
     * ({@code application/geo+json}, {@code application/problem+json}) are presented as
     * {@code application/json} with the same schema and the rest (the event streams) without a
     * body schema; the served document is unchanged.
     */
    public static Future<OpenAPIContract> load(Vertx vertx) {
        return vertx.fileSystem()
                .readFile(RESOURCE)
                .compose(yaml -> vertx.executeBlocking(() -> validatorView(
                        new JsonObject(new ObjectMapper(new YAMLFactory()).readValue(yaml.getBytes(), Map.class)))))
                .compose(document ->
                        OpenAPIContract.from(vertx, document).recover(failure -> whyRefused(vertx, document, failure)));
    }

    /**
     * The request-body media types of each operation as the served document gives them (the
     * validator's view folds them all into {@code application/json}), lower-case.
     */
    private static Future<Map<String, Set<String>>> bodyTypes(Vertx vertx) {
        return vertx.fileSystem()
                .readFile(RESOURCE)
                .compose(yaml -> vertx.executeBlocking(() -> {
                    JsonObject document =
                            new JsonObject(new ObjectMapper(new YAMLFactory()).readValue(yaml.getBytes(), Map.class));
                    Map<String, Set<String>> types = new java.util.HashMap<>();
                    JsonObject paths = document.getJsonObject("paths", new JsonObject());
                    for (String path : paths.fieldNames()) {
                        JsonObject item = paths.getJsonObject(path);
                        for (String method : item.fieldNames()) {
                            if (item.getValue(method) instanceof JsonObject operation
                                    && operation.getValue("requestBody") instanceof JsonObject body
                                    && body.getValue("content") instanceof JsonObject content) {
                                Set<String> accepted = new java.util.HashSet<>();
                                content.fieldNames().forEach(type -> accepted.add(mediaType(type)));
                                types.put(operation.getString("operationId"), Set.copyOf(accepted));
                            }
                        }
                    }
                    return Map.copyOf(types);
                }));
    }

    /** {@code application/json; charset=utf-8} → {@code application/json}; null when none was sent. */
    private static String mediaType(String contentType) {
        return contentType == null ? null : contentType.split(";", 2)[0].trim().toLowerCase(java.util.Locale.ROOT);
    }

    /** vertx-openapi says only "invalid"; the meta-schema's own errors say where. */
    private static Future<OpenAPIContract> whyRefused(Vertx vertx, JsonObject document, Throwable failure) {
        OpenAPIVersion version = OpenAPIVersion.fromContract(document);
        return version.getRepository(vertx, "app://")
                .compose(repository -> version.validateContract(vertx, repository, document))
                .transform(checked -> {
                    StringBuilder why = new StringBuilder(String.valueOf(failure.getMessage()));
                    if (failure.getCause() != null) {
                        why.append(' ').append(failure.getCause().getMessage());
                    }
                    if (checked.failed()) {
                        why.append(" (").append(checked.cause()).append(')');
                    } else if (checked.result().getErrors() != null) {
                        for (OutputUnit error : checked.result().getErrors()) {
                            if (!keyword(error).startsWith("unevaluated")
                                    && !keyword(error).endsWith("Ref")) {
                                why.append("\n  ")
                                        .append(error.getInstanceLocation())
                                        .append(": ")
                                        .append(error.getError());
                            }
                        }
                    }
                    return Future.failedFuture(
                            new IllegalStateException(RESOURCE + " is not a contract: " + why, failure));
                });
    }

    /** The media type as the validator knows it: {@code application/json} for every JSON type, else as sent. */
    public static String validatorMediaType(String contentType) {
        if (contentType == null) {
            return null;
        }
        String type = contentType.split(";", 2)[0].trim().toLowerCase(java.util.Locale.ROOT);
        return type.equals("application/json") || (type.startsWith("application/") && type.endsWith("+json"))
                ? "application/json"
                : type;
    }

    @Override
    public void handle(RoutingContext ctx) {
        if (loaded.isComplete()) {
            check(ctx);
        } else {
            loaded.onComplete(ignored -> check(ctx));
        }
    }

    private void check(RoutingContext ctx) {
        if (loaded.failed()) {
            ctx.fail(loaded.cause());
            return;
        }
        OpenAPIContract contract = loaded.result().contract();
        Operation operation =
                contract.findOperation(ctx.request().path(), ctx.request().method());
        if (operation == null || anonymousToSecured(operation, ctx)) {
            ctx.next();
            return;
        }
        // from the served document: a body only in types vertx-openapi cannot read (XML) has no
        // request body in the validator's view, and is still held to the types listed
        Set<String> accepted = loaded.result().bodyTypes().get(operation.getOperationId());
        if (accepted != null && hasBody(ctx)) {
            String sent = mediaType(ctx.request().getHeader("Content-Type"));
            if (sent == null || !accepted.contains(sent)) {
                ctx.fail(new ProblemException(Problem.unsupportedMediaType((sent == null
                                ? "the body has no Content-Type"
                                : "a body of Content-Type " + sent + " is not accepted")
                        + "; send it as " + String.join(" or ", new java.util.TreeSet<>(accepted)))));
                return;
            }
        }
        if (operation.getParameters().isEmpty() && operation.getRequestBody() == null) {
            ctx.next();
            return;
        }
        Future<ValidatableRequest> extracted;
        try {
            extracted = RequestUtils.extract(
                    ctx.request(),
                    operation,
                    () -> Future.succeededFuture(ctx.body().buffer()));
        } catch (RuntimeException undecodable) {
            // vertx-openapi percent-decodes parameters and throws on a stray '%': the schema cannot
            // judge such a value, so the handler's own parsing answers (a 400 naming the field)
            ctx.next();
            return;
        }
        String contentType = validatorMediaType(ctx.request().getHeader("Content-Type"));
        if (extracted.succeeded() && ctx.body().length() <= INLINE_BODY_BYTES) {
            ValidatableRequest request = new AsJson(extracted.result(), contentType);
            try {
                validateNow(loaded.result().validator(), operation, request);
            } catch (RuntimeException failure) {
                refused(ctx, failure);
                return;
            }
            ctx.next();
            return;
        }
        extracted
                .map(request -> (ValidatableRequest) new AsJson(request, contentType))
                .compose(request -> loaded.result().validator().validate(request, operation.getOperationId()))
                .onSuccess(valid -> ctx.next())
                .onFailure(failure -> refused(ctx, failure));
    }

    /**
     * What {@link RequestValidatorImpl#validate(ValidatableRequest, String)} does on its worker, in
     * the caller's thread: each of the operation's parameters, then the body.
     */
    private static void validateNow(RequestValidatorImpl validator, Operation operation, ValidatableRequest request) {
        for (Parameter parameter : operation.getParameters()) {
            Map<String, RequestParameter> sent = switch (parameter.getIn()) {
                case COOKIE -> request.getCookies();
                case HEADER -> request.getHeaders();
                case PATH -> request.getPathParameters();
                case QUERY -> request.getQuery();
            };
            validator.validateParameter(parameter, sent.get(parameter.getName()));
        }
        validator.validateBody(operation.getRequestBody(), request);
    }

    private static void refused(RoutingContext ctx, Throwable failure) {
        Problem problem = failure instanceof ValidatorException refused ? problem(refused) : null;
        if (problem == null) {
            ctx.next(); // the schema cannot judge it: the handler's own checks answer
        } else {
            ctx.fail(new ProblemException(problem));
        }
    }

    /** A body was sent, whether or not the body handler kept it (it keeps no multipart form). */
    private static boolean hasBody(RoutingContext ctx) {
        if (ctx.body().length() > 0) {
            return true;
        }
        String length = ctx.request().getHeader("Content-Length");
        return (length != null && !length.trim().equals("0")) || ctx.request().getHeader("Transfer-Encoding") != null;
    }

    /**
     * A caller without credentials is told so (401) by the route's authentication, before anything
     * is said about its request; the document's {@code security} names the operations that need them.
     */
    private static boolean anonymousToSecured(Operation operation, RoutingContext ctx) {
        return ctx.request().getHeader("Authorization") == null
                && !operation.getSecurityRequirements().isEmpty()
                && operation.getSecurityRequirements().stream().noneMatch(SecurityRequirement::isEmpty);
    }

    /** The 400 for a refusal, or null when the refusal is about a body the schema could not read. */
    static Problem problem(ValidatorException refused) {
        OutputUnit leaf = refused instanceof SchemaValidationException invalid && invalid.getOutputUnit() != null
                ? leaf(invalid.getOutputUnit())
                : null;
        Matcher parameter = PARAMETER.matcher(refused.getMessage() == null ? "" : refused.getMessage());
        if (parameter.find()) {
            return Problem.invalidField(
                    parameter.group(1),
                    leaf != null
                            ? describe(leaf)
                            : refused.type() == ValidatorErrorType.MISSING_REQUIRED_PARAMETER
                                    ? "is required"
                                    : "is not in the documented form");
        }
        if (leaf != null) {
            return Problem.invalidField(field(leaf), describe(leaf));
        }
        return null; // no body, a body that is not JSON, a media type the document does not give
    }

    /**
     * The first error that is not a summary of errors beneath it, a wrong value sent before a value
     * missing (as the handlers check: a polygon sent as the body is wrong in its {@code type} first).
     */
    private static OutputUnit leaf(OutputUnit result) {
        List<OutputUnit> errors = result.getErrors() == null ? List.of() : result.getErrors();
        OutputUnit missing = null;
        for (OutputUnit error : errors) {
            String keyword = keyword(error);
            if (keyword.equals("required")) {
                missing = missing == null ? error : missing;
            } else if (!SUMMARIES.contains(keyword)) {
                return error;
            }
        }
        return missing != null ? missing : errors.isEmpty() ? null : errors.get(errors.size() - 1);
    }

    private static String keyword(OutputUnit error) {
        String location = error.getKeywordLocation() == null ? "" : error.getKeywordLocation();
        return location.substring(location.lastIndexOf('/') + 1);
    }

    /** A JSON pointer ({@code #/destination/lat}, {@code #/0/eventId}) as the handlers name fields. */
    static String field(OutputUnit error) {
        List<String> tokens = new ArrayList<>();
        String pointer = error.getInstanceLocation() == null ? "#" : error.getInstanceLocation();
        for (String token : pointer.replaceFirst("^#?/?", "").split("/")) {
            if (!token.isEmpty()) {
                tokens.add(token.replace("~1", "/").replace("~0", "~"));
            }
        }
        Matcher required = REQUIRED.matcher(error.getError() == null ? "" : error.getError());
        if ("required".equals(keyword(error)) && required.find()) {
            tokens.add(required.group(1));
        }
        StringBuilder field = new StringBuilder();
        for (String token : tokens) {
            if (token.chars().allMatch(Character::isDigit)) {
                field.append('[').append(token).append(']');
            } else {
                field.append(field.length() == 0 ? "" : ".").append(token);
            }
        }
        return field.length() == 0 ? "(body)" : field.toString();
    }

    private static final Pattern WRONG_TYPE = Pattern.compile("^Instance type (\\w+) is invalid\\. Expected (.+)$");

    /** The validator's reason, in the handlers' voice ("must be integer, was string"). */
    static String describe(OutputUnit error) {
        if ("required".equals(keyword(error))) {
            return "is required";
        }
        String text = error.getError() == null ? "is invalid" : error.getError();
        Matcher wrongType = WRONG_TYPE.matcher(text);
        if (wrongType.find()) {
            return "must be " + wrongType.group(2) + ", was " + wrongType.group(1);
        }
        return text.replace("Instance does not match any of ", "must be one of ")
                .replace("Instance does not match ", "must be ")
                .replace("( + ", "(");
    }

    /** The extracted request, its media type as the validator knows it. */
    private record AsJson(ValidatableRequest request, String contentType) implements ValidatableRequest {

        @Override
        public String getContentType() {
            return contentType;
        }

        @Override
        public Map<String, RequestParameter> getCookies() {
            return request.getCookies();
        }

        @Override
        public Map<String, RequestParameter> getHeaders() {
            return request.getHeaders();
        }

        @Override
        public Map<String, RequestParameter> getPathParameters() {
            return request.getPathParameters();
        }

        @Override
        public Map<String, RequestParameter> getQuery() {
            return request.getQuery();
        }

        @Override
        public RequestParameter getBody() {
            return request.getBody();
        }
    }

    private static JsonObject validatorView(JsonObject document) {
        JsonObject paths = document.getJsonObject("paths", new JsonObject());
        for (String path : paths.fieldNames()) {
            JsonObject item = paths.getJsonObject(path);
            for (String method : item.fieldNames()) {
                if (!(item.getValue(method) instanceof JsonObject operation)) {
                    continue;
                }
                if (operation.getValue("requestBody") instanceof JsonObject body) {
                    asJson(body);
                    if (!body.containsKey("content")) {
                        // only types the validator cannot read (text/csv, XML): the handler reads
                        // the body itself, and the media type is checked apart
                        operation.remove("requestBody"); // a request body must have content
                    }
                }
                if (operation.getValue("responses") instanceof JsonObject responses) {
                    responses.forEach(e -> {
                        if (e.getValue() instanceof JsonObject response) {
                            asJson(response);
                        }
                    });
                }
            }
        }
        JsonObject responses =
                document.getJsonObject("components", new JsonObject()).getJsonObject("responses", new JsonObject());
        responses.forEach(e -> asJson((JsonObject) e.getValue()));
        return document;
    }

    private static void asJson(JsonObject bodyOrResponse) {
        if (!(bodyOrResponse.getValue("content") instanceof JsonObject content)) {
            return;
        }
        JsonObject known = new JsonObject();
        content.forEach(e -> {
            String type = validatorMediaType(e.getKey());
            if (type.equals("application/json")) {
                known.put(type, e.getValue());
            } else if (io.vertx.openapi.contract.MediaType.isMediaTypeSupported(type)) {
                known.put(e.getKey(), e.getValue());
            }
        });
        if (known.isEmpty()) {
            bodyOrResponse.remove("content");
        } else {
            bodyOrResponse.put("content", known);
        }
    }
}
