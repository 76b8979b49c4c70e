package io.apogee.console;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One browser-like HTTP session with the console: keeps the session cookie, remembers the CSRF token of the last page
 * it fetched and sends it with every form it posts (unless told otherwise). Redirects are not followed, so tests
 * see them.
 */
public final class WebSession {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final String base;
    private final HttpClient http;
    private String csrf = "";

    /** A session with the console at {@code base} (e.g. http://127.0.0.1:8080), not logged in. */
    public WebSession(String base) {
        this.base = base;
        this.http = HttpClient.newBuilder().cookieHandler(new CookieManager()).connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public void login(String user, String password) throws Exception {
        get("/login");
        HttpResponse<String> answer = post("/login", Map.of("username", user, "password", password));
        if (answer.statusCode() != 302) {
            throw new IllegalStateException("login as " + user + " failed: " + answer.statusCode());
        }
    }

    /** GET; remembers the page's CSRF token. */
    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher m = CSRF.matcher(answer.body());
        if (m.find()) {
            csrf = m.group(1);
        }
        return answer;
    }

    /** POST of a form with the session's CSRF token. */
    public HttpResponse<String> post(String path, Map<String, String> form) throws IOException, InterruptedException {
        Map<String, String> withToken = new LinkedHashMap<>(form);
        withToken.putIfAbsent("_csrf", csrf);
        return postRaw(path, withToken);
    }

    /** POST of exactly {@code form} (no token added). */
    public HttpResponse<String> postRaw(String path, Map<String, String> form) throws IOException,
            InterruptedException {
        String body = form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return http.send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** GET and follow one redirect, as a browser does after a form. */
    public HttpResponse<String> follow(HttpResponse<String> answer) throws IOException, InterruptedException {
        return answer.statusCode() == 302 ? get(answer.headers().firstValue("Location").orElseThrow()) : answer;
    }
}
