package io.apogee.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Login, session cookie, CSRF and role rules, and the audit log, against a real console and cluster. */
class AccessTest {

    private static ConsoleFixture fixture;

    @BeforeAll
    static void start() throws Exception {
        fixture = new ConsoleFixture();
    }

    @AfterAll
    static void stop() throws Exception {
        fixture.close();
    }

    @Test
    void shouldSendAnAnonymousPageRequestToTheLoginPageAndBackAfterLogin() throws Exception {
        WebSession session = fixture.session();

        HttpResponse<String> answer = session.get("/topics?q=abc");

        assertThat(answer.statusCode()).isEqualTo(302);
        assertThat(answer.headers().firstValue("Location")).hasValue("/login?next=%2Ftopics%3Fq%3Dabc");
        session.get("/login?next=%2Ftopics%3Fq%3Dabc");
        HttpResponse<String> login = session.post("/login", Map.of("username", ConsoleFixture.ADMIN, "password",
                ConsoleFixture.PASSWORD, "next", "/topics?q=abc"));
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().firstValue("Location")).hasValue("/topics?q=abc");
    }

    @Test
    void shouldSetAnHttpOnlySameSiteStrictSessionCookieAndSecurityHeaders() throws Exception {
        WebSession session = fixture.session();
        HttpResponse<String> form = session.get("/login");

        HttpResponse<String> login = session.post("/login", Map.of("username", ConsoleFixture.ADMIN, "password",
                ConsoleFixture.PASSWORD));

        assertThat(login.headers().allValues("Set-Cookie")).anySatisfy(cookie -> assertThat(cookie)
                .startsWith("APOGEE_SESSION=").containsIgnoringCase("HttpOnly")
                .containsIgnoringCase("SameSite=Strict"));
        assertThat(form.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
                assertThat(csp).contains("default-src 'self'", "frame-ancestors 'none'"));
        assertThat(form.headers().firstValue("X-Frame-Options")).hasValue("DENY");
    }

    @Test
    void shouldRefuseAWrongPasswordWithoutSayingWhichPartWasWrong() throws Exception {
        WebSession session = fixture.session();
        session.get("/login");

        HttpResponse<String> wrongPassword = session.post("/login", Map.of("username", ConsoleFixture.ADMIN,
                "password", "nope"));
        HttpResponse<String> unknownUser = session.post("/login", Map.of("username", "mallory", "password", "nope"));

        assertThat(wrongPassword.statusCode()).isEqualTo(401);
        assertThat(unknownUser.statusCode()).isEqualTo(401);
        assertThat(wrongPassword.body()).contains("Wrong user name or password.");
        assertThat(unknownUser.body()).contains("Wrong user name or password.");
        assertThat(session.get("/").statusCode()).isEqualTo(302);
        assertThat(Files.readString(fixture.auditLog())).contains("\"user\":\"mallory\",\"action\":\"login\"",
                "refused");
    }

    @Test
    void shouldRefuseAChangeWithoutTheSessionsCsrfToken() throws Exception {
        WebSession session = fixture.loggedIn(ConsoleFixture.ADMIN);

        HttpResponse<String> noToken = session.postRaw("/topics", Map.of("topic", "CsrfTopic", "cluster",
                "DefaultCluster"));
        HttpResponse<String> wrongToken = session.postRaw("/topics", Map.of("topic", "CsrfTopic", "cluster",
                "DefaultCluster", "_csrf", "forged"));

        assertThat(noToken.statusCode()).isEqualTo(403);
        assertThat(wrongToken.statusCode()).isEqualTo(403);
        assertThat(noToken.body()).contains("CSRF token");
        assertThat(fixture.admin().topicList().topicList).doesNotContain("CsrfTopic");
    }

    @Test
    void shouldRefuseEveryChangeOfAReadOnlyUserButShowThePages() throws Exception {
        WebSession viewer = fixture.loggedIn(ConsoleFixture.VIEWER);

        HttpResponse<String> page = viewer.get("/topics");
        HttpResponse<String> change = viewer.post("/topics", Map.of("topic", "ViewerTopic", "cluster",
                "DefaultCluster"));

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).doesNotContain("id=\"create-topic\"").contains("viewer (read-only)");
        assertThat(change.statusCode()).isEqualTo(403);
        assertThat(change.body()).contains("read-only role");
        assertThat(fixture.admin().topicList().topicList).doesNotContain("ViewerTopic");
    }

    @Test
    void shouldEndTheSessionOnLogout() throws Exception {
        WebSession session = fixture.loggedIn(ConsoleFixture.ADMIN);
        session.get("/");

        HttpResponse<String> logout = session.post("/logout", Map.of());

        assertThat(logout.statusCode()).isEqualTo(302);
        assertThat(session.get("/").statusCode()).isEqualTo(302);
    }

    @Test
    void shouldNeverRedirectOutsideTheConsoleAfterLogin() throws Exception {
        WebSession session = fixture.session();
        session.get("/login");

        HttpResponse<String> login = session.post("/login", Map.of("username", ConsoleFixture.ADMIN, "password",
                ConsoleFixture.PASSWORD, "next", "//evil.example/x"));

        assertThat(login.headers().firstValue("Location")).hasValue("/");
    }
}
