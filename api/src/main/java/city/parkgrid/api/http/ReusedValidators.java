package city.parkgrid.api.http;

import io.vertx.core.file.FileSystem;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.SchemaException;
import io.vertx.json.schema.SchemaRepository;
import io.vertx.json.schema.Validator;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.OpenAPIVersion;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.Path;
import io.vertx.openapi.contract.SecurityRequirement;
import io.vertx.openapi.contract.SecurityScheme;
import io.vertx.openapi.contract.Server;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The contract as vertx-openapi's request validator sees it, with each schema's validator built
 * once and reused. vertx-openapi 5.0.7 asks its schema repository for a new validator for every
 * parameter and body of every request, and building one copies the repository's whole lookup of
 * the document's schemas: profiled under wrk, that copy was about 60% of a serve node's CPU on the
 * navigation hot path (issue 17, docs/PERFORMANCE.md). A built validator holds only immutable
 * state (its schema, the copied lookup, options) and validates each value with state of its own,
 * so one per schema serves every request and thread. Everything else is the contract's own.
 */
final class ReusedValidators implements OpenAPIContract {

    private final OpenAPIContract contract;
    private final SchemaRepository repository;

    ReusedValidators(OpenAPIContract contract) {
        this.contract = contract;
        this.repository = new Repository(contract.getSchemaRepository());
    }

    /** A schema by identity: the contract's parameter and body schemas are fixed objects. */
    private record Same(JsonSchema schema) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Same other && other.schema == schema;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(schema);
        }
    }

    private static final class Repository implements SchemaRepository {
        private final SchemaRepository repository;
        private final Map<Same, Validator> validators = new ConcurrentHashMap<>();

        Repository(SchemaRepository repository) {
            this.repository = repository;
        }

        @Override
        public Validator validator(JsonSchema schema) {
            return validators.computeIfAbsent(new Same(schema), s -> repository.validator(s.schema()));
        }

        @Override
        public SchemaRepository dereference(JsonSchema schema) throws SchemaException {
            return repository.dereference(schema);
        }

        @Override
        public SchemaRepository dereference(String uri, JsonSchema schema) throws SchemaException {
            return repository.dereference(uri, schema);
        }

        @Override
        public SchemaRepository preloadMetaSchema(FileSystem fs) {
            return repository.preloadMetaSchema(fs);
        }

        @Override
        public SchemaRepository preloadMetaSchema(FileSystem fs, Draft draft) {
            return repository.preloadMetaSchema(fs, draft);
        }

        @Override
        public Validator validator(String ref) {
            return repository.validator(ref);
        }

        @Override
        public Validator validator(String ref, JsonSchemaOptions options) {
            return repository.validator(ref, options);
        }

        @Override
        public Validator validator(JsonSchema schema, JsonSchemaOptions options, boolean dereference) {
            return repository.validator(schema, options, dereference);
        }

        @Override
        public JsonObject resolve(JsonObject schema) {
            return repository.resolve(schema);
        }

        @Override
        public JsonSchema find(String pointer) {
            return repository.find(pointer);
        }
    }

    @Override
    public SchemaRepository getSchemaRepository() {
        return repository;
    }

    @Override
    public Operation operation(String operationId) {
        return contract.operation(operationId);
    }

    @Override
    public List<Operation> operations() {
        return contract.operations();
    }

    @Override
    public List<Path> getPaths() {
        return contract.getPaths();
    }

    @Override
    public JsonObject getRawContract() {
        return contract.getRawContract();
    }

    @Override
    public OpenAPIVersion getVersion() {
        return contract.getVersion();
    }

    @Override
    public List<Server> getServers() {
        return contract.getServers();
    }

    @Override
    public Path findPath(String urlPath) {
        return contract.findPath(urlPath);
    }

    @Override
    public Operation findOperation(String urlPath, HttpMethod method) {
        return contract.findOperation(urlPath, method);
    }

    @Override
    public List<SecurityRequirement> getSecurityRequirements() {
        return contract.getSecurityRequirements();
    }

    @Override
    public SecurityScheme securityScheme(String name) {
        return contract.securityScheme(name);
    }
}
