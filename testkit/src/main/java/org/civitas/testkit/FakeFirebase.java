package org.civitas.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A local stand-in for the Google endpoints {@code firebase-admin} calls, so the real SDK runs in tests with its
 * HTTP transport pointed here ({@code civitas.firebase.endpoint}): FCM v1 {@code messages:send} (recorded for
 * assertions; a token can be marked unregistered), topic subscriptions (per-token {@code topicSubscriptions} and the older
 * {@code iid/v1:batchAdd/batchRemove}),
 * custom user claims ({@code accounts:update}), and the public certificates ID tokens are checked against. It mints
 * RS256 ID tokens as Firebase Auth would. Not a stub of the SDK: the SDK's own code makes every request.
 */
public final class FakeFirebase implements AutoCloseable {

    public static final String PROJECT = "civitas-test";
    private static final String KEY_ID = "fake-key-1";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final KeyPair keys;
    private final String certificatePem;
    private final List<JsonNode> sent = new CopyOnWriteArrayList<>();
    private final Set<String> unregistered = ConcurrentHashMap.newKeySet();
    private final Map<String, Set<String>> topics = new ConcurrentHashMap<>();
    private final Map<String, JsonNode> customClaims = new ConcurrentHashMap<>();

    private FakeFirebase(HttpServer server, KeyPair keys, String certificatePem) {
        this.server = server;
        this.keys = keys;
        this.certificatePem = certificatePem;
    }

    public static FakeFirebase start() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair keys = generator.generateKeyPair();
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            FakeFirebase fake = new FakeFirebase(server, keys, pem(selfSigned(keys)));
            server.createContext("/", fake::handle);
            server.start();
            return fake;
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the fake Firebase endpoints", e);
        }
    }

    /** The base URL for {@code civitas.firebase.endpoint}. */
    public String endpoint() { return "http://127.0.0.1:" + server.getAddress().getPort(); }

    /** Every FCM message the SDK sent, in order: the {@code message} object of each send request. */
    public List<JsonNode> sentMessages() { return List.copyOf(sent); }

    /** The registration tokens subscribed to a topic (through the SDK's topic management). */
    public Set<String> subscribers(String topic) { return Set.copyOf(topics.getOrDefault(topic, Set.of())); }

    /** The custom claims the SDK set for a user ({@code setCustomUserClaims}), or an empty object. */
    public JsonNode customClaims(String uid) { return customClaims.getOrDefault(uid, JSON.createObjectNode()); }

    /** Makes sends to this registration token fail as FCM does for an uninstalled app (UNREGISTERED). */
    public void unregister(String registrationToken) { unregistered.add(registrationToken); }

    /**
     * An ID token for {@code uid} signed as Firebase Auth signs them, carrying the custom claims set for the user
     * and the extra claims given.
     */
    public String mintIdToken(String uid, Map<String, Object> claims) {
        try {
            long now = Instant.now().getEpochSecond();
            ObjectNode header = JSON.createObjectNode().put("alg", "RS256").put("kid", KEY_ID).put("typ", "JWT");
            ObjectNode payload = JSON.createObjectNode()
                .put("iss", "https://securetoken.google.com/" + PROJECT).put("aud", PROJECT)
                .put("sub", uid).put("user_id", uid).put("iat", now).put("exp", now + 3600).put("auth_time", now);
            customClaims(uid).fields().forEachRemaining(f -> payload.set(f.getKey(), f.getValue()));
            claims.forEach((k, v) -> payload.set(k, JSON.valueToTree(v)));
            Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
            String input = b64.encodeToString(JSON.writeValueAsBytes(header)) + "."
                + b64.encodeToString(JSON.writeValueAsBytes(payload));
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(keys.getPrivate());
            rsa.update(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + b64.encodeToString(rsa.sign());
        } catch (Exception e) {
            throw new IllegalStateException("cannot mint an ID token", e);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        try (exchange) {
            if (path.startsWith("/robot/v1/metadata/x509/")) {
                reply(exchange, 200, JSON.writeValueAsString(Map.of(KEY_ID, certificatePem)),
                    "public, max-age=3600");
            } else if (path.matches("/v1/projects/[^/]+/registrations/[^/]+/topicSubscriptions(/[^/]+)?")) {
                // the per-token topic API of firebase-admin 9.x: POST ...?topic_name=T subscribes, DELETE .../T leaves
                String[] parts = path.split("/");
                String token = parts[5];
                String query = exchange.getRequestURI().getQuery() == null ? "" : exchange.getRequestURI().getQuery();
                String topic = parts.length > 7 ? parts[7] : query.replaceFirst(".*topic_name=([^&]*).*", "$1");
                Set<String> members = topics.computeIfAbsent(topic, t -> ConcurrentHashMap.newKeySet());
                if ("DELETE".equals(exchange.getRequestMethod())) members.remove(token); else members.add(token);
                reply(exchange, 200, "{}", null);
            } else if (path.equals("/iid/v1:batchAdd") || path.equals("/iid/v1:batchRemove")) {
                JsonNode body = read(exchange.getRequestBody());
                String topic = body.path("to").asText("").replaceFirst("^/topics/", "");
                Set<String> members = topics.computeIfAbsent(topic, t -> ConcurrentHashMap.newKeySet());
                StringBuilder results = new StringBuilder("{\"results\":[");
                for (JsonNode token : body.path("registration_tokens")) {
                    if (path.endsWith("batchAdd")) members.add(token.asText()); else members.remove(token.asText());
                    results.append(results.charAt(results.length() - 1) == '[' ? "{}" : ",{}");
                }
                reply(exchange, 200, results.append("]}").toString(), null);
            } else if (path.endsWith("/accounts:update") && "POST".equals(exchange.getRequestMethod())) {
                JsonNode body = read(exchange.getRequestBody());
                String uid = body.path("localId").asText();
                if (body.has("customAttributes")) customClaims.put(uid, JSON.readTree(body.get("customAttributes").asText()));
                reply(exchange, 200, "{\"localId\":\"" + uid + "\"}", null);
            } else if (path.endsWith("/messages:send") && "POST".equals(exchange.getRequestMethod())) {
                JsonNode message = read(exchange.getRequestBody()).path("message");
                String token = message.path("token").asText("");
                if (unregistered.contains(token)) {
                    reply(exchange, 404, "{\"error\":{\"code\":404,\"message\":\"Requested entity was not found.\","
                        + "\"status\":\"NOT_FOUND\",\"details\":[{\"@type\":"
                        + "\"type.googleapis.com/google.firebase.fcm.v1.FcmError\",\"errorCode\":\"UNREGISTERED\"}]}}", null);
                    return;
                }
                sent.add(message);
                reply(exchange, 200, "{\"name\":\"projects/" + PROJECT + "/messages/" + sent.size() + "\"}", null);
            } else {
                reply(exchange, 404, "{\"error\":{\"code\":404,\"message\":\"not faked: " + path + "\"}}", null);
            }
        }
    }

    private static JsonNode read(InputStream body) throws IOException {
        return JSON.readTree(body);
    }

    private static void reply(HttpExchange exchange, int status, String body, String cacheControl) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json; charset=UTF-8");
        if (cacheControl != null) exchange.getResponseHeaders().add("Cache-Control", cacheControl);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static X509Certificate selfSigned(KeyPair keys) throws Exception {
        X500Name name = new X500Name("CN=securetoken.system.gserviceaccount.com");
        Instant now = Instant.now();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now.toEpochMilli()),
            Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(30))), name, keys.getPublic());
        return new JcaX509CertificateConverter().getCertificate(
            builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate())));
    }

    private static String pem(X509Certificate certificate) throws Exception {
        String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
            .encodeToString(certificate.getEncoded());
        return "-----BEGIN CERTIFICATE-----\n" + base64 + "\n-----END CERTIFICATE-----\n";
    }

    @Override
    public void close() {
        server.stop(0);
    }

}
