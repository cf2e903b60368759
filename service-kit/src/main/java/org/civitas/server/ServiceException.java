package org.civitas.server;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The base of each service's domain exception: a refusal with a stable {@link ErrorReason}, a message a person
 * can act on, and the structured details {@link ErrorMappingInterceptor} turns into {@code google.rpc.Status}
 * details. Messages must never contain secrets: key material, tokens, national id numbers or claim values.
 */
public abstract class ServiceException extends RuntimeException {

    /** A named resource the error is about, answered as {@code google.rpc.ResourceInfo}. */
    public record Resource(String type, String name) {
        public Resource {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(name, "name");
        }
    }

    private final ErrorReason reason;
    private final Map<String, String> metadata;
    private final List<FieldProblem> fieldProblems;
    private final Resource resource;
    private final Duration retryAfter;

    protected ServiceException(ErrorReason reason, String message, Map<String, String> metadata,
                               List<FieldProblem> fieldProblems, Resource resource, Duration retryAfter) {
        super(Objects.requireNonNull(message, "message"), null, false, true);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.metadata = Map.copyOf(metadata);
        this.fieldProblems = List.copyOf(fieldProblems);
        this.resource = resource;
        this.retryAfter = retryAfter;
    }

    protected ServiceException(ErrorReason reason, String message) {
        this(reason, message, Map.of(), List.of(), null, null);
    }

    /** The {@code ErrorInfo.domain} of the service, e.g. {@code issuer.civitas}. */
    public abstract String domain();

    public ErrorReason reason() { return reason; }

    /** Extra machine-readable facts for {@code ErrorInfo.metadata}, e.g. the credential type refused. */
    public Map<String, String> metadata() { return metadata; }

    public List<FieldProblem> fieldProblems() { return fieldProblems; }

    /** The resource the error is about, or {@code null}. */
    public Resource resource() { return resource; }

    /** When a retry may succeed, or {@code null} when retrying the same call cannot help. */
    public Duration retryAfter() { return retryAfter; }
}
